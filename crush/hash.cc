#include "crush/hash.h"

namespace radosio::crush {
namespace {

constexpr std::uint32_t seed = 1315423911u;
// Filler words Ceph mixes in beside the real inputs.
constexpr std::uint32_t filler_x = 231232u;
constexpr std::uint32_t filler_y = 1232u;

// One round of Jenkins' lookup2 mix over three words (all arithmetic is mod 2^32).
constexpr void mix(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c) noexcept {
  a -= b;
  a -= c;
  a ^= c >> 13;
  b -= c;
  b -= a;
  b ^= a << 8;
  c -= a;
  c -= b;
  c ^= b >> 13;
  a -= b;
  a -= c;
  a ^= c >> 12;
  b -= c;
  b -= a;
  b ^= a << 16;
  c -= a;
  c -= b;
  c ^= b >> 5;
  a -= b;
  a -= c;
  a ^= c >> 3;
  b -= c;
  b -= a;
  b ^= a << 10;
  c -= a;
  c -= b;
  c ^= b >> 15;
}

}  // namespace

// Ceph returns 0 for an unknown hash type rather than failing; mirror that so a map with a
// bogus hash id maps the same way it would in Ceph.

std::uint32_t hash32(int type, std::uint32_t a) noexcept {
  if (type != hash_rjenkins1) return 0;
  std::uint32_t h = seed ^ a, b = a, x = filler_x, y = filler_y;
  mix(b, x, h);
  mix(y, a, h);
  return h;
}

std::uint32_t hash32_2(int type, std::uint32_t a, std::uint32_t b) noexcept {
  if (type != hash_rjenkins1) return 0;
  std::uint32_t h = seed ^ a ^ b, x = filler_x, y = filler_y;
  mix(a, b, h);
  mix(x, a, h);
  mix(b, y, h);
  return h;
}

std::uint32_t hash32_3(int type, std::uint32_t a, std::uint32_t b, std::uint32_t c) noexcept {
  if (type != hash_rjenkins1) return 0;
  std::uint32_t h = seed ^ a ^ b ^ c, x = filler_x, y = filler_y;
  mix(a, b, h);
  mix(c, x, h);
  mix(y, a, h);
  mix(b, x, h);
  mix(y, c, h);
  return h;
}

std::uint32_t hash32_4(int type, std::uint32_t a, std::uint32_t b, std::uint32_t c,
                       std::uint32_t d) noexcept {
  if (type != hash_rjenkins1) return 0;
  std::uint32_t h = seed ^ a ^ b ^ c ^ d, x = filler_x, y = filler_y;
  mix(a, b, h);
  mix(c, d, h);
  mix(a, x, h);
  mix(y, b, h);
  mix(c, x, h);
  mix(y, d, h);
  return h;
}

std::uint32_t hash32_5(int type, std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d,
                       std::uint32_t e) noexcept {
  if (type != hash_rjenkins1) return 0;
  std::uint32_t h = seed ^ a ^ b ^ c ^ d ^ e, x = filler_x, y = filler_y;
  mix(a, b, h);
  mix(c, d, h);
  mix(e, x, h);
  mix(y, a, h);
  mix(b, x, h);
  mix(y, c, h);
  mix(d, x, h);
  mix(y, e, h);
  return h;
}

}  // namespace radosio::crush
