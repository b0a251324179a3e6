// Object commands that change an object's data or existence, as Ceph's `rados` has them:
// append, truncate, create, cp, touch. Same words, same output and error lines, same exit
// status (including where rados's are surprising: an unreadable input file for append is
// reported but exits 0).

#include <fmt/format.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

#include "radosio/ioctx.h"
#include "radosio/operations.h"
#include "tools/commands/commands.h"
#include "tools/commands/object_common.h"
#include "tools/commands/object_io.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;

// strtoll as rados uses it: base 10, leading blanks and a sign allowed, the empty string is
// 0, out-of-range values clamp; nothing if anything follows the number.
std::optional<long long> parse_rados_integer(const std::string& word) {
  char* end = nullptr;
  const long long value = std::strtoll(word.c_str(), &end, 10);
  if (*end != '\0') return std::nullopt;
  return value;
}

// rados appends a file chunk by chunk and ends with an empty append (which is what creates
// the object when the input is empty). It cannot open the input: it says so and exits 0.
asio::awaitable<int> append_file(ioctx& io, const std::string& oid, const std::string& path,
                                 std::uint64_t chunk) {
  const bool from_stdin = path == "-";
  const int fd = from_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    fmt::print(stderr, "error reading input file {}: {}\n", path, errno_text(errno));
    co_return 0;
  }
  auto failed = [&](const error& e) {
    if (!from_stdin) ::close(fd);
    return report_failure(fmt::format("error appending {}/{}", io.pool_name(), printable(oid)), e);
  };
  std::vector<std::uint8_t> bytes(chunk);
  for (;;) {
    std::size_t got = 0;
    while (got < chunk) {
      const auto r = ::read(fd, bytes.data() + got, chunk - got);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) {
        const int err = errno;
        fmt::print(stderr, "error reading input file {}: {}\n", path, errno_text(err));
        co_return failed(error{std::error_code(err, std::generic_category()), "read"});
      }
      if (r == 0) break;
      got += static_cast<std::size_t>(r);
    }
    buffer_list piece(buffer::copy_of(bytes_view(bytes.data(), got)));
    auto appended = co_await io.append(oid, std::move(piece));
    if (!appended) co_return failed(appended.err());
    if (got == 0) break;
  }
  if (!from_stdin) ::close(fd);
  co_return 0;
}

void add_append(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{"append", "<obj-name> <infile>",
                                        "append a file ('-' for stdin) to an object, as `rados append`"};
  auto w = std::make_shared<object_words>();
  auto chunk = std::make_shared<std::uint64_t>(default_chunk_size);
  auto* cmd = add_object_command(app, options, exit_status, spec, w,
                                 [chunk](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                                   auto named = words.take_name();
                                   if (!named || named->rest.empty()) co_return usage_error(spec);
                                   co_return co_await append_file(io, named->oid, named->rest[0], *chunk);
                                 });
  cmd->add_option("--chunk-size", *chunk, "bytes per append (default: 4 MiB)")->check(CLI::PositiveNumber);
}

void add_truncate(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{"truncate", "<obj-name> <length>",
                                        "cut or extend an object to a length, as `rados truncate`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       auto named = words.take_name();
                       if (!named || named->rest.empty()) co_return usage_error(spec);
                       const auto size = parse_rados_integer(named->rest[0]);
                       if (!size) {
                         fmt::print(stderr, "Invalid value for size: '{}'\n", named->rest[0]);
                         co_return 1;
                       }
                       if (*size < 0) {
                         fmt::print(stderr, "error, cannot truncate to negative value\n");
                         co_return usage_error(spec);
                       }
                       auto done = co_await io.truncate(named->oid, static_cast<std::uint64_t>(*size));
                       if (!done) {
                         // rados words this one without the pool, then adds its generic line.
                         const int err = failure_errno(done.err());
                         fmt::print(stderr, "error truncating oid {} to {}: {}\n", printable(named->oid), *size,
                                    errno_text(err));
                         fmt::print(stderr, "error {}: {}\n", err, errno_text(err));
                         co_return 1;
                       }
                       co_return 0;
                     });
}

void add_create(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{"create", "<obj-name>",
                                        "create an empty object; fails if it exists, as `rados create`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       auto named = words.take_name();
                       if (!named) co_return usage_error(spec);
                       auto done = co_await io.create(named->oid, true);
                       if (!done) {
                         co_return report_failure(
                             fmt::format("error creating {}/{}", io.pool_name(), printable(named->oid)), done.err());
                       }
                       co_return 0;
                     });
}

