#include "common/encoding/decoder.h"

#include <fmt/format.h>

namespace radosio::wire {

void decoder::fail(errc code, std::string_view detail) {
  if (error_) return;
  error_ = make_error_code(code);
  message_ = fmt::format("{} at byte {}: {}", context_, position(), detail);
  cur_ = end_;  // nothing more is read after a failure
}

bytes_view decoder::take(std::size_t n, const char* what) {
  if (error_) return {};
  if (n > remaining()) {
    fail(errc::truncated, fmt::format("needed {} bytes for {}, {} left", n, what, remaining()));
    return {};
  }
  bytes_view out(cur_, n);
  cur_ += n;
  return out;
}

buffer decoder::take_buffer(std::size_t n, const char* what) {
  const auto* start = cur_;
  const auto bytes = take(n, what);
  if (!ok() || n == 0) return {};
  if (owner_) return owner_->slice(static_cast<std::size_t>(start - owner_->data()), n);
  return buffer::copy_of(bytes);
}

buffer decoder::take_section_raw(const char* name) {
  constexpr std::size_t header_size = 6;  // u8 version, u8 compat, le32 length
  if (error_) return {};
  if (remaining() < header_size) {
    fail(errc::truncated, fmt::format("{} section header needs 6 bytes, {} left", name, remaining()));
    return {};
  }
  std::uint32_t length = 0;
  std::memcpy(&length, cur_ + 2, sizeof(length));
  if (length > remaining() - header_size) {
    fail(errc::truncated, fmt::format("{} section claims {} bytes, {} left", name, length,
                                      remaining() - header_size));
    return {};
  }
  return take_buffer(header_size + length, name);
}

std::uint32_t decoder::read_count(std::size_t min_element_size, const char* what) {
  const auto n = read_le<std::uint32_t>(what);
  if (!ok()) return 0;
  if (min_element_size != 0 && n > remaining() / min_element_size) {
    fail(errc::length_too_large,
         fmt::format("{} claims {} elements but only {} bytes remain", what, n, remaining()));
    return 0;
  }
  return n;
}

decoder::section_header decoder::read_section_header(const char* name, std::uint8_t understood) {
  return read_legacy_section_header(name, understood, 0, 0);
}

decoder::section_header decoder::read_legacy_section_header(const char* name,
                                                            std::uint8_t understood,
                                                            std::uint8_t compat_since,
                                                            std::uint8_t length_since) {
  section_header header;
  header.version = read_le<std::uint8_t>("struct version");
  std::uint8_t compat = header.version;
  if (header.version >= compat_since) compat = read_le<std::uint8_t>("struct compat");
  if (!ok()) return header;
  if (compat > understood) {
    fail(errc::unsupported_version,
         fmt::format("{} is encoded as v{} needing at least v{}; we understand v{}", name,
                     header.version, compat, understood));
    return header;
  }
  if (header.version < length_since) {
    header.length = remaining();  // pre-length encodings are bounded only by the input
    header.has_length = false;
    return header;
  }
  const auto length = read_le<std::uint32_t>("struct length");
  if (!ok()) return header;
  if (length > remaining()) {
    fail(errc::truncated,
         fmt::format("{} section claims {} bytes, {} left", name, length, remaining()));
    return header;
  }
  header.length = length;
  return header;
}

void decoder::adopt_failure(const decoder& section) {
  if (error_) return;
  error_ = section.error_;
  message_ = section.message_;
  cur_ = end_;
}

void decode(decoder& d, std::string& value) {
  const auto n = d.read_le<std::uint32_t>("string length");
  const auto bytes = d.take(n, "string");
  value.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

void decode(decoder& d, buffer& value) {
  const auto n = d.read_le<std::uint32_t>("bufferlist length");
  value = d.take_buffer(n, "bufferlist");
}

}  // namespace radosio::wire
