#pragma once
// Bounds-checked reader for Ceph's wire encoding.
//
// Peer input is never trusted: every read is checked against the bytes left, every count is
// checked against what those bytes could possibly hold, and nothing throws. The first failure
// is sticky: later reads return zeroes and consume nothing, so a decode function can read a
// whole struct and the caller checks `ok()` once at the end. The error says which structure
// was being read, at which byte, and what was wrong.
//
// Values are decoded by free functions `decode(decoder&, T&)`, found by argument-dependent
// lookup: the generic ones (integers, strings, containers) live here, each struct's beside
// the struct.

#include <concepts>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "common/buffer.h"
#include "common/error.h"

namespace radosio::wire {

class decoder {
 public:
  explicit decoder(bytes_view bytes, const char* context = "input") noexcept
      : cur_(bytes.data()), end_(bytes.data() + bytes.size()), base_(bytes.data()),
        context_(context) {}
  // Slices taken with take_buffer() share `owned`'s storage instead of copying.
  explicit decoder(const buffer& owned, const char* context = "input") noexcept
      : decoder(owned.view(), context) {
    owner_ = &owned;
  }

  [[nodiscard]] bool ok() const noexcept { return !error_; }
  [[nodiscard]] std::error_code error() const noexcept { return error_; }
  // Human-readable account of the first failure, e.g.
  // "pg_pool_t at byte 37: needed 8 bytes for le64, 3 left".
  [[nodiscard]] const std::string& message() const noexcept { return message_; }
  [[nodiscard]] std::size_t remaining() const noexcept { return static_cast<std::size_t>(end_ - cur_); }
  [[nodiscard]] bool at_end() const noexcept { return cur_ == end_; }
  [[nodiscard]] std::size_t position() const noexcept { return static_cast<std::size_t>(cur_ - base_); }
  [[nodiscard]] const char* context() const noexcept { return context_; }

  // Records a failure (only the first one is kept) and stops all further reading.
  void fail(errc code, std::string_view detail);

  // The next `n` bytes, or an empty view (and a failure) if fewer remain.
  bytes_view take(std::size_t n, const char* what = "bytes");
  // Like take(), but as a buffer that shares the input's storage when the decoder has one.
  buffer take_buffer(std::size_t n, const char* what = "bytes");
  void skip(std::size_t n, const char* what = "bytes") { (void)take(n, what); }
  // A whole versioned section (header included) left encoded, for structures we carry but
  // do not interpret.
  buffer take_section_raw(const char* name);

  template <class T>
    requires std::is_trivially_copyable_v<T>
  T read_le(const char* what) {
    T value{};
    const auto bytes = take(sizeof(T), what);
    if (!bytes.empty()) std::memcpy(&value, bytes.data(), sizeof(T));  // host is little-endian
    return value;
  }

  // Reads a le32 element count and checks that `remaining()` could hold that many elements of
  // at least `min_element_size` bytes each; a lying count fails here instead of allocating.
  std::uint32_t read_count(std::size_t min_element_size, const char* what);

  // Ceph's DECODE_START / DECODE_FINISH: u8 version, u8 compat, le32 length, body. `body`
  // is called as body(decoder& section, uint8_t version) with a decoder bounded to the
  // section; bytes it does not read (fields newer than we know) are skipped. An encoding
  // whose compat version is newer than `understood` is refused.
  template <class Body>
  void versioned(const char* name, std::uint8_t understood, Body&& body) {
    section_header header = read_section_header(name, understood);
    if (!ok()) return;
    run_section(name, header, std::forward<Body>(body));
  }

  // DECODE_START_LEGACY_COMPAT_LEN: encodings older than `compat_since` carry no compat byte
  // and those older than `length_since` no length (their body runs unbounded, to the end of
  // the enclosing input).
  template <class Body>
  void versioned_legacy(const char* name, std::uint8_t understood, std::uint8_t compat_since,
                        std::uint8_t length_since, Body&& body) {
    section_header header =
        read_legacy_section_header(name, understood, compat_since, length_since);
    if (!ok()) return;
    run_section(name, header, std::forward<Body>(body));
  }

