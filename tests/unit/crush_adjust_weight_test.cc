#include "crush/adjust_weight.h"

#include <gtest/gtest.h>

#include <vector>

namespace radosio::crush {
namespace {

// root(-1, straw2) -> host(-2, list) -> osd.0, osd.1
crush_map small_map(bucket_alg host_alg) {
  crush_map m;
  m.max_devices = 2;
  bucket host;
  host.id = -2;
  host.type = 1;
  host.alg = host_alg;
  host.items = {0, 1};
  host.item_weights = {0x10000, 0x10000};
  host.sum_weights = {0x10000, 0x20000};
  if (host_alg == bucket_alg::straw) host.straws = {0x10000, 0x10000};
  host.weight = 0x20000;
  bucket root;
  root.id = -1;
  root.type = 2;
  root.alg = bucket_alg::straw2;
  root.items = {-2};
  root.item_weights = {0x20000};
  root.weight = 0x20000;
  m.buckets = {root, host};
  return m;
}

TEST(CrushAdjustWeight, PropagatesToTheRoot) {
  auto m = small_map(bucket_alg::list);
  ASSERT_TRUE(adjust_item_weight(m, 1, 0x8000));
  const auto& host = *m.buckets[1];
  EXPECT_EQ(host.item_weights[1], 0x8000u);
  EXPECT_EQ(host.sum_weights[0], 0x10000u);  // items before the changed one keep their sums
  EXPECT_EQ(host.sum_weights[1], 0x18000u);
  EXPECT_EQ(host.weight, 0x18000u);
  EXPECT_EQ(m.buckets[0]->item_weights[0], 0x18000u);
  EXPECT_EQ(m.buckets[0]->weight, 0x18000u);
}

TEST(CrushAdjustWeight, ClearErrors) {
  auto m = small_map(bucket_alg::straw2);
  const auto missing = adjust_item_weight(m, 7, 0x10000);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.code(), std::errc::no_such_file_or_directory);
}

// A straw (v1) bucket's straws follow its new weights: osd.0 at half weight becomes the
// lightest item (straw 1.0) and osd.1 gets 1.5 (see crush_straw_calc_test).
TEST(CrushAdjustWeight, StrawBucketsGetNewStraws) {
  for (std::uint8_t version : {0, 1}) {
    auto m = small_map(bucket_alg::straw);
    m.tun.straw_calc_version = version;
    ASSERT_TRUE(adjust_item_weight(m, 0, 0x8000));
    const auto& host = *m.buckets[1];
    EXPECT_EQ(host.item_weights, (std::vector<std::uint32_t>{0x8000, 0x10000}));
    EXPECT_EQ(host.straws, (std::vector<std::uint32_t>{0x10000, 0x18000}));
    EXPECT_EQ(host.weight, 0x18000u);
    EXPECT_EQ(m.buckets[0]->item_weights[0], 0x18000u);
  }
}

// Ceph recalculates even when the weight stays the same, so straws made by another
// straw_calc_version (or stale ones) are replaced.
TEST(CrushAdjustWeight, UnchangedWeightStillRecomputesStraws) {
  auto m = small_map(bucket_alg::straw);
  m.buckets[1]->straws = {0x12345, 0x23456};
  ASSERT_TRUE(adjust_item_weight(m, 0, 0x10000));
  EXPECT_EQ(m.buckets[1]->straws, (std::vector<std::uint32_t>{0x10000, 0x10000}));
  EXPECT_EQ(m.buckets[1]->weight, 0x20000u);
}

// Ceph's get_item_weight answers from the first bucket by index that is the item or holds
// it: here the root (index 0) holds the host with a weight of its own.
TEST(CrushAdjustWeight, ItemWeightComesFromTheFirstBucket) {
  auto m = small_map(bucket_alg::list);
  m.buckets[0]->item_weights[0] = 0x30000;
  EXPECT_EQ(item_weight(m, -2), 0x30000u);
  EXPECT_EQ(item_weight(m, -1), 0x20000u);
  EXPECT_EQ(item_weight(m, 1), 0x10000u);
  EXPECT_EQ(item_weight(m, 7), std::nullopt);
}

TEST(CrushAdjustWeight, FloatWeightsTruncateLikeCeph) {
  EXPECT_EQ(weight_from_float(1.0f), 0x10000u);
  EXPECT_EQ(weight_from_float(0.5f), 0x8000u);
  EXPECT_EQ(weight_from_float(2.25f), 0x24000u);
  EXPECT_EQ(weight_from_float(0.1f), 6553u);  // 0.1 * 65536 = 6553.6, truncated
}

}  // namespace
}  // namespace radosio::crush
