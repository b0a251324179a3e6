#pragma once
// Changing a CRUSH item's weight the way Ceph does (CrushWrapper::adjust_item_weight): the
// item's weight is set in every bucket that holds it, each bucket's total changes by the
// difference, and that change is carried up through the parents to the roots. The weight
// sets of every choose_args set follow, as Ceph keeps them summing up the hierarchy. Used
// for what-if placement ("where would the PGs go if osd.7 weighed half as much?").

#include <cstdint>
#include <memory>
#include <optional>

#include "common/result.h"
#include "crush/crush_map.h"

namespace radosio::crush {

// `weight` is 16.16 fixed point. Fails with ENOENT if no bucket holds `item`. Straw (v1)
// buckets on the way get their straws recalculated (crush_calc_straw, with the map's
// straw_calc_version), as Ceph does.
//
// Weight sets (every position of every choose_args set) are updated as Ceph 16.2 updates
// them: first reduced to what Ceph keeps after decoding (ceph_kept_choose_args); then the
// item's entry becomes `weight` in each bucket holding it; then, for every bucket with a
// weight set, in bucket order and again at every level of the walk up, the bucket's entry in
// its parents becomes the sum of its own weight set (per position), carried up to the roots.
// A set that lacks a bucket gets one for it, filled with the bucket's item weights of that
// moment, as soon as any of that set's weights is carried up. So a set whose weights did not
// sum up the hierarchy before is made to sum, even when `item` is not found (ENOENT after
// those changes, as Ceph).
[[nodiscard]] status adjust_item_weight(crush_map& map, std::int32_t item, std::uint32_t weight);

// Ceph's float form (CrushWrapper::adjust_item_weightf): the weight is converted by
// weight_from_float, unless Ceph's validate_weightf refuses it (weight_accepted), which fails
// with EOVERFLOW and leaves the map as it was.
[[nodiscard]] status adjust_item_weightf(crush_map& map, std::int32_t item, float weight);

// Several reweights of one map as one Ceph process makes them (osdmaptool applying its
// what-if flags to the map it decoded): the choose_args are reduced to what Ceph keeps once,
// when the reweighter is made, and the weight sets Ceph makes on the way stay for the next
// reweight. adjust_item_weight and adjust_item_weightf are single reweights (crushtool
// --reweight-item: decode, reweight, encode). The map must outlive the reweighter and keep
// its buckets and choose_args sets meanwhile.
class reweighter {
 public:
  explicit reweighter(crush_map& map);
  ~reweighter();
  reweighter(const reweighter&) = delete;
  reweighter& operator=(const reweighter&) = delete;

  [[nodiscard]] status adjust(std::int32_t item, std::uint32_t weight);  // adjust_item_weight
  [[nodiscard]] status adjustf(std::int32_t item, float weight);         // adjust_item_weightf

 private:
  class impl;
  std::unique_ptr<impl> impl_;
};

// Ceph's CrushWrapper::get_item_weight: for the first bucket (by index) that is `item` or
// holds it, that bucket's weight or the item's weight inside it; nullopt if there is none.
[[nodiscard]] std::optional<std::uint32_t> item_weight(const crush_map& map,
                                                       std::int32_t item) noexcept;

// Ceph's float form (adjust_item_weightf): weight * 0x10000 in single precision, truncated
// toward zero; what x86-64 gives for products outside int's range (NaN, infinities, huge
// values): 0x80000000.
[[nodiscard]] std::uint32_t weight_from_float(float weight) noexcept;

// Whether Ceph's validate_weightf lets adjust_item_weightf use `weight`: it converts
// weight * 0x10000 (single precision) to uint64 and refuses values above INT_MAX. Ceph built
// for x86-64 (GCC) thus accepts products in (-1, 2^31), and those of 2^64 or more (+inf
// included: the conversion's overflow there yields 0); it refuses NaN, -1 and below, and
// [2^31, 2^64).
[[nodiscard]] bool weight_accepted(float weight) noexcept;

}  // namespace radosio::crush
