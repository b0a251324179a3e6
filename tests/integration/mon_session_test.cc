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

TEST(MonSession, OutlivesTwoTicketRenewals) {
  if (!std::getenv("CEPH_CONF")) GTEST_SKIP() << "needs CEPH_CONF";
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
      // Once two renewals happened, prove the renewed OSD ticket opens an OSD session.
      if (client.renewals() >= 2) {
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
  EXPECT_GE(client.renewals(), 2u) << "the session did not last through two renewals in " << limit.count() << " s";
  EXPECT_GT(commands, 10u);
}

}  // namespace
}  // namespace radosio