 private:
  struct section_header {
    std::uint8_t version = 0;
    std::size_t length = 0;
    bool has_length = true;  // false for legacy encodings that predate the length field
  };

  decoder(const decoder& parent, const char* context, std::size_t length) noexcept
      : cur_(parent.cur_), end_(parent.cur_ + length), base_(parent.base_),
        owner_(parent.owner_), context_(context) {}

  section_header read_section_header(const char* name, std::uint8_t understood);
  section_header read_legacy_section_header(const char* name, std::uint8_t understood,
                                            std::uint8_t compat_since,
                                            std::uint8_t length_since);

  template <class Body>
  void run_section(const char* name, const section_header& header, Body&& body) {
    decoder section(*this, name, header.length);
    body(section, header.version);
    if (!section.ok()) {
      adopt_failure(section);
      return;
    }
    // A bounded section skips fields newer than we understand; an unbounded (legacy) one
    // ends where its body stopped reading.
    cur_ = header.has_length ? cur_ + header.length : section.cur_;
  }

  void adopt_failure(const decoder& section);

  const std::uint8_t* cur_;
  const std::uint8_t* end_;
  const std::uint8_t* base_;
  const buffer* owner_ = nullptr;
  const char* context_;
  std::error_code error_;
  std::string message_;
};

// ---- primitives ------------------------------------------------------------------------

template <class T>
  requires(std::integral<T> && !std::same_as<T, bool>)
void decode(decoder& d, T& value) {
  value = d.read_le<T>(sizeof(T) == 1 ? "u8" : sizeof(T) == 2 ? "le16" : sizeof(T) == 4 ? "le32" : "le64");
}

inline void decode(decoder& d, bool& value) { value = d.read_le<std::uint8_t>("bool") != 0; }

// A le32 length followed by that many bytes.
void decode(decoder& d, std::string& value);
void decode(decoder& d, buffer& value);

// The smallest number of bytes one encoded T can take; bounds counts before allocating.
template <class T>
constexpr std::size_t min_encoded_size() {
  if constexpr (std::is_arithmetic_v<T>) return sizeof(T);
  else if constexpr (std::same_as<T, std::string> || std::same_as<T, buffer>) return 4;
  else return 1;
}

template <class T>
void decode(decoder& d, std::vector<T>& values) {
  const auto n = d.read_count(min_encoded_size<T>(), "vector");
  values.clear();
  values.reserve(n);
  for (std::uint32_t i = 0; i < n && d.ok(); ++i) decode(d, values.emplace_back());
}

template <class T>
void decode(decoder& d, std::set<T>& values) {
  const auto n = d.read_count(min_encoded_size<T>(), "set");
  values.clear();
  for (std::uint32_t i = 0; i < n && d.ok(); ++i) {
    T value{};
    decode(d, value);
    values.insert(std::move(value));
  }
}

template <class K, class V, class C>
void decode(decoder& d, std::map<K, V, C>& values) {
  const auto n = d.read_count(min_encoded_size<K>() + min_encoded_size<V>(), "map");
  values.clear();
  for (std::uint32_t i = 0; i < n && d.ok(); ++i) {
    K key{};
    decode(d, key);
    decode(d, values[std::move(key)]);
  }
}

template <class A, class B>
void decode(decoder& d, std::pair<A, B>& value) {
  decode(d, value.first);
  decode(d, value.second);
}

// Ceph encodes std::optional as a bool presence flag then the value.
template <class T>
void decode(decoder& d, std::optional<T>& value) {
  bool present = false;
  decode(d, present);
  if (present) decode(d, value.emplace());
  else value.reset();
}

// Decodes exactly one T from `bytes`; trailing bytes are an error (a sample or a frame
// payload is one value, so leftovers mean we misread it).
template <class T>
std::error_code decode_exact(bytes_view bytes, T& value, std::string* message = nullptr) {
  decoder d(bytes);
  decode(d, value);
  if (d.ok() && !d.at_end())
    d.fail(errc::malformed, std::to_string(d.remaining()) + " unread bytes after the value");
  if (message) *message = d.message();
  return d.error();
}

}  // namespace radosio::wire
