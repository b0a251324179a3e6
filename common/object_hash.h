#pragma once
// The hashes that place objects: Ceph's rjenkins string hash (Bob Jenkins' 1996 lookup2
// hash with a zero seed) and ceph_stable_mod, which folds a hash onto pg_num so that
// splitting a pool moves as few objects as possible.

#include <cstdint>
#include <string_view>

namespace radosio {

[[nodiscard]] std::uint32_t str_hash_rjenkins(std::string_view text) noexcept;

// Maps x onto [0, b) using `mask` = (next power of two >= b) - 1. Values whose masked form
// falls at or beyond b use one bit fewer, so they land where they lived before the split.
[[nodiscard]] constexpr std::uint32_t stable_mod(std::uint32_t x, std::uint32_t b,
                                                 std::uint32_t mask) noexcept {
  return (x & mask) < b ? (x & mask) : (x & (mask >> 1));
}

// The mask stable_mod wants for a pool of `n` placement groups: all ones up to n-1's top bit.
[[nodiscard]] constexpr std::uint32_t stable_mod_mask(std::uint32_t n) noexcept {
  std::uint32_t mask = 0;
  for (std::uint32_t v = n == 0 ? 0 : n - 1; v != 0; v >>= 1) mask = (mask << 1) | 1;
  return mask;
}

}  // namespace radosio
