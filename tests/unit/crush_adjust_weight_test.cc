#include "crush/adjust_weight.h"

#include <gtest/gtest.h>

#include <limits>
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

// 16.16 weight vectors, one per position.
using weight_set = std::vector<std::vector<std::uint32_t>>;

// The item's entry changes in every position of every set, and each bucket's entry in its
// parent becomes the sum of its own weights in that position (the root's stale 5.0 goes).
TEST(CrushAdjustWeight, WeightSetsFollowAndSumUp) {
  auto m = small_map(bucket_alg::straw2);
  m.choose_arg_sets[default_choose_args] = {choose_arg{{{0x50000}}, {}},
                                            choose_arg{{{0x8000, 0x18000}}, {}}};
  m.choose_arg_sets[3] = {choose_arg{{{0x1}, {0x2}}, {}},
                          choose_arg{{{0x8000, 0x4000}, {0x30000, 0x1000}}, {}}};
  ASSERT_TRUE(adjust_item_weight(m, 1, 0x20000));
  const auto& compat = m.choose_arg_sets[default_choose_args];
  EXPECT_EQ(compat[1].weight_set, (weight_set{{0x8000, 0x20000}}));
  EXPECT_EQ(compat[0].weight_set, (weight_set{{0x28000}}));
  const auto& pool = m.choose_arg_sets[3];
  EXPECT_EQ(pool[1].weight_set, (weight_set{{0x8000, 0x20000}, {0x30000, 0x20000}}));
  EXPECT_EQ(pool[0].weight_set, (weight_set{{0x28000}, {0x50000}}));
  EXPECT_EQ(m.buckets[0]->item_weights[0], 0x30000u);  // the bucket weights as before
}

// A set without the host (a list bucket: Ceph keeps weight sets of straw2 buckets only, so
// the one given here goes) gets one, from the host's item weights, as soon as a weight of
// that set is carried up.
TEST(CrushAdjustWeight, MissingWeightSetsAreMade) {
  auto m = small_map(bucket_alg::list);
  m.choose_arg_sets[default_choose_args] = {choose_arg{{{0x50000}}, {}},
                                            choose_arg{{{0x1, 0x1}}, {}}};
  ASSERT_TRUE(adjust_item_weight(m, 1, 0x8000));
  const auto& compat = m.choose_arg_sets[default_choose_args];
  EXPECT_EQ(compat[1].weight_set, (weight_set{{0x10000, 0x8000}}));
  EXPECT_EQ(compat[0].weight_set, (weight_set{{0x18000}}));
  // A set holding only substitute ids has no weights to carry: nothing is made.
  auto ids_only = small_map(bucket_alg::straw2);
  ids_only.choose_arg_sets[2] = {choose_arg{{}, {-7}}, choose_arg{}};
  ASSERT_TRUE(adjust_item_weight(ids_only, 1, 0x8000));
  EXPECT_TRUE(ids_only.choose_arg_sets[2][1].weight_set.empty());
  EXPECT_EQ(ids_only.choose_arg_sets[2][0].ids, (std::vector<std::int32_t>{-7}));
}

// Ceph finds no item 7 but has made every set sum up on the way (osdmaptool maps on).
TEST(CrushAdjustWeight, MissingItemStillMakesSetsSum) {
  auto m = small_map(bucket_alg::straw2);
  m.choose_arg_sets[default_choose_args] = {choose_arg{{{0x50000}}, {}},
                                            choose_arg{{{0x8000, 0x8000}}, {}}};
  EXPECT_EQ(adjust_item_weight(m, 7, 0x10000).code(), std::errc::no_such_file_or_directory);
  EXPECT_EQ(m.choose_arg_sets[default_choose_args][0].weight_set, (weight_set{{0x10000}}));
}

// Ceph's validate_weightf as x86-64 computes it: the product's conversion to uint64 must not
// exceed INT_MAX; products of 2^64 and more convert to 0 and pass, then store 0x80000000.
TEST(CrushAdjustWeight, FloatWeightsCephRefuses) {
  EXPECT_TRUE(weight_accepted(1.0f));
  EXPECT_TRUE(weight_accepted(0.0f));
  EXPECT_TRUE(weight_accepted(-0.00001f));  // -0.65 truncates to 0
  EXPECT_EQ(weight_from_float(-0.00001f), 0u);
  EXPECT_TRUE(weight_accepted(32767.99f));
  EXPECT_FALSE(weight_accepted(32768.0f));
  EXPECT_FALSE(weight_accepted(1e14f));
  EXPECT_FALSE(weight_accepted(-0.5f));
  EXPECT_FALSE(weight_accepted(std::numeric_limits<float>::quiet_NaN()));
  EXPECT_TRUE(weight_accepted(3e14f));
  EXPECT_TRUE(weight_accepted(std::numeric_limits<float>::infinity()));
  EXPECT_EQ(weight_from_float(3e14f), 0x80000000u);
  EXPECT_EQ(weight_from_float(std::numeric_limits<float>::infinity()), 0x80000000u);

  auto m = small_map(bucket_alg::straw2);
  m.choose_arg_sets[default_choose_args] = {choose_arg{{{0x50000}}, {}}, choose_arg{}};
  const auto refused = adjust_item_weightf(m, 0, 40000.0f);
  EXPECT_EQ(refused.code(), std::errc::value_too_large);
  EXPECT_EQ(m.buckets[1]->item_weights[0], 0x10000u);
  EXPECT_EQ(m.choose_arg_sets[default_choose_args][0].weight_set, (weight_set{{0x50000}}));
  ASSERT_TRUE(adjust_item_weightf(m, 0, 0.5f));
  EXPECT_EQ(m.buckets[1]->item_weights[0], 0x8000u);
}

}  // namespace
}  // namespace radosio::crush
