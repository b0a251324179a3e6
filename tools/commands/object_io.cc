#include "tools/commands/object_io.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "tools/commands/object_common.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;

// A failure of the local file: the message says what was done to which file.
error errno_error(int err, std::string what) { return error{std::error_code(err, std::generic_category()), std::move(what)}; }

// How a transfer ended, by the side that decided it.
transfer_status local_failure(error e) { return transfer_status{std::move(e), true}; }
transfer_status object_outcome(status s) { return transfer_status{std::move(s), false}; }
transfer_status transfer_succeeded() { return transfer_status{}; }

// A file descriptor that closes itself; stdin/stdout are borrowed, not closed.
class file {
 public:
  file() = default;
  file(int fd, bool owned) : fd_(fd), owned_(owned) {}
  file(const file&) = delete;
  file& operator=(const file&) = delete;
  file(file&& o) noexcept : fd_(o.fd_), owned_(o.owned_) { o.fd_ = -1; }
  file& operator=(file&& o) noexcept {
    std::swap(fd_, o.fd_);
    std::swap(owned_, o.owned_);
    return *this;
  }
  ~file() {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int fd() const noexcept { return fd_; }

 private:
  int fd_ = -1;
  bool owned_ = false;
};

result<file> open_input(const std::string& path) {
  if (path == "-") return file(STDIN_FILENO, false);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno_error(errno, fmt::format("error reading input file {}", path));
  return file(fd, true);
}

result<file> open_output(const std::string& path) {
  if (path == "-") return file(STDOUT_FILENO, false);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return errno_error(errno, fmt::format("failed to open file {}", path));
  return file(fd, true);
}

// Reads up to `n` bytes (fewer only at the end of the input).
result<buffer> read_chunk(int fd, std::uint64_t n) {
  std::vector<std::uint8_t> bytes(n);
  std::size_t got = 0;
  while (got < n) {
    const auto r = ::read(fd, bytes.data() + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return errno_error(errno, "error reading the input");
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  bytes.resize(got);
  return buffer::adopt(std::move(bytes));
}

status write_all(int fd, const buffer_list& data) {
  for (const auto& piece : data.segments()) {
    std::size_t done = 0;
    while (done < piece.size()) {
      const auto w = ::write(fd, piece.data() + done, piece.size() - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return errno_error(errno, "error writing the output");
      done += static_cast<std::size_t>(w);
    }
  }
  return ok_status();
}

// "\r  OBJ: 12.0 MiB" on stderr, at most 10 times a second, only on a terminal.
class progress {
 public:
  explicit progress(std::string label) : label_(std::move(label)), enabled_(::isatty(STDERR_FILENO) == 1) {}
  ~progress() {
    if (enabled_ && shown_) fmt::print(stderr, "\n");
  }
  void update(std::uint64_t bytes) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    shown_ = true;
    fmt::print(stderr, "\r{}: {:.1f} MiB", label_, static_cast<double>(bytes) / (1 << 20));
  }

 private:
  std::string label_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

std::string transfer_status::local_file_problem() const {
  return fmt::format("{}: {}", err().message, errno_text(err().code.value()));
}

asio::awaitable<transfer_status> put_object(ioctx& io, const std::string& oid, const std::string& path,
                                   std::uint64_t offset, std::uint64_t chunk) {
  auto in = open_input(path);
  if (!in) co_return local_failure(in.err());
  progress shown(fmt::format("put {}", oid));
  std::uint64_t at = offset;
  for (bool first = true;; first = false) {
    auto data = read_chunk(in->fd(), chunk);
    if (!data) co_return local_failure(data.err());
    if (data->empty()) {
      if (first) {
        // An empty input still creates (or empties) the object; with an offset it is
        // extended to it, leaving a hole.
        auto emptied = co_await io.write_full(oid, buffer_list{});
        if (!emptied) co_return object_outcome(std::move(emptied));
        if (offset > 0) {
          auto extended = co_await io.truncate(oid, offset);
          co_return object_outcome(std::move(extended));
        }
      }
      co_return transfer_succeeded();
    }
    const auto n = data->size();
    buffer_list piece(std::move(*data));
    // (Not `cond ? co_await a : co_await b`: GCC 12 then destroys the failed result twice.)
    status written = ok_status();
    if (at == 0) {
      written = co_await io.write_full(oid, std::move(piece));
    } else {
      written = co_await io.write(oid, std::move(piece), at);
    }
    if (!written) co_return object_outcome(std::move(written));
    at += n;
    shown.update(at - offset);
    if (n < chunk) co_return transfer_succeeded();
  }
}

asio::awaitable<transfer_status> get_object(ioctx& io, const std::string& oid, const std::string& path,
                                   std::uint64_t chunk) {
  // The first request also asks for the size, so the last chunk is known when it arrives
  // (rados reads once more to find an empty chunk).
  object_stat st;
  buffer_list first;
  read_op op;
  op.stat(&st).read(0, chunk, &first);
  auto done = co_await io.operate(oid, std::move(op));
  if (!done) co_return object_outcome(std::move(done));
  auto out = open_output(path);
  if (!out) co_return local_failure(out.err());
  if (auto w = write_all(out->fd(), first); !w) co_return local_failure(w.err());
  progress shown(fmt::format("get {}", oid));
  std::uint64_t at = first.size();
  shown.update(at);
  while (at < st.size) {
    auto data = co_await io.read(oid, at, chunk);
    if (!data) co_return object_outcome(data.err());
    if (data->empty()) break;  // the object shrank meanwhile
    if (auto w = write_all(out->fd(), *data); !w) co_return local_failure(w.err());
    at += data->size();
    shown.update(at);
  }
  co_return transfer_succeeded();
}

}  // namespace radosio::cli
