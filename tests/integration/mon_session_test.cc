// Long-lived monitor sessions against a real cluster (CEPH_CONF): the session survives
// ticket renewals, and renewed OSD tickets open OSD sessions.
//
// Run by ticket_renewal.sh against a private cluster whose ticket lifetimes are short.

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <functional>
#include <unistd.h>

#include "messenger/connection.h"
#include "monclient/mon_client.h"
#include "osdc/osdmap_codec.h"
#include "osdc/osdmap_feed.h"
#include "tools/cli/client_setup.h"

namespace radosio {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

// The v2 address (nonce included) of osd.0 from `ceph osd dump`.
std::optional<entity_addr> osd0_addr(const nlohmann::json& dump) {
  for (const auto& osd : dump["osds"]) {
    if (osd["osd"] != 0) continue;
    for (const auto& a : osd["public_addrs"]["addrvec"]) {
      if (a["type"] != "v2") continue;
      const std::string text = a["addr"];
      const auto colon = text.rfind(':');
      std::array<std::uint8_t, 4> ip{};
      if (inet_pton(AF_INET, text.substr(0, colon).c_str(), ip.data()) != 1) return std::nullopt;
      return entity_addr::ipv4(addr_type::msgr2, ip,
                               static_cast<std::uint16_t>(std::stoi(text.substr(colon + 1))),
                               a["nonce"].get<std::uint32_t>());
    }
  }
  return std::nullopt;
}

// Skips without a cluster, unless scripts/test demands one (then a missing cluster fails).
#define REQUIRE_CLUSTER()                                                          \
  do {                                                                             \
    if (!std::getenv("CEPH_CONF")) {                                               \
      const char* required = std::getenv("RADOSIO_REQUIRE_CLUSTER");               \
      if (required && std::string(required) == "1") FAIL() << "CEPH_CONF not set"; \
      GTEST_SKIP() << "needs CEPH_CONF";                                           \
    }                                                                              \
  } while (0)

// Runs `body` as a coroutine against a started monitor client and returns its failure text.
std::string with_client(const std::function<asio::awaitable<std::string>(mon::mon_client&)>& body,
                        mon::mon_client_config* tweak = nullptr) {
  cli::global_options options;
  auto setup = cli::build_client_setup(options);
  if (!setup) return setup.err().what();
  if (tweak) setup->mon.log = tweak->log;
  asio::io_context io;
  mon::mon_client client(io.get_executor(), setup->mon);
  std::string failure;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    auto started = co_await client.start();
    if (!started) failure = started.err().what();
    else failure = co_await body(client);
    client.shutdown();
  }, asio::detached);
  io.run();
  return failure;
}

TEST(MonSession, StatfsAndPoolOps) {
  REQUIRE_CLUSTER();
  const std::string name = "radosio-poolop-" + std::to_string(::getpid());
  const auto failure = with_client([&](mon::mon_client& mon) -> asio::awaitable<std::string> {
    auto st = co_await mon.statfs();
    if (!st) co_return "statfs: " + st.err().what();
    if (st->kb == 0) co_return "statfs reports a cluster of 0 KiB (is the mgr running?)";
    if (st->kb_avail > st->kb) co_return "statfs: more available than total";

    mon::pool_op create;
    create.op = mon::pool_op_code::create;
    create.name = name;
    auto created = co_await mon.pool_operation(create);
    if (!created) co_return "create: " + created.err().what();
    if (created->reply_code != 0) co_return "create refused: " + std::to_string(created->reply_code);
    auto ready = co_await mon.wait_for_osdmap(created->epoch);
    if (!ready) co_return ready.err().what();

    std::vector<std::string> cmd{R"({"prefix":"osd pool ls","detail":"detail","format":"json"})"};
    buffer_list none;
    auto listing = co_await mon.command(std::move(cmd), std::move(none));
    if (!listing || listing->result != 0) co_return "osd pool ls failed";
    std::int64_t id = -1;
    for (const auto& pool : nlohmann::json::parse(listing->output.to_string()))
      if (pool["pool_name"] == name) id = pool["pool_id"].get<std::int64_t>();
    if (id < 0) co_return "the pool created with MPoolOp is not listed";

    mon::pool_op remove;
    remove.op = mon::pool_op_code::remove;
    remove.pool = static_cast<std::uint32_t>(id);
    remove.name = "delete";
    auto removed = co_await mon.pool_operation(remove);
    if (!removed) co_return "remove: " + removed.err().what();
    if (removed->reply_code != 0) co_return "remove refused: " + std::to_string(removed->reply_code);

    auto version = co_await mon.get_version("osdmap");
    if (!version) co_return "get_version: " + version.err().what();
    if (*version < removed->epoch) co_return "osdmap version older than the pool removal";
    co_return "";
  });
  EXPECT_TRUE(failure.empty()) << failure;
}

