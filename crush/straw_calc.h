#pragma once
// The straw lengths of a straw (v1) bucket, computed exactly as Ceph's crush_calc_straw
// (crush/builder.c) computes them. Ceph stores the straws in the map and recomputes them
// whenever an item of the bucket changes weight, so what-if reweighting must do the same,
// bit for bit, to map like Ceph does.

#include <cstdint>
#include <span>
#include <vector>

namespace radosio::crush {

// One straw per item, in item order, from the items' 16.16 weights. `straw_calc_version` is
// the map's tunable: 0 is Ceph's original calculation (wrong when weights repeat or are
// zero, kept for old maps), 1 and above the corrected one.
[[nodiscard]] std::vector<std::uint32_t> calc_straws(std::span<const std::uint32_t> weights,
                                                     std::uint8_t straw_calc_version);

}  // namespace radosio::crush
