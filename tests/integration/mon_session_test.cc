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

#include <cstdlib>
#include <functional>
#include <unistd.h>

#include "messenger/connection.h"
#include "monclient/mon_client.h"
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
