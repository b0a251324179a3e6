#pragma once
// Writer for Ceph's wire encoding: the mirror of decoder.h. Small fields are appended to one
// growing byte vector; large payloads are not encoded here but travel beside the encoded
// bytes in a buffer_list, so they are never copied.

#include <concepts>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/buffer.h"

namespace radosio::wire {

class encoder {
 public:
  // A small initial capacity: most encodings are tens of bytes, and growing from empty makes
  // GCC 12 at -O3 report bogus out-of-bounds writes inside std::vector.
  encoder() { bytes_.reserve(64); }
  explicit encoder(std::size_t reserve) { bytes_.reserve(reserve); }

  template <class T>
    requires std::is_trivially_copyable_v<T>
  void write_le(T value) {
    const auto at = bytes_.size();
    bytes_.resize(at + sizeof(T));
    std::memcpy(bytes_.data() + at, &value, sizeof(T));  // host is little-endian
  }
  void write_bytes(bytes_view bytes) { bytes_.insert(bytes_.end(), bytes.begin(), bytes.end()); }
  void write_bytes(std::string_view bytes) {
    write_bytes(bytes_view(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  }

  // Ceph's ENCODE_START / ENCODE_FINISH: u8 version, u8 compat, le32 length of what
  // `body(encoder&)` writes.
  template <class Body>
  void versioned(std::uint8_t version, std::uint8_t compat, Body&& body) {
    write_le(version);
    write_le(compat);
    const auto length_at = bytes_.size();
    write_le(std::uint32_t{0});
    body(*this);
    patch_le32(length_at, static_cast<std::uint32_t>(bytes_.size() - length_at - 4));
  }

  void patch_le32(std::size_t at, std::uint32_t value) {
    std::memcpy(bytes_.data() + at, &value, sizeof(value));
  }

  [[nodiscard]] std::size_t size() const noexcept { return bytes_.size(); }
  [[nodiscard]] const std::vector<std::uint8_t>& bytes() const noexcept { return bytes_; }
  [[nodiscard]] bytes_view view() const noexcept { return bytes_; }
  [[nodiscard]] buffer finish() && { return buffer::adopt(std::move(bytes_)); }

 private:
  std::vector<std::uint8_t> bytes_;
};

template <class T>
  requires(std::integral<T> && !std::same_as<T, bool>)
void encode(encoder& e, T value) {
  e.write_le(value);
}

inline void encode(encoder& e, bool value) { e.write_le(static_cast<std::uint8_t>(value)); }

inline void encode(encoder& e, std::string_view value) {
  e.write_le(static_cast<std::uint32_t>(value.size()));
  e.write_bytes(value);
}
inline void encode(encoder& e, const std::string& value) { encode(e, std::string_view(value)); }
inline void encode(encoder& e, const char* value) { encode(e, std::string_view(value)); }
inline void encode(encoder& e, const buffer& value) {
  e.write_le(static_cast<std::uint32_t>(value.size()));
  e.write_bytes(value.view());
}

template <class T>
void encode(encoder& e, const std::vector<T>& values) {
  e.write_le(static_cast<std::uint32_t>(values.size()));
  for (const auto& v : values) encode(e, v);
}

template <class T>
void encode(encoder& e, const std::set<T>& values) {
  e.write_le(static_cast<std::uint32_t>(values.size()));
  for (const auto& v : values) encode(e, v);
}

template <class K, class V, class C>
void encode(encoder& e, const std::map<K, V, C>& values) {
  e.write_le(static_cast<std::uint32_t>(values.size()));
  for (const auto& [k, v] : values) {
    encode(e, k);
    encode(e, v);
  }
}

template <class A, class B>
void encode(encoder& e, const std::pair<A, B>& value) {
  encode(e, value.first);
  encode(e, value.second);
}

template <class T>
void encode(encoder& e, const std::optional<T>& value) {
  encode(e, value.has_value());
  if (value) encode(e, *value);
}

// The encoding of one value as its own byte vector.
template <class T>
std::vector<std::uint8_t> encode_to_bytes(const T& value) {
  encoder e;
  encode(e, value);
  return e.bytes();
}

}  // namespace radosio::wire
