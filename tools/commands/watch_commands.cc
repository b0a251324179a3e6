// watch and notify, as `rados watch` / `rados notify` print them.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <unistd.h>

#include "common/encoding/encoder.h"
#include "radosio/ioctx.h"
#include "tools/cli/hexdump.h"
#include "tools/cli/runner.h"
#include "tools/commands/commands.h"
#include "tools/commands/object_common.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;

struct watch_args {
  std::string oid;
  std::string message;
  double duration = 0;  // seconds; 0: until enter (or end of input) or a signal
  unsigned timeout = 10;  // notify: seconds to wait for acks (rados uses 10)
};

// Waits for enter on stdin, end of input, SIGINT/SIGTERM, or `duration` seconds.
asio::awaitable<void> wait_until_told(double duration) {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer stop(ex, asio::steady_timer::time_point::max());
  if (duration > 0) stop.expires_after(std::chrono::milliseconds(static_cast<long>(duration * 1000)));
  asio::signal_set signals(ex, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) stop.cancel();
  });
  std::optional<asio::posix::stream_descriptor> in;
  char byte = 0;
  if (duration <= 0) {
    in.emplace(ex, ::dup(STDIN_FILENO));
    in->async_read_some(asio::buffer(&byte, 1), [&](const boost::system::error_code&, std::size_t) { stop.cancel(); });
  }
  boost::system::error_code ec;
  co_await stop.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  signals.cancel();
  if (in) in->cancel();
}

void add_watch(CLI::App& app, global_options& options, int& exit_status) {
  auto a = std::make_shared<watch_args>();
  auto* cmd = app.add_subcommand("watch", "watch an object and print (and ack) each notify, as `rados watch`");
  cmd->add_option("object", a->oid, "object name")->required();
  cmd->add_option("--duration", a->duration, "stop after this many seconds (default: when enter is pressed)");
  cmd->callback([&, a] {
    exit_status = run_object_command(options, [&](object_context& ctx) -> asio::awaitable<result<int>> {
      auto io = co_await open_object_pool(ctx);  // rados's "error opening pool P: ..." and exit 1
      if (!io) co_return 1;
      auto ex = co_await asio::this_coro::executor;
      ioctx acker = *io;
      auto on_notify = [ex, acker, oid = a->oid](const notify_event& e) mutable {
        if (e.disconnected) return;
        fmt::print("NOTIFY cookie {} notify_id {} from {}\n{}", e.cookie, e.notify_id, e.notifier_id,
                   ceph_hexdump(e.payload));
        std::fflush(stdout);
        // rados acks with the payload it received.
        asio::co_spawn(ex, acker.notify_ack(oid, e.notify_id, e.cookie, e.payload), asio::detached);
      };
      auto on_error = [](std::uint64_t cookie, const error& e) {
        fmt::print("ERROR cookie {} err {}\n", cookie, e.what());
        std::fflush(stdout);
      };
      auto cookie = co_await io->watch(a->oid, on_notify, on_error);
      if (!cookie) {
        const int err = failure_errno(cookie.err());
        fmt::print(stderr, "error calling watch: ({}) {}\n", err, std::strerror(err));
        co_return 1;
      }
      fmt::print("press enter to exit...\n");
      std::fflush(stdout);
      co_await wait_until_told(a->duration);
      (void)co_await io->unwatch(*cookie);
      co_return 0;
    });
  });
}

void add_notify(CLI::App& app, global_options& options, int& exit_status) {
  auto a = std::make_shared<watch_args>();
  auto* cmd = app.add_subcommand("notify", "notify the watchers of an object and print their replies, as `rados notify`");
  cmd->add_option("object", a->oid, "object name")->required();
  cmd->add_option("message", a->message, "the message (sent encoded as a string, as rados does)")->required();
  cmd->add_option("--timeout", a->timeout, "seconds to wait for the watchers' acks (default 10)");
  cmd->callback([&, a] {
    exit_status = run_object_command(options, [&](object_context& ctx) -> asio::awaitable<result<int>> {
      auto io = co_await open_object_pool(ctx);  // rados's "error opening pool P: ..." and exit 1
      if (!io) co_return 1;
      wire::encoder e(4 + a->message.size());
      encode(e, a->message);
      buffer_list payload(std::move(e).finish());
      auto reply = co_await io->notify(a->oid, std::move(payload), a->timeout);
      if (!reply) {
        const int err = failure_errno(reply.err());
        fmt::print(stderr, "error calling notify: ({}) {}\nerror {}: ({}) {}\n", err, std::strerror(err), err, err,
                   std::strerror(err));
        co_return 1;
      }
      if (ctx.options.parsed_format() != output_format::plain) {
        nlohmann::json j{{"acks", nlohmann::json::array()}, {"timeouts", nlohmann::json::array()}};
        for (const auto& ack : reply->acks)
          j["acks"].push_back({{"client", ack.watcher_id}, {"cookie", ack.cookie}, {"bytes", ack.reply.size()}});
        for (const auto& [gid, cookie] : reply->timed_out) j["timeouts"].push_back({{"client", gid}, {"cookie", cookie}});
        fmt::print("{}\n", j.dump(ctx.options.parsed_format() == output_format::json_pretty ? 4 : -1));
      } else {
        for (const auto& ack : reply->acks) {
          fmt::print("reply client.{} cookie {} : {} bytes\n{}", ack.watcher_id, ack.cookie, ack.reply.size(),
                     ceph_hexdump(ack.reply));
        }
        for (const auto& [gid, cookie] : reply->timed_out) fmt::print("timeout client.{} cookie {}\n", gid, cookie);
      }
      co_return 0;
    });
  });
}

}  // namespace

void add_watch_commands(CLI::App& app, global_options& options, int& exit_status) {
  add_watch(app, options, exit_status);
  add_notify(app, options, exit_status);
}

}  // namespace radosio::cli
