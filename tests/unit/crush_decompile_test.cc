// The decompiler's corner cases on hand-made maps: the cases crushtool refuses, and the
// parts of its output that follow from how Ceph stores things (unsigned choose_args ids,
// shadow buckets, what its decoder drops). Whole-text equality with crushtool is checked
// by the corpus and oracle tiers.

#include "crush/decompile.h"

#include <gtest/gtest.h>

#include <string>

namespace radosio::crush {
namespace {

bucket make_bucket(std::int32_t id, std::uint16_t type, bucket_alg alg,
                   std::vector<std::int32_t> items) {
  bucket b;
  b.id = id;
  b.type = type;
  b.alg = alg;
  b.items = std::move(items);
  b.item_weights.assign(b.items.size(), 0x10000);
  if (alg == bucket_alg::straw) b.straws.assign(b.items.size(), 0x10000);
  b.weight = static_cast<std::uint32_t>(0x10000 * b.items.size());
  return b;
}

// root default (-1, straw2) -> host h (-2, straw) -> osd.0, osd.1; shadow default~ssd (-3).
crush_map small_map() {
  crush_map m;
  m.max_devices = 2;
  m.buckets = {make_bucket(-1, 2, bucket_alg::straw2, {-2}),
               make_bucket(-2, 1, bucket_alg::straw, {0, 1}),
               make_bucket(-3, 2, bucket_alg::straw2, {0, 1})};
  m.type_names = {{0, "osd"}, {1, "host"}, {2, "root"}};
  m.item_names = {{0, "osd.0"}, {1, "osd.1"}, {-1, "default"}, {-2, "h"}, {-3, "default~ssd"}};
  m.class_map = {{0, 0}, {1, 0}};
  m.class_names = {{0, "ssd"}};
  m.class_buckets = {{-1, {{0, -3}}}};
  rule r;
  r.type = 1;
  r.min_size = 1;
  r.max_size = 10;
  r.steps = {{static_cast<std::uint32_t>(rule_op::take), -3, 0},
             {static_cast<std::uint32_t>(rule_op::chooseleaf_firstn), 0, 1},
             {static_cast<std::uint32_t>(rule_op::emit), 0, 0}};
  m.rules = {r};
  m.rule_names = {{0, "r"}};
  return m;
}

std::string text_of(const crush_map& m) {
  auto text = decompile(m);
  EXPECT_TRUE(text) << text.err().what();
  return text ? *text : std::string();
}

TEST(CrushDecompile, ShadowBucketsAreLeftOutAndTakenByClass) {
  const auto text = text_of(small_map());
  EXPECT_EQ(text.find("default~ssd"), std::string::npos) << text;
  EXPECT_NE(text.find("\tid -3 class ssd\t\t# do not change unnecessarily\n"), std::string::npos);
  EXPECT_NE(text.find("\tstep take default class ssd\n"), std::string::npos) << text;
  // Children come before their parents.
  EXPECT_LT(text.find("host h {"), text.find("root default {"));
}

// Ceph lists choose_args in signed id order but prints the ids unsigned, and keeps
// overrides of straw2 buckets only.
TEST(CrushDecompile, ChooseArgsAsCephKeepsThem) {
  auto m = small_map();
  choose_args args(m.buckets.size());
  args[0].weight_set = {{0x8000}};
  args[1].weight_set = {{0x8000, 0x8000}};  // the straw host: dropped by Ceph's decoder
  m.choose_arg_sets[default_choose_args] = args;
  m.choose_arg_sets[3] = args;
  const auto text = text_of(m);
  const auto pool_set = text.find("choose_args 3 {\n  {\n    bucket_id -1\n");
  const auto compat_set = text.find("choose_args 18446744073709551615 {\n  {\n    bucket_id -1\n");
  ASSERT_NE(pool_set, std::string::npos) << text;
  ASSERT_NE(compat_set, std::string::npos) << text;
  EXPECT_LT(compat_set, pool_set);
  EXPECT_EQ(text.find("bucket_id -2"), std::string::npos) << text;
  EXPECT_NE(text.find("      [ 0.500 ]\n"), std::string::npos) << text;
}

TEST(CrushDecompile, UnnamedItemsAndTypesGetPlaceholderNames) {
  auto m = small_map();
  m.item_names.erase(-2);
  m.type_names.erase(1);
  const auto text = text_of(m);
  EXPECT_NE(text.find("type1 bucket1 {"), std::string::npos) << text;
  EXPECT_NE(text.find("\titem bucket1 weight 1.000\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\tstep chooseleaf firstn 0 type type1\n"), std::string::npos) << text;
}

TEST(CrushDecompile, CyclesAreRefused) {
  auto m = small_map();
  m.buckets[1]->items.push_back(-1);
  const auto text = decompile(m);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.code(), std::errc::invalid_argument);
}

TEST(CrushDecompile, TakingAnUnnamedItemIsRefused) {
  auto m = small_map();
  m.rules[0]->steps[0].arg1 = -2;
  m.item_names.erase(-2);
  const auto text = decompile(m);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.code(), std::errc::invalid_argument);
}

TEST(CrushDecompile, ClassBucketOfAnUnnamedClassIsRefused) {
  auto m = small_map();
  m.class_buckets[-1][7] = -3;
  EXPECT_FALSE(decompile(m));
}

}  // namespace
}  // namespace radosio::crush
