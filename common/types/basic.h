#pragma once
// Small value types that appear all over Ceph's encodings.

#include <array>
#include <compare>
#include <cstdint>
#include <string>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"

namespace radosio {

// Ceph's utime_t: seconds and nanoseconds, each le32.
struct utime {
  std::uint32_t sec = 0;
  std::uint32_t nsec = 0;
  friend auto operator<=>(const utime&, const utime&) = default;
};

inline void decode(wire::decoder& d, utime& t) {
  decode(d, t.sec);
  decode(d, t.nsec);
}
inline void encode(wire::encoder& e, const utime& t) {
  encode(e, t.sec);
  encode(e, t.nsec);
}

// Ceph's uuid_d: 16 raw bytes, no length prefix.
struct uuid {
  std::array<std::uint8_t, 16> bytes{};
  friend auto operator<=>(const uuid&, const uuid&) = default;
  // Canonical 8-4-4-4-12 lowercase hex form.
  [[nodiscard]] std::string to_string() const;
  // Parses the canonical form; returns false (leaving `out` alone) on anything else.
  static bool parse(std::string_view text, uuid& out);
};

inline void decode(wire::decoder& d, uuid& u) {
  const auto raw = d.take(u.bytes.size(), "uuid");
  if (!raw.empty()) std::copy(raw.begin(), raw.end(), u.bytes.begin());
}
inline void encode(wire::encoder& e, const uuid& u) { e.write_bytes(u.bytes); }

}  // namespace radosio
