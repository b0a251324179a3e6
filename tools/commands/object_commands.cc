// Object commands, as Ceph's `rados` has them: put, get, append, truncate, create, rm, cp,
// stat, stat2, touch, ls. Same arguments, same output, same error lines and exit status.

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <unistd.h>

#include "radosio/ioctx.h"
#include "tools/cli/runner.h"
#include "tools/commands/commands.h"
#include "tools/commands/object_io.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;

// Ceph's utime_t printing: local time, microseconds, numeric zone ("2026-11-23T02:47:01.123456+0000").
std::string ceph_time(object_time t) {
  const auto ns = t.time_since_epoch().count();
  const std::time_t sec = static_cast<std::time_t>(ns / 1'000'000'000);
  const long usec = static_cast<long>((ns % 1'000'000'000) / 1000);
  std::tm tm{};
  localtime_r(&sec, &tm);
  char date[64];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
  char zone[16];
  std::strftime(zone, sizeof zone, "%z", &tm);
  return fmt::format("{}.{:06}{}", date, usec, zone);
}

// rados prints "error VERBing POOL/OBJ: (errno) text" and exits 1 (for rm, "POOL>OBJ").
int object_error(std::string_view verb, const ioctx& io, std::string_view oid, const error& e,
                 std::string_view separator = "/") {
  const int err = e.code.category() == std::generic_category() ? e.code.value() : 0;
  if (err > 0) {
    fmt::print(stderr, "error {} {}{}{}: ({}) {}\n", verb, io.pool_name(), separator, oid, err, std::strerror(err));
  } else {
    fmt::print(stderr, "error {} {}{}{}: {}\n", verb, io.pool_name(), separator, oid, e.what());
  }
  return 1;
}

// The pool from -p, opened with -N, or an error worded as rados words it.
asio::awaitable<result<ioctx>> open_target_pool(object_context& ctx) {
  if (ctx.options.pool.empty()) {
    co_return error{std::make_error_code(std::errc::invalid_argument), "no pool given: use -p POOL"};
  }
  auto io = co_await ctx.rados.open_pool(ctx.options.pool);
  if (!io) {
    co_return error{io.err().code, fmt::format("error opening pool {}: ({}) {}", ctx.options.pool,
                                               io.err().code.value(), io.err().code.message())};
  }
  io->set_namespace(ctx.options.nspace);
  co_return std::move(*io);
}

struct object_args {
  std::string oid;
  std::string file;
  std::string oid2;
  std::vector<std::string> oids;
  std::uint64_t size = 0;
  bool all = false;
  bool exclusive = false;
  std::uint64_t offset = 0;
  std::uint64_t chunk = default_chunk_size;
};

void add_put(CLI::App& app, global_options& options, int& exit_status) {
  auto a = std::make_shared<object_args>();
  auto* cmd = app.add_subcommand("put", "write an object from a file ('-' for stdin), as `rados put`");
  cmd->add_option("object", a->oid, "object name")->required();
  cmd->add_option("infile", a->file, "input file, or - for stdin")->required();
  cmd->add_option("--offset", a->offset, "write at this offset instead of replacing the object");
  cmd->add_option("--chunk-size", a->chunk, "bytes per write (default: 4 MiB, capped by osd_max_write_size)");
  cmd->callback([&, a] {
    exit_status = run_object_command(options, [&](object_context& ctx) -> asio::awaitable<result<int>> {
      auto io = co_await open_target_pool(ctx);
      if (!io) co_return io.err();
      auto written = co_await put_object(*io, a->oid, a->file, a->offset, a->chunk);
      if (!written) co_return object_error("putting", *io, a->oid, written.err());
      co_return 0;
    });
  });
}

void add_get(CLI::App& app, global_options& options, int& exit_status) {
  auto a = std::make_shared<object_args>();
  auto* cmd = app.add_subcommand("get", "read an object into a file ('-' for stdout), as `rados get`");
  cmd->add_option("object", a->oid, "object name")->required();
  cmd->add_option("outfile", a->file, "output file, or - for stdout")->required();
  cmd->add_option("--chunk-size", a->chunk, "bytes per read (default: 4 MiB)");
  cmd->callback([&, a] {
    exit_status = run_object_command(options, [&](object_context& ctx) -> asio::awaitable<result<int>> {
      auto io = co_await open_target_pool(ctx);
      if (!io) co_return io.err();
      auto got = co_await get_object(*io, a->oid, a->file, a->chunk);
      if (!got) co_return object_error("getting", *io, a->oid, got.err());
      co_return 0;
    });
  });
}

void add_stat(CLI::App& app, global_options& options, int& exit_status, bool precise) {
  auto a = std::make_shared<object_args>();
  auto* cmd = app.add_subcommand(precise ? "stat2" : "stat",
                                 precise ? "size and mtime (to the microsecond), as `rados stat2`"
                                         : "size and mtime, as `rados stat`");
  cmd->add_option("object", a->oid, "object name")->required();
  cmd->callback([&, a, precise] {
    exit_status = run_object_command(options, [&, precise](object_context& ctx) -> asio::awaitable<result<int>> {
      auto io = co_await open_target_pool(ctx);
      if (!io) co_return io.err();
      auto st = co_await io->stat(a->oid);
      if (!st) {
        // rados words this one with a leading space.
        const int err = st.err().code.value();
        fmt::print(stderr, " error stat-ing {}/{}: ({}) {}\n", io->pool_name(), a->oid, err, std::strerror(err));
        co_return 1;
      }
      auto mtime = st->mtime;
      if (!precise) mtime = std::chrono::floor<std::chrono::seconds>(mtime);
      if (ctx.options.parsed_format() != output_format::plain) {
        nlohmann::json j{{"pool", io->pool_name()}, {"object", a->oid}, {"size", st->size},
                         {"mtime", ceph_time(mtime)}};
        fmt::print("{}\n", j.dump(ctx.options.parsed_format() == output_format::json_pretty ? 4 : -1));
      } else {
        fmt::print("{}/{} mtime {}, size {}\n", io->pool_name(), a->oid, ceph_time(mtime), st->size);
      }
      co_return 0;
    });
  });
}

void add_rm(CLI::App& app, global_options& options, int& exit_status) {
  auto a = std::make_shared<object_args>();
  auto* cmd = app.add_subcommand("rm", "remove objects, as `rados rm`");
  cmd->add_option("objects", a->oids, "object names")->required();
  cmd->callback([&, a] {
    exit_status = run_object_command(options, [&](object_context& ctx) -> asio::awaitable<result<int>> {
      auto io = co_await open_target_pool(ctx);
      if (!io) co_return io.err();
      for (const auto& oid : a->oids) {
        auto removed = co_await io->remove(oid);
        if (!removed) co_return object_error("removing", *io, oid, removed.err(), ">");
      }
      co_return 0;
    });
  });
}

void add_ls(CLI::App& app, global_options& options, int& exit_status) {
  auto a = std::make_shared<object_args>();
  auto* cmd = app.add_subcommand("ls", "list the objects of a pool (one namespace, or --all), as `rados ls`");
  cmd->add_flag("--all", a->all, "every namespace (lines are NAMESPACE<tab>NAME)");
  cmd->callback([&, a] {
    exit_status = run_object_command(options, [&](object_context& ctx) -> asio::awaitable<result<int>> {
      auto io = co_await open_target_pool(ctx);
      if (!io) co_return io.err();
      io->set_all_namespaces(a->all);
      const bool json = ctx.options.parsed_format() != output_format::plain;
      auto listing = nlohmann::json::array();
      list_cursor cursor;
      while (!cursor.at_end()) {
        auto page = co_await io->list(cursor, 1024);
        if (!page) co_return page.err();
        for (const auto& e : page->entries) {
          if (json) {
            nlohmann::json item{{"namespace", e.nspace}, {"name", e.name}};
            if (!e.locator.empty()) item["locator"] = e.locator;
            listing.push_back(std::move(item));
          } else if (a->all) {  // rados prints the (possibly empty) namespace and a tab
            fmt::print("{}\t{}\n", e.nspace, e.name);
          } else {
            fmt::print("{}\n", e.name);
          }
        }
        cursor = std::move(page->next);
      }
      if (json) fmt::print("{}\n", listing.dump(ctx.options.parsed_format() == output_format::json_pretty ? 4 : -1));
      co_return 0;
    });
  });
}

}  // namespace

void add_object_commands(CLI::App& app, global_options& options, int& exit_status) {
  add_put(app, options, exit_status);
  add_get(app, options, exit_status);
  add_stat(app, options, exit_status, false);
  add_stat(app, options, exit_status, true);
  add_rm(app, options, exit_status);
  add_ls(app, options, exit_status);
}

}  // namespace radosio::cli