// Runs a shell command (ceph CLI) and returns its output; empty on failure.
std::string shell(const std::string& command) {
  std::string out;
  if (FILE* p = ::popen((command + " 2>&1").c_str(), "r")) {
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof(buf), p)) out.append(buf, n);
    if (::pclose(p) != 0) out = "FAILED: " + out;
  }
  return out;
}

// The fields a client uses, compared between our map (built from the monitor's feed by
// applying incrementals) and the map `ceph osd getmap EPOCH` returns for the same epoch.
std::string differences(const osdc::osdmap_state& ours, const osdc::osdmap_state& theirs) {
  std::string bad;
  auto check = [&](bool same, const char* what) {
    if (!same) bad += std::string(bad.empty() ? "" : ", ") + what;
  };
  check(ours.epoch == theirs.epoch, "epoch");
  check(ours.fsid == theirs.fsid, "fsid");
  check(ours.pools == theirs.pools, "pools");
  check(ours.pool_names == theirs.pool_names, "pool_names");
  check(ours.pool_max == theirs.pool_max, "pool_max");
  check(ours.flags == theirs.flags, "flags");
  check(ours.max_osd == theirs.max_osd, "max_osd");
  check(ours.osd_state == theirs.osd_state, "osd_state");
  check(ours.osd_weight == theirs.osd_weight, "osd_weight");
  check(ours.client_addrs == theirs.client_addrs, "client_addrs");
  check(ours.pg_temp == theirs.pg_temp, "pg_temp");
  check(ours.primary_temp == theirs.primary_temp, "primary_temp");
  check(ours.primary_affinity == theirs.primary_affinity, "primary_affinity");
  check(ours.crush == theirs.crush, "crush");
  check(ours.erasure_code_profiles == theirs.erasure_code_profiles, "erasure_code_profiles");
  check(ours.pg_upmap == theirs.pg_upmap, "pg_upmap");
  check(ours.pg_upmap_items == theirs.pg_upmap_items, "pg_upmap_items");
  check(ours.crush_version == theirs.crush_version, "crush_version");
  return bad;
}

