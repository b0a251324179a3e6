#pragma once
// Bit tricks Ceph's object order depends on.

#include <cstdint>

namespace radosio {

// The 32 bits in reverse order. OSDs sort objects by the bit-reversed hash, so the objects
// of one PG (which share the low bits of their hash) form one contiguous range.
[[nodiscard]] constexpr std::uint32_t reverse_bits(std::uint32_t v) noexcept {
  v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
  v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
  v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
  v = ((v >> 8) & 0x00ff00ffu) | ((v & 0x00ff00ffu) << 8);
  return (v >> 16) | (v << 16);
}

static_assert(reverse_bits(1) == 0x80000000u && reverse_bits(0x80000000u) == 1);

}  // namespace radosio
