#pragma once
// Changing a CRUSH item's weight the way Ceph does (CrushWrapper::adjust_item_weight): the
// item's weight is set in every bucket that holds it, each bucket's total changes by the
// difference, and that change is carried up through the parents to the roots. Used for
// what-if placement ("where would the PGs go if osd.7 weighed half as much?").

#include <cstdint>
#include <optional>

#include "common/result.h"
#include "crush/crush_map.h"

namespace radosio::crush {

// `weight` is 16.16 fixed point. Fails with ENOENT if no bucket holds `item`. Straw (v1)
// buckets on the way get their straws recalculated (crush_calc_straw, with the map's
// straw_calc_version), as Ceph does. Weight sets in choose_args are left as they are.
[[nodiscard]] status adjust_item_weight(crush_map& map, std::int32_t item, std::uint32_t weight);

// Ceph's CrushWrapper::get_item_weight: for the first bucket (by index) that is `item` or
// holds it, that bucket's weight or the item's weight inside it; nullopt if there is none.
[[nodiscard]] std::optional<std::uint32_t> item_weight(const crush_map& map,
                                                       std::int32_t item) noexcept;

// Ceph's float form (adjust_item_weightf): weight * 0x10000 in single precision, truncated.
[[nodiscard]] std::uint32_t weight_from_float(float weight) noexcept;

}  // namespace radosio::crush