// A client that follows the cluster through many epochs (pools created and removed, OSDs
// out and in, upmaps, temps, affinity) holds, at each epoch, the map `ceph osd getmap`
// gives for it.
TEST(MonSession, FollowsOsdmapEpochs) {
  REQUIRE_CLUSTER();
  const std::string pool = "radosio-follow-" + std::to_string(::getpid());
  const std::string tmp = "/tmp/radosio-follow-" + std::to_string(::getpid()) + ".map";
  const std::vector<std::string> changes{
      "ceph osd pool create " + pool + " 8 8",
      "ceph osd out 1",
      "ceph osd in 1",
      "ceph osd primary-affinity osd.2 0.5",
      "ceph osd set-require-min-compat-client luminous --yes-i-really-mean-it",
      "ceph osd pg-upmap-items $(ceph osd pool ls detail -f json | python3 -c \"import json,sys; print([p['pool_id'] for p in json.load(sys.stdin) if p['pool_name']=='" + pool + "'][0])\").0 0 1",
      "ceph osd pg-temp $(ceph osd pool ls detail -f json | python3 -c \"import json,sys; print([p['pool_id'] for p in json.load(sys.stdin) if p['pool_name']=='" + pool + "'][0])\").1 2",
      "ceph osd primary-affinity osd.2 1",
      "ceph osd pool rm " + pool + " " + pool + " --yes-i-really-really-mean-it",
  };
  std::size_t compared = 0;
  const auto failure = with_client([&](mon::mon_client& mon) -> asio::awaitable<std::string> {
    for (const auto& change : changes) {
      const auto said = shell(change);
      if (said.starts_with("FAILED")) co_return change + ": " + said;
      const auto got = shell("ceph osd getmap -o " + tmp);
      const auto at = got.find("got osdmap epoch ");
      if (at == std::string::npos) co_return "ceph osd getmap: " + got;
      const auto epoch = static_cast<std::uint32_t>(std::stoul(got.substr(at + 17)));
      auto ready = co_await mon.wait_for_osdmap(epoch);
      if (!ready) co_return ready.err().what();
      auto ours = osdc::newest_osdmap(mon.osdmaps());
      if (!ours) co_return "our map: " + ours.err().what();
      std::ifstream in(tmp, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto theirs = osdc::decode_osdmap(buffer::adopt(std::move(bytes)));
      if (!theirs) co_return "ceph's map: " + theirs.err().what();
      // Our newest may be newer than the epoch ceph saved; compare only equal epochs.
      if ((*ours)->epoch() != (*theirs)->epoch()) continue;
      if (auto diff = differences((*ours)->state(), (*theirs)->state()); !diff.empty())
        co_return "epoch " + std::to_string(epoch) + " after '" + change + "' differs in: " + diff;
      ++compared;
    }
    co_return "";
  });
  std::remove(tmp.c_str());
  // Leave the shared cluster as we found it, whatever happened above.
  shell("ceph osd in 1; ceph osd primary-affinity osd.2 1; ceph osd pool rm " + pool + " " + pool +
        " --yes-i-really-really-mean-it");
  EXPECT_TRUE(failure.empty()) << failure;
  EXPECT_GE(compared, changes.size() - 2) << "too few epochs could be compared";
}

TEST(MonSession, OutlivesTwoTicketRenewals) {
  if (!std::getenv("RADOSIO_RENEWAL_TEST_SECONDS")) GTEST_SKIP() << "run by ticket_renewal.sh";
  REQUIRE_CLUSTER();
  const auto seconds = std::getenv("RADOSIO_RENEWAL_TEST_SECONDS");
  const auto limit = std::chrono::seconds(seconds ? std::atoi(seconds) : 150);

  cli::global_options options;
  auto setup = cli::build_client_setup(options);
  ASSERT_TRUE(setup) << setup.err().what();
  setup->mon.log = [](mon::log_level level, std::string_view text) {
    if (level != mon::log_level::debug) std::fprintf(stderr, "  [mon_client] %.*s\n", int(text.size()), text.data());
  };
  asio::io_context io;
  mon::mon_client client(io.get_executor(), setup->mon);
  std::string failure;
  std::uint64_t commands = 0;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    auto started = co_await client.start();
    if (!started) {
      failure = started.err().what();
      co_return;
    }
    const auto begin = clock_type::now();
    asio::steady_timer pause(io);
    while (clock_type::now() - begin < limit) {
      std::vector<std::string> cmd{R"({"prefix":"osd dump","format":"json"})"};
      buffer_list none;
      auto reply = co_await client.command(std::move(cmd), std::move(none));
      if (!reply || reply->result != 0) {
        failure = reply ? reply->status : reply.err().what();
        break;
      }
      ++commands;
      // Once tickets were renewed twice over the session and the AUTH ticket once by
      // re-authenticating, prove the renewed OSD ticket opens an OSD session.
      if (client.renewals() >= 2 && client.reauthentications() >= 1) {
        const auto dump = nlohmann::json::parse(reply->output.to_string());
        const auto addr = osd0_addr(dump);
        const auto* ticket = client.tickets().find(entity_type::osd);
        if (!addr || !ticket) {
          failure = "no osd.0 address or no OSD ticket";
          break;
        }
        msgr::cephx_authorizer_auth auth(*ticket, client.global_id());
        msgr::handshake_params p;
        p.target = *addr;
        p.peer_type = entity_type::osd;
        auto conn = co_await msgr::connection::connect(io.get_executor(), p, auth, 10s);
        if (!conn) failure = "OSD session with the renewed ticket failed: " + conn.err().what();
        break;
      }
      pause.expires_after(2s);
      co_await pause.async_wait(asio::use_awaitable);
    }
    client.shutdown();
  }, asio::detached);
  io.run();
  EXPECT_TRUE(failure.empty()) << failure;
  EXPECT_GE(client.renewals(), 2u) << "fewer than two service-ticket renewals in " << limit.count() << " s";
  EXPECT_GE(client.reauthentications(), 1u) << "the AUTH ticket was never renewed";
  EXPECT_GT(commands, 10u);
}

}  // namespace
}  // namespace radosio
