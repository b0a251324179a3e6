#pragma once
// CRUSH's hash: Robert Jenkins' 96-bit mix applied to 1..5 32-bit inputs (Ceph's
// crush_hash32_N with CRUSH_HASH_RJENKINS1). Placement must match Ceph bit for bit, so these
// are the exact mixing sequences, seeds and filler constants Ceph uses.

#include <cstdint>

namespace radosio::crush {

inline constexpr int hash_rjenkins1 = 0;

[[nodiscard]] std::uint32_t hash32(int type, std::uint32_t a) noexcept;
[[nodiscard]] std::uint32_t hash32_2(int type, std::uint32_t a, std::uint32_t b) noexcept;
[[nodiscard]] std::uint32_t hash32_3(int type, std::uint32_t a, std::uint32_t b,
                                     std::uint32_t c) noexcept;
[[nodiscard]] std::uint32_t hash32_4(int type, std::uint32_t a, std::uint32_t b, std::uint32_t c,
                                     std::uint32_t d) noexcept;
[[nodiscard]] std::uint32_t hash32_5(int type, std::uint32_t a, std::uint32_t b, std::uint32_t c,
                                     std::uint32_t d, std::uint32_t e) noexcept;

}  // namespace radosio::crush
