// Pool snapshot commands, as Ceph's `rados` has them: mksnap, rmsnap, lssnap, rollback. Same
// words, same output, same error lines and exit status. (Reads at a snapshot are the global
// -s/--snap option: tools/commands/snap_option.h.)

#include <fmt/format.h>

#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "common/types/pg_pool.h"
#include "osdc/objecter.h"
#include "radosio/ioctx.h"
#include "tools/cli/runner.h"
#include "tools/commands/commands.h"
#include "tools/commands/object_common.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;

// rados checks the words after opening the pool (and selecting -s), as these do.
const object_command_spec lssnap_spec{
    "lssnap", "", "list the pool's snapshots (id, name, date), as `rados lssnap`", false};
const object_command_spec mksnap_spec{"mksnap", "<snap-name>",
                                      "create a pool snapshot, as `rados mksnap`", false};
const object_command_spec rmsnap_spec{"rmsnap", "<snap-name>",
                                      "remove a pool snapshot, as `rados rmsnap`", false};
const object_command_spec rollback_spec{
    "rollback", "<obj-name> <snap-name>",
    "roll an object back to a pool snapshot, as `rados rollback`", false};

// lssnap's stamp: local time as "2026.11.23 03:16:24".
std::string lssnap_time(object_time stamp) {
  const std::time_t t = std::chrono::floor<std::chrono::seconds>(stamp).time_since_epoch().count();
  std::tm tm{};
  localtime_r(&t, &tm);
  return fmt::format("{:04}.{:02}.{:02} {:02}:{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

// librados's get_pool_is_selfmanaged_snaps_mode, from the client's current map.
bool selfmanaged_snaps_mode(object_context& ctx, const ioctx& io) {
  auto map = ctx.rados.objects().map();
  const pg_pool* pool = map ? map->pool(io.pool_id()) : nullptr;
  return pool && (pool->flags & pool_flag::selfmanaged_snaps) != 0;
}

asio::awaitable<int> lssnap(object_context&, ioctx& io, const object_words& w) {
  if (!w.words.empty()) co_return usage_error(lssnap_spec);
  auto snaps = io.snap_list();
  if (!snaps) {
    fmt::print(stderr, "{}\n", snaps.err().what());
    co_return 1;
  }
  for (const auto& s : *snaps) fmt::print("{}\t{}\t{}\n", s.id, s.name, lssnap_time(s.stamp));
  fmt::print("{} snaps\n", snaps->size());
  co_return 0;
}

asio::awaitable<int> mksnap(object_context& ctx, ioctx& io, const object_words& w) {
  if (w.words.empty()) co_return usage_error(mksnap_spec);
  const auto& name = w.words[0];
  if (selfmanaged_snaps_mode(ctx, io)) {
    fmt::print(stderr, "can't create snapshot: pool {} is in selfmanaged snaps mode\n",
               io.pool_name());
    co_return 1;
  }
  auto made = co_await io.snap_create(name);
  if (!made) {
    co_return report_failure(
        fmt::format("error creating pool {} snapshot {}", io.pool_name(), name), made.err());
  }
  fmt::print("created pool {} snap {}\n", io.pool_name(), name);
  co_return 0;
}

asio::awaitable<int> rmsnap(object_context&, ioctx& io, const object_words& w) {
  if (w.words.empty()) co_return usage_error(rmsnap_spec);
  const auto& name = w.words[0];
  auto removed = co_await io.snap_remove(name);
  if (!removed) {
    co_return report_failure(
        fmt::format("error removing pool {} snapshot {}", io.pool_name(), name), removed.err());
  }
  fmt::print("removed pool {} snap {}\n", io.pool_name(), name);
  co_return 0;
}

asio::awaitable<int> rollback(object_context&, ioctx& io, const object_words& w) {
  if (w.words.size() < 2) co_return usage_error(rollback_spec);
  const auto& oid = w.words[0];
  const auto& snap = w.words[1];
  auto done = co_await io.rollback(oid, snap);
  if (!done) {
    // rados names the object where it means the snapshot, with no separator before the
    // error: "error rolling back pool P to snapshot OBJ(2) No such file or directory".
    fmt::print(stderr, "error rolling back pool {} to snapshot {}{}\n", io.pool_name(), oid,
               errno_text(failure_errno(done.err())));
    co_return 1;
  }
  fmt::print("rolled back pool {} to snapshot {}\n", io.pool_name(), snap);
  co_return 0;
}

}  // namespace

void add_snapshot_commands(CLI::App& app, global_options& options, int& exit_status) {
  for (const auto& [spec, body] :
       {std::pair{&lssnap_spec, &lssnap}, std::pair{&mksnap_spec, &mksnap},
        std::pair{&rmsnap_spec, &rmsnap}, std::pair{&rollback_spec, &rollback}}) {
    add_object_command(app, options, exit_status, *spec, std::make_shared<object_words>(), body);
  }
}

}  // namespace radosio::cli
