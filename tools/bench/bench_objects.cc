#include "tools/bench/bench_objects.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

namespace radosio::cli::bench {
namespace {

std::string host_name() {
  // rados reads the name into char[30] and keeps at most 29 bytes of it.
  char name[30] = {};
  ::gethostname(name, sizeof(name) - 1);
  name[sizeof(name) - 1] = 0;
  return name;
}

void put_le(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint64_t get_le(const std::string& in, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= std::uint64_t(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return v;
}

}  // namespace

std::string host_prefix() {
  static const std::string prefix = fmt::format("{}_{}", object_prefix_root, host_name());
  return prefix;
}

std::string run_prefix(int pid) { return fmt::format("{}_{}", host_prefix(), pid); }

std::string object_name(std::string_view run_prefix, std::uint64_t object_number) {
  return fmt::format("{}_object{}", run_prefix, object_number);
}

buffer_list encode_metadata(const run_metadata& m) {
  std::string out;
  put_le(out, m.object_size, 8);
  put_le(out, static_cast<std::uint32_t>(m.ops), 4);
  put_le(out, static_cast<std::uint32_t>(m.pid), 4);
  put_le(out, m.op_size, 8);
  return buffer_list(buffer::adopt(std::move(out)));
}

result<run_metadata> decode_metadata(const buffer_list& bytes) {
  const std::string in = bytes.to_string();
  if (in.empty()) return error{std::make_error_code(std::errc::no_such_file_or_directory), "empty bench metadata"};
  if (in.size() < 16)
    return error{std::make_error_code(std::errc::invalid_argument),
                 fmt::format("bench metadata is {} bytes, expected 16 or 24", in.size())};
  run_metadata m;
  m.object_size = get_le(in, 0, 8);
  m.ops = static_cast<std::int32_t>(get_le(in, 8, 4));
  m.pid = static_cast<std::int32_t>(get_le(in, 12, 4));
  m.op_size = in.size() >= 24 ? get_le(in, 16, 8) : m.object_size;
  return m;
}

op_pattern::op_pattern(std::uint64_t op_size) : op_size_(op_size), fill_(buffer::adopt(std::string(op_size, 'z'))) {}

std::string op_pattern::head_of(std::int32_t op_index) const {
  // snprintf into a buffer of op_size bytes: the text, cut to op_size - 1, then its NUL.
  char text[64];
  const int n = std::snprintf(text, sizeof(text), "I'm the %16dth op!", op_index);
  std::string head(text, static_cast<std::size_t>(std::max(n, 0)));
  if (op_size_ == 0) return {};
  if (head.size() > op_size_ - 1) head.resize(op_size_ - 1);
  head.push_back('\0');
  return head;
}

buffer_list op_pattern::bytes_of(std::int32_t op_index) const {
  std::string head = head_of(op_index);
  buffer_list out;
  const std::size_t head_size = head.size();
  out.append(buffer::adopt(std::move(head)));
  if (op_size_ > head_size) out.append(fill_.slice(head_size, op_size_ - head_size));
  return out;
}

bool op_pattern::matches(std::int32_t op_index, const buffer_list& data) const {
  if (data.size() != op_size_) return false;
  const std::string head = head_of(op_index);
  // Segment by segment against the pattern (memcmp runs at memory speed; 4 MiB reads are
  // checked on the client's only thread).
  std::size_t at = 0;
  for (const auto& seg : data.segments()) {
    const std::uint8_t* p = seg.data();
    std::size_t n = seg.size();
    if (at < head.size()) {
      const std::size_t k = std::min(n, head.size() - at);
      if (std::memcmp(p, head.data() + at, k) != 0) return false;
      p += k;
      n -= k;
      at += k;
    }
    if (n && std::memcmp(p, fill_.data() + at, n) != 0) return false;
    at += n;
  }
  return true;
}

}  // namespace radosio::cli::bench
