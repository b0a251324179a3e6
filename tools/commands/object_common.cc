#include "tools/commands/object_common.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <limits>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "messenger/msgr_error.h"
#include "tools/commands/snap_option.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;

bool printable_ascii(char c) noexcept { return c >= 0x20 && c <= 0x7e; }

// Writes all of `bytes` to `fd`; false (errno set) if the descriptor refuses them.
bool write_fully(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const auto w = ::write(fd, bytes.data(), bytes.size());
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(w));
  }
  return true;
}

// Appends up to `limit` bytes read from `fd` to `out`; the errno on failure, else 0.
int read_into(int fd, std::string& out, std::size_t limit) {
  char chunk[65536];
  while (limit > 0) {
    const auto r = ::read(fd, chunk, std::min(limit, sizeof chunk));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return errno;
    if (r == 0) break;
    out.append(chunk, static_cast<std::size_t>(r));
    limit -= static_cast<std::size_t>(r);
  }
  return 0;
}

}  // namespace

std::string errno_text(int err) { return fmt::format("({}) {}", err, std::strerror(err)); }

int failure_errno(const error& e) {
  if (e.code.category() == std::generic_category() && e.code.value() > 0) return e.code.value();
  if (e.code == msgr::msgr_errc::timed_out) return ETIMEDOUT;  // as librados reports its timeouts
  return EIO;
}

int report_failure(std::string_view what, const error& e) {
  if (e.code.category() == std::generic_category() && e.code.value() > 0) {
    // rados never reports a full pool or cluster (it waits for space); we fail at once and
    // say which it is: "(28) No space left on device (cluster full: osd.0 passed ...)".
    const auto full = e.message.find("full: ");
    if ((e.code.value() == ENOSPC || e.code.value() == EDQUOT) && full != std::string::npos) {
      const auto start = e.message.rfind(": ", full);
      const auto detail = start == std::string::npos ? e.message : e.message.substr(start + 2);
      fmt::print(stderr, "{}: {} ({})\n", what, errno_text(e.code.value()), detail);
      return 1;
    }
    fmt::print(stderr, "{}: {}\n", what, errno_text(e.code.value()));
  } else {
    fmt::print(stderr, "{}: {}\n", what, e.what());
  }
  return 1;
}

std::string printable(std::string_view name) {
  for (const char c : name)
    if (!printable_ascii(c)) return "(binary key)";
  return std::string(name);
}

asio::awaitable<std::optional<ioctx>> open_object_pool(object_context& ctx) {
  if (ctx.options.pool.empty()) {
    fmt::print(stderr, "rados-client: this command needs a pool: -p POOL\n");
    co_return std::nullopt;
  }
  auto io = co_await ctx.rados.open_pool(ctx.options.pool);
  if (!io) {
    report_failure(fmt::format("error opening pool {}", ctx.options.pool), io.err());
    co_return std::nullopt;
  }
  io->set_namespace(ctx.options.nspace);
  if (auto selected = select_read_snap(ctx.options, *io); !selected) {  // -s / -S
    fmt::print(stderr, "{}\n", selected.err().what());
    co_return std::nullopt;
  }
  co_return std::move(*io);
}

std::string ceph_time(object_time t) {
  const auto ns = t.time_since_epoch().count();
  const std::time_t sec = static_cast<std::time_t>(ns / 1'000'000'000);
  const long usec = static_cast<long>((ns % 1'000'000'000) / 1000);
  // Ceph takes a time within ten years of the epoch for a duration: seconds.microseconds.
  if (sec < static_cast<std::time_t>(60 * 60 * 24 * 365 * 10)) return fmt::format("{}.{:06}", sec, usec);
  std::tm tm{};
  localtime_r(&sec, &tm);
  char date[64];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
  char zone[16];
  std::strftime(zone, sizeof zone, "%z", &tm);
  return fmt::format("{}.{:06}{}", date, usec, zone);
}

result<std::string> read_whole_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    return error{std::error_code(err, std::generic_category()),
                 fmt::format("can't open {}: {}", path, errno_text(err))};
  }
  // As Ceph's bufferlist::read_file: as many bytes as stat() reports (so nothing from a pipe).
  struct stat st {};
  std::string content;
  int err = ::fstat(fd, &st) < 0 ? errno : 0;
  std::string_view stage = "stat error: ";
  if (err == 0) {
    err = read_into(fd, content, static_cast<std::size_t>(st.st_size));
    stage = "read error:";
  }
  ::close(fd);
  if (err != 0) {
    return error{std::error_code(err, std::generic_category()),
                 fmt::format("bufferlist::read_file({}): {}{}", path, stage, errno_text(err))};
  }
  return content;
}

std::string read_stdin() {
  std::string content;
  (void)read_into(STDIN_FILENO, content, SIZE_MAX);
  return content;
}

void write_value_file(const std::string& path, const buffer_list& data) {
  int fd = STDOUT_FILENO;
  if (path != "-") {
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
      fmt::print(stderr, "failed to open file: {}\n", errno_text(errno));
      return;
    }
  } else {
    std::fflush(stdout);
  }
  for (const auto& piece : data.segments())
    if (!write_fully(fd, piece.as_string_view())) break;
  if (fd != STDOUT_FILENO) ::close(fd);
}

