#pragma once
// crush_ln: Ceph's fixed-point log2 used by straw2 draws. Placement must agree with Ceph bit
// for bit, so this reproduces Ceph's table-driven computation, tables included (the tables
// are not a clean function of their index: they have to be reproduced, not recomputed).

#include <cstdint>

namespace radosio::crush {

// For xin in [0, 0xffff]: 2^44 * log2(xin + 1), in Ceph's exact fixed-point rounding.
[[nodiscard]] std::uint64_t crush_ln(std::uint32_t xin) noexcept;

}  // namespace radosio::crush
