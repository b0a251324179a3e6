#include "common/object_hash.h"

namespace radosio {
namespace {

// Jenkins' reversible mixing step: every input bit affects every output bit of c.
constexpr void mix(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c) noexcept {
  a -= b; a -= c; a ^= (c >> 13);
  b -= c; b -= a; b ^= (a << 8);
  c -= a; c -= b; c ^= (b >> 13);
  a -= b; a -= c; a ^= (c >> 12);
  b -= c; b -= a; b ^= (a << 16);
  c -= a; c -= b; c ^= (b >> 5);
  a -= b; a -= c; a ^= (c >> 3);
  b -= c; b -= a; b ^= (a << 10);
  c -= a; c -= b; c ^= (b >> 15);
}

constexpr std::uint32_t byte_at(std::string_view s, std::size_t i, unsigned shift) noexcept {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])) << shift;
}

}  // namespace

std::uint32_t str_hash_rjenkins(std::string_view text) noexcept {
  constexpr std::uint32_t golden_ratio = 0x9e3779b9;
  std::uint32_t a = golden_ratio;
  std::uint32_t b = golden_ratio;
  std::uint32_t c = 0;
  std::string_view k = text;

  while (k.size() >= 12) {
    a += byte_at(k, 0, 0) | byte_at(k, 1, 8) | byte_at(k, 2, 16) | byte_at(k, 3, 24);
    b += byte_at(k, 4, 0) | byte_at(k, 5, 8) | byte_at(k, 6, 16) | byte_at(k, 7, 24);
    c += byte_at(k, 8, 0) | byte_at(k, 9, 8) | byte_at(k, 10, 16) | byte_at(k, 11, 24);
    mix(a, b, c);
    k.remove_prefix(12);
  }

  // The tail: c's low byte is reserved for the total length, so c takes bytes 8..10 shifted up.
  c += static_cast<std::uint32_t>(text.size());
  const auto n = k.size();
  if (n >= 11) c += byte_at(k, 10, 24);
  if (n >= 10) c += byte_at(k, 9, 16);
  if (n >= 9) c += byte_at(k, 8, 8);
  if (n >= 8) b += byte_at(k, 7, 24);
  if (n >= 7) b += byte_at(k, 6, 16);
  if (n >= 6) b += byte_at(k, 5, 8);
  if (n >= 5) b += byte_at(k, 4, 0);
  if (n >= 4) a += byte_at(k, 3, 24);
  if (n >= 3) a += byte_at(k, 2, 16);
  if (n >= 2) a += byte_at(k, 1, 8);
  if (n >= 1) a += byte_at(k, 0, 0);
  mix(a, b, c);
  return c;
}

}  // namespace radosio