// librados keeps mtimes as nanoseconds in 64 bits: a timestamp far from now wraps the way it
// does there, and the OSD keeps 32 bits of seconds.
object_time rados_mtime(long long timestamp) {
  const std::uint64_t ns = static_cast<std::uint64_t>(timestamp) * 1'000'000'000ull;
  const std::uint64_t sec = (ns / 1'000'000'000ull) & 0xffffffffull;
  return object_time(std::chrono::nanoseconds(static_cast<std::int64_t>(sec * 1'000'000'000ull + ns % 1'000'000'000ull)));
}

void add_touch(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{
      "touch", "<obj-name> [timestamp]",
      "set an object's mtime (now, or seconds since the epoch), creating it if need be, as `rados touch`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       auto named = words.take_name();
                       if (!named) co_return usage_error(spec);
                       long long timestamp = static_cast<long long>(std::time(nullptr));
                       if (!named->rest.empty()) {
                         const auto given = parse_rados_integer(named->rest[0]);
                         if (!given) {
                           fmt::print(stderr, "Invalid value for timestamp: '{}'\n", named->rest[0]);
                           co_return 1;
                         }
                         timestamp = *given;
                       }
                       write_op op;
                       op.create(false);
                       op.set_mtime(rados_mtime(timestamp));
                       auto done = co_await io.operate(named->oid, std::move(op));
                       if (!done) {
                         co_return report_failure(
                             fmt::format(" error touch-ing {}/{}", io.pool_name(), printable(named->oid)), done.err());
                       }
                       co_return 0;
                     });
}

struct copy_options {
  std::string target_pool;
  std::string target_nspace;
  std::string target_locator;
};

void add_cp(CLI::App& app, global_options& options, int& exit_status) {
  // rados takes --obj-name-file here too but does not use it.
  static const object_command_spec spec{"cp", "<obj-name> [target-obj]",
                                        "copy an object with its xattrs and omap (in the OSDs), as `rados cp`"};
  auto target = std::make_shared<copy_options>();
  auto* cmd = add_object_command(
      app, options, exit_status, spec, std::make_shared<object_words>(),
      [target](object_context& ctx, ioctx& io, const object_words& words) -> asio::awaitable<int> {
        if (words.words.empty() || words.words.size() > 2) co_return usage_error(spec);
        const std::string& source = words.words[0];
        const std::string target_pool = target->target_pool.empty() ? io.pool_name() : target->target_pool;
        if (words.words.size() < 2 && target_pool == io.pool_name()) {
          fmt::print(stderr, "cannot copy object into itself\n");
          co_return 1;
        }
        const std::string& target_oid = words.words.size() < 2 ? source : words.words[1];
        auto dest = co_await ctx.rados.open_pool(target_pool);
        if (!dest) co_return report_failure(fmt::format("error opening target pool {}", target_pool), dest.err());
        // The copy lands in the default namespace unless --target-nspace says otherwise.
        if (!target->target_locator.empty()) dest->set_locator_key(target->target_locator);
        if (!target->target_nspace.empty()) dest->set_namespace(target->target_nspace);

        copy_source from;
        from.pool = io.pool_id();
        from.nspace = io.get_namespace();
        from.snap = io.read_snap();  // -s / -S: copy the object as it was in that snapshot
        write_op op;
        op.copy_from(source, from, 0, fadvise::sequential | fadvise::nocache, fadvise::sequential | fadvise::dontneed);
        auto done = co_await dest->operate(target_oid, std::move(op));
        if (!done) {
          co_return report_failure(
              fmt::format("error copying {}/{} => {}/{}", io.pool_name(), source, target_pool, target_oid), done.err());
        }
        co_return 0;
      });
  cmd->add_option("--target-pool", target->target_pool, "pool to copy into (default: the -p pool)");
  cmd->add_option("--target-nspace", target->target_nspace, "namespace of the copy (default: the default one)");
  cmd->add_option("--target-locator", target->target_locator, "locator key of the copy");
}

}  // namespace

void add_object_data_commands(CLI::App& app, global_options& options, int& exit_status) {
  add_append(app, options, exit_status);
  add_truncate(app, options, exit_status);
  add_create(app, options, exit_status);
  add_touch(app, options, exit_status);
  add_cp(app, options, exit_status);
}

}  // namespace radosio::cli
