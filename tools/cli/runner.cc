#include "tools/cli/runner.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>

#include <functional>
#include <optional>

#include <fmt/format.h>

#include <cstring>
#include <iostream>

namespace radosio::cli {

std::string errno_message(int err, std::string_view detail) {
  const char* name = strerrorname_np(err);
  return fmt::format("Error {}: {}", name ? name : std::to_string(err),
                     detail.empty() ? std::strerror(err) : detail);
}

boost::asio::awaitable<result<int>> ceph_style_command(mon::mon_client& mon, std::string json,
                                                       buffer_list input) {
  // (Named, not braced in the co_await: GCC 12 miscompiles initializer lists there.)
  std::vector<std::string> words{std::move(json)};
  auto reply = co_await mon.command(std::move(words), std::move(input));
  if (!reply) co_return reply.err();
  for (const auto& seg : reply->output.segments()) fmt::print("{}", seg.as_string_view());
  if (!reply->output.empty() && reply->output.segments().back().as_string_view().back() != '\n')
    fmt::print("\n");
  std::fflush(stdout);
  if (reply->result < 0) {
    fmt::print(stderr, "{}\n", errno_message(-reply->result, reply->status));
    co_return -reply->result;
  }
  if (!reply->status.empty()) fmt::print(stderr, "{}\n", reply->status);
  co_return 0;
}

int report(const error& e) {
  fmt::print(stderr, "rados-client: {}\n", e.what());
  if (e.code.category() == std::generic_category() && e.code.value() > 0 && e.code.value() < 256)
    return e.code.value();
  return 1;
}

namespace {

// The configuration, with the log sink -v asks for.
result<client_setup> setup_for(const global_options& options) {
  auto setup = build_client_setup(options);
  if (!setup) return setup;
  for (const auto& warning : setup->warnings) fmt::print(stderr, "{}\n", warning);
  if (options.verbose) {
    setup->mon.log = [](mon::log_level level, std::string_view text) {
      static constexpr const char* names[] = {"debug", "info", "warning", "error"};
      fmt::print(stderr, "[{}] {}\n", names[static_cast<int>(level)], text);
    };
  }
  return setup;
}

// Starts a session with `start`, runs `body`, stops with `stop`, all on a private
// io_context; `release` then destroys the session while its io_context still exists.
// Returns the body's exit status or the reported failure's.
int run_session(const std::function<boost::asio::awaitable<status>()>& start,
                const std::function<boost::asio::awaitable<result<int>>()>& body,
                const std::function<void()>& stop, const std::function<void()>& release) {
  boost::asio::io_context io;
  int exit_status = 1;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        auto started = co_await start();
        if (started) {
          auto outcome = co_await body();
          exit_status = outcome ? *outcome : report(outcome.err());
        } else {
          exit_status = report(started.err());
        }
        stop();
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  release();
  return exit_status;
}

}  // namespace

int run_command(const global_options& options, const command_body& body) {
  auto setup = setup_for(options);
  if (!setup) return report(setup.err());
  std::optional<mon::mon_client> client;
  return run_session(
      [&]() -> boost::asio::awaitable<status> {
        auto ex = co_await boost::asio::this_coro::executor;
        client.emplace(ex, setup->mon);
        co_return co_await client->start();
      },
      [&]() -> boost::asio::awaitable<result<int>> {
        command_context ctx{options, *setup, *client};
        co_return co_await body(ctx);
      },
      [&] { client->shutdown(); }, [&] { client.reset(); });
}

int run_object_command(const global_options& options, const object_command_body& body) {
  auto setup = setup_for(options);
  if (!setup) return report(setup.err());
  std::optional<radosio::client> rados;
  return run_session(
      [&]() -> boost::asio::awaitable<status> {
        auto ex = co_await boost::asio::this_coro::executor;
        rados.emplace(ex, setup->mon, setup->objecter());
        co_return co_await rados->connect();
      },
      [&]() -> boost::asio::awaitable<result<int>> {
        object_context ctx{options, *setup, *rados};
        co_return co_await body(ctx);
      },
      [&] { rados->shutdown(); }, [&] { rados.reset(); });
}

}  // namespace radosio::cli
