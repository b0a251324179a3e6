// Object commands, as Ceph's `rados` has them: put, get, rm, stat, stat2, ls (append,
// truncate, create, touch and cp are in object_data_commands.cc). Same arguments, same
// output, same error lines and exit status.

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>

#include "radosio/ioctx.h"
#include "tools/cli/ceph_format.h"
#include "tools/cli/runner.h"
#include "tools/commands/commands.h"
#include "tools/commands/object_common.h"
#include "tools/commands/object_io.h"
#include "tools/commands/snap_option.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;

// rados prints "error VERBing POOL/OBJ: (errno) text" and exits 1.
int object_error(std::string_view verb, const ioctx& io, std::string_view oid, const error& e) {
  return report_failure(fmt::format("error {} {}/{}", verb, io.pool_name(), printable(oid)), e);
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
      auto io = co_await open_object_pool(ctx);
      if (!io) co_return 1;
      const auto chunk = std::min(a->chunk, ctx.setup.osd_max_write_size);
      auto written = co_await put_object(*io, a->oid, a->file, a->offset, chunk);
      if (!written && written.local_file) {
        fmt::print(stderr, "{}\n", written.local_file_problem());  // rados says only this
        co_return 1;
      }
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
      auto io = co_await open_object_pool(ctx);
      if (!io) co_return 1;
      auto got = co_await get_object(*io, a->oid, a->file, a->chunk);
      // A local file problem first, then what rados adds: "error getting POOL/OBJ: ...".
      if (!got && got.local_file) fmt::print(stderr, "{}\n", got.local_file_problem());
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
      auto io = co_await open_object_pool(ctx);
      if (!io) co_return 1;
      auto st = co_await io->stat(a->oid);
      if (!st) {
        // rados words this one with a leading space.
        co_return report_failure(fmt::format(" error stat-ing {}/{}", io->pool_name(), printable(a->oid)), st.err());
      }
      auto mtime = st->mtime;
      if (!precise) mtime = std::chrono::floor<std::chrono::seconds>(mtime);
      if (ctx.options.parsed_format() != output_format::plain) {
        nlohmann::json j{{"pool", io->pool_name()}, {"object", a->oid}, {"size", st->size},
                         {"mtime", ceph_time(mtime)}};
        fmt::print("{}\n", j.dump(ctx.options.parsed_format() == output_format::json_pretty ? 4 : -1));
      } else {
        fmt::print("{}/{} mtime {}, size {}\n", io->pool_name(), printable(a->oid), ceph_time(mtime), st->size);
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
      auto io = co_await open_object_pool(ctx);
      if (!io) co_return 1;
      for (const auto& oid : a->oids) {
        auto removed = co_await io->remove(oid);
        if (!removed) {
          // rados words this one POOL>NAMESPACE/OBJ.
          const auto& ns = io->get_namespace();
          co_return report_failure(fmt::format("error removing {}>{}{}{}", io->pool_name(), ns, ns.empty() ? "" : "/",
                                               printable(oid)),
                                   removed.err());
        }
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
      auto io = co_await open_object_pool(ctx);
      if (!io) co_return 1;
      io->set_all_namespaces(a->all);
      const bool json = ctx.options.parsed_format() != output_format::plain;
      // rados formats the listing with Ceph's JSONFormatter: keys in its order, no newline.
      ceph_json listing(ctx.options.parsed_format() == output_format::json_pretty);
      listing.open_array("objects");
      list_cursor cursor;
      while (!cursor.at_end()) {
        auto page = co_await io->list(cursor, 1024);
        if (!page) co_return page.err();
        for (const auto& e : page->entries) {
          if (json) {
            listing.open_object("object");
            listing.dump_string("namespace", e.nspace);
            listing.dump_string("name", e.name);
            if (!e.locator.empty()) listing.dump_string("locator", e.locator);
            listing.close();
          } else if (a->all) {  // rados prints the (possibly empty) namespace and a tab
            fmt::print("{}\t{}\n", e.nspace, e.name);
          } else {
            fmt::print("{}\n", e.name);
          }
        }
        cursor = std::move(page->next);
      }
      if (json) {
        listing.close();
        fmt::print("{}", listing.text());
      }
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