std::optional<object_words::named> object_words::take_name() const {
  if (obj_name) return named{*obj_name, std::span<const std::string>(words)};
  if (words.empty()) return std::nullopt;
  return named{words.front(), std::span<const std::string>(words).subspan(1)};
}

int usage_error(const object_command_spec& spec) {
  fmt::print(stderr, "usage: rados-client -p POOL {} {}\n", spec.name, spec.synopsis);
  return 1;
}

CLI::App* add_object_command(CLI::App& app, global_options& options, int& exit_status,
                             const object_command_spec& spec, const std::shared_ptr<object_words>& words,
                             object_command_fn fn) {
  auto* cmd = app.add_subcommand(spec.name, spec.help);
  cmd->add_option("words", words->words, spec.synopsis);
  if (spec.obj_name_file)
    cmd->add_option("--obj-name-file", words->obj_name_file, "read the object name from this file");
  if (spec.omap_key_file)
    cmd->add_option("--omap-key-file", words->omap_key_file, "read the omap key from this file");
  cmd->callback([&options, &exit_status, words, fn = std::move(fn)] {
    // rados reads these files first, before it connects.
    for (auto [path, into] : {std::pair{&words->omap_key_file, &words->omap_key},
                              std::pair{&words->obj_name_file, &words->obj_name}}) {
      if (path->empty()) continue;
      auto content = read_whole_file(*path);
      if (!content) {
        fmt::print(stderr, "{}\n", content.err().what());
        exit_status = 1;
        return;
      }
      *into = std::move(*content);
    }
    exit_status = run_object_command(options, [&](object_context& ctx) -> asio::awaitable<result<int>> {
      auto io = co_await open_object_pool(ctx);
      if (!io) co_return 1;
      co_return co_await fn(ctx, *io, *words);
    });
  });
  return cmd;
}

result<std::uint64_t> strict_iecstrtoll(const std::string& text) {
  auto refuse = [](std::string why) {
    return error{std::make_error_code(std::errc::invalid_argument), std::move(why)};
  };
  if (text.empty()) return refuse("strict_iecstrtoll: value not specified");
  std::string number = text;
  int shift = 0;
  if (const auto u = text.find_first_not_of("0123456789-+"); u != std::string::npos) {
    number = text.substr(0, u);
    const std::string unit = text.substr(u);
    if (unit.back() == 'i' && unit.front() == 'B')
      return refuse("strict_iecstrtoll: illegal prefix \"Bi\"");
    if (unit.size() > 2) return refuse("strict_iecstrtoll: illegal prefix (length > 2)");
    switch (unit.front()) {
      case 'K':
        shift = 10;
        break;
      case 'M':
        shift = 20;
        break;
      case 'G':
        shift = 30;
        break;
      case 'T':
        shift = 40;
        break;
      case 'P':
        shift = 50;
        break;
      case 'E':
        shift = 60;
        break;
      case 'B':
        break;
      default:
        return refuse("strict_iecstrtoll: unit prefix not recognized");
    }
  }
  // strict_strtoll
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(number.c_str(), &end, 10);
  if (end == number.c_str() || end != number.c_str() + number.size()) {
    return refuse(fmt::format("Expected option value to be integer, got '{}'", number));
  }
  if (errno != 0) return refuse(fmt::format("The option value '{}' seems to be invalid", number));
  if (value < 0) return refuse("strict_iecstrtoll: value should not be negative");
  if (static_cast<std::uint64_t>(value) > (std::numeric_limits<std::uint64_t>::max() >> shift)) {
    return refuse("strict_iecstrtoll: value seems to be too large");
  }
  return static_cast<std::uint64_t>(value) << shift;
}

}  // namespace radosio::cli
