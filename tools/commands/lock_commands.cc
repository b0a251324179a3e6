// `lock list|info|get|break`, as Ceph's `rados lock` has them: the same words and options
// (--lock-tag, --lock-cookie, --lock-description, --lock-duration, --lock-type), lock lists
// and lock information printed by Ceph's JSON formatter (compact without -f, as rados does),
// and the same error lines and exit status.

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "radosio/cls_lock.h"
#include "radosio/ioctx.h"
#include "tools/cli/ceph_format.h"
#include "tools/cli/runner.h"
#include "tools/commands/commands.h"
#include "tools/commands/object_common.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;

struct lock_args {
  std::string tag;
  std::string cookie;
  std::string description;
  std::optional<std::string> duration;  // as given: parsed the way rados parses it
  std::optional<std::string> type;
  bool pretty = false;
};

// What rados prints for a failed lock call: its own line, then the line every failing rados
// command ends with ("error 16: (16) Device or resource busy"); exit status 1.
int lock_failure(std::string_view what, const error& e) {
  report_failure(what, e);
  const int err = failure_errno(e);
  fmt::print(stderr, "error {}: {}\n", err, errno_text(err));
  return 1;
}

int invalid_argument(std::string_view what) {
  fmt::print(stderr, "{}\n", what);
  fmt::print(stderr, "error {}: {}\n", EINVAL, errno_text(EINVAL));
  return 1;
}

const object_command_spec lock_spec{"lock",
                                    "list|info|get|break <obj-name> [<lock-name> [<locker-name>]]",
                                    "advisory locks (the `lock` object class), as `rados lock`: "
                                    "list OBJ | info OBJ LOCK | get OBJ LOCK | "
                                    "break OBJ LOCK LOCKER",
                                    false};

int usage() { return usage_error(lock_spec); }

void print_json(const ceph_json& json) {
  fmt::print("{}", json.text());
  std::fflush(stdout);
}

asio::awaitable<int> lock_command(const global_options& options, ioctx& io, const lock_args& a,
                                  const std::vector<std::string>& words) {
  // rados checks the words, then reads every lock option, then acts.
  if (words.size() < 2) co_return usage();
  const std::string& cmd = words[0];
  const std::string& oid = words[1];
  // Without -f, rados prints JSON anyway (pretty with --pretty-format).
  const bool pretty = options.format == "json-pretty" || (options.format == "plain" && a.pretty);

  cls_lock::lock_request request;
  request.tag = a.tag;
  request.cookie = a.cookie;
  request.description = a.description;
  if (a.duration) {
    auto seconds = strict_iecstrtoll(*a.duration);
    if (!seconds)
      co_return invalid_argument(
          fmt::format("Invalid value for lock-duration: {}", seconds.err().what()));
    // rados keeps the value in an int and makes a utime_t of it: the low 32 bits count.
    request.duration = std::chrono::seconds(static_cast<std::uint32_t>(*seconds));
  }
  if (a.type) {
    if (*a.type == "exclusive") {
      request.type = cls_lock::lock_type::exclusive;
    } else if (*a.type == "shared") {
      request.type = cls_lock::lock_type::shared;
    } else {
      co_return invalid_argument("unknown lock type was specified, aborting");
    }
  }

  if (cmd == "list") {
    auto locks = co_await cls_lock::list_locks(io, oid);
    if (!locks) co_return lock_failure("ERROR: rados_list_locks()", locks.err());
    ceph_json json(pretty);
    json.open_object("object");
    json.dump_string("objname", oid);
    json.open_array("locks");
    for (const auto& name : *locks) {
      json.open_object("lock");
      json.dump_string("name", name);
      json.close();
    }
    json.close();
    json.close();
    print_json(json);
    co_return 0;
  }

  if (words.size() < 3) co_return usage();
  request.name = words[2];

  if (cmd == "info") {
    auto info = co_await cls_lock::get_lock_info(io, oid, request.name);
    if (!info) co_return lock_failure("ERROR: rados_lock_get_lock_info()", info.err());
    ceph_json json(pretty);
    json.open_object("lock");
    json.dump_string("name", request.name);
    json.dump_string("type", cls_lock::to_string(info->type));
    json.dump_string("tag", info->tag);
    json.open_array("lockers");
    for (const auto& l : info->lockers) {
      json.open_object("locker");
      json.dump_string("name", l.name.to_string());
      json.dump_string("cookie", l.cookie);
      json.dump_string("description", l.description);
      json.dump_string("expiration", ceph_time(l.expiration));  // "0.000000": never
      json.dump_string("addr", l.address);
      json.close();
    }
    json.close();
    json.close();
    print_json(json);
    co_return 0;
  }

  if (cmd == "get") {
    auto taken = co_await cls_lock::lock(io, oid, request);
    if (!taken) co_return lock_failure("ERROR: failed locking", taken.err());
    co_return 0;
  }

  if (words.size() < 4 || cmd != "break") co_return usage();
  const auto locker = cls_lock::locker_name::parse(words[3]);
  if (!locker)
    co_return invalid_argument(fmt::format("ERROR: failed to parse locker name ({})", words[3]));
  auto broken = co_await cls_lock::break_lock(io, oid, request.name, request.cookie, *locker);
  if (!broken) co_return lock_failure("ERROR: failed breaking lock", broken.err());
  co_return 0;
}

}  // namespace

void add_lock_commands(CLI::App& app, global_options& options, int& exit_status) {
  auto a = std::make_shared<lock_args>();
  add_object_command(app, options, exit_status, lock_spec, std::make_shared<object_words>(),
                     [a](object_context& ctx, ioctx& io, const object_words& w) {
                       return lock_command(ctx.options, io, *a, w.words);
                     });
  // rados takes these anywhere on the line, before the command too: they go on the app.
  const std::string group = "Lock options (lock get / break)";
  app.add_option("--lock-tag", a->tag, "lock tag: every shared holder must give the same one")
      ->group(group);
  app.add_option("--lock-cookie", a->cookie, "locker cookie")->group(group);
  app.add_option("--lock-description", a->description, "description of the lock")->group(group);
  app.add_option("--lock-duration", a->duration, "seconds the lock is held (default: until broken)")
      ->group(group);
  app.add_option("--lock-type", a->type, "exclusive (default) or shared")->group(group);
  app.add_flag("--pretty-format", a->pretty,
               "lock list / info: indent the JSON (as -f json-pretty)")
      ->group(group);
}

}  // namespace radosio::cli
