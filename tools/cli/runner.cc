#include "tools/cli/runner.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

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
  if (options.verbose) {
    setup->mon.log = [](mon::log_level level, std::string_view text) {
      static constexpr const char* names[] = {"debug", "info", "warning", "error"};
      fmt::print(stderr, "[{}] {}\n", names[static_cast<int>(level)], text);
    };
  }
  return setup;
}

}  // namespace

int run_command(const global_options& options, const command_body& body) {
  auto setup = setup_for(options);
  if (!setup) return report(setup.err());
  boost::asio::io_context io;
  mon::mon_client client(io.get_executor(), setup->mon);
  int exit_status = 1;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        auto started = co_await client.start();
        if (!started) {
          exit_status = report(started.err());
          client.shutdown();
          co_return;
        }
        command_context ctx{options, *setup, client};
        auto outcome = co_await body(ctx);
        exit_status = outcome ? *outcome : report(outcome.err());
        client.shutdown();
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  return exit_status;
}

int run_object_command(const global_options& options, const object_command_body& body) {
  auto setup = setup_for(options);
  if (!setup) return report(setup.err());
  int exit_status = 1;
  boost::asio::io_context io;
  radosio::client rados(io.get_executor(), setup->mon, setup->objecter());
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        auto connected = co_await rados.connect();
        if (!connected) {
          exit_status = report(connected.err());
          rados.shutdown();
          co_return;
        }
        object_context ctx{options, *setup, rados};
        auto outcome = co_await body(ctx);
        exit_status = outcome ? *outcome : report(outcome.err());
        rados.shutdown();
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  return exit_status;
}

}  // namespace radosio::cli
