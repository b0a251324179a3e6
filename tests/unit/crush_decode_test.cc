#include "crush/decode.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "crush/mapper.h"

namespace radosio::crush {
namespace {

namespace fs = std::filesystem;

std::vector<std::uint8_t> encoded(const crush_map& map) {
  wire::encoder e;
  encode(e, map);
  return e.bytes();
}

// A small map exercising every bucket algorithm, a hole, two rules and choose_args.
crush_map sample_map() {
  crush_map m;
  m.max_devices = 6;
  m.buckets.resize(7);
  auto add = [&](int id, bucket_alg alg, std::uint16_t type, std::vector<int> items) -> bucket& {
    bucket& b = m.buckets[static_cast<std::size_t>(-1 - id)].emplace();
    b.id = id;
    b.alg = alg;
    b.type = type;
    b.items = std::move(items);
    b.weight = 0x10000 * b.size();
    return b;
  };
  add(-1, bucket_alg::uniform, 1, {0, 1}).uniform_item_weight = 0x10000;
  auto& l = add(-2, bucket_alg::list, 1, {2, 3});
  l.item_weights = {0x10000, 0x10000};
  l.sum_weights = {0x10000, 0x20000};
  auto& t = add(-3, bucket_alg::tree, 1, {4});
  t.node_weights = {0, 0x10000};
  auto& s = add(-4, bucket_alg::straw, 1, {5});
  s.item_weights = {0x10000};
  s.straws = {0x10000};
  auto& root = add(-5, bucket_alg::straw2, 2, {-1, -2, -3, -4});
  root.item_weights = {0x20000, 0x20000, 0x10000, 0x10000};
  // slot 5 (-6) is a hole
  add(-7, bucket_alg::straw2, 2, {}).weight = 0;
  m.rules.resize(3);
  auto& r = m.rules[0].emplace();
  r.ruleset = 0;
  r.type = 1;
  r.min_size = 1;
  r.max_size = 10;
  r.steps = {{1, -5, 0}, {6, 0, 1}, {4, 0, 0}};
  auto& r2 = m.rules[2].emplace();
  r2.ruleset = 4;
  r2.type = 3;
  r2.min_size = 3;
  r2.max_size = 6;
  r2.steps = {{1, -5, 0}, {7, 0, 1}, {4, 0, 0}};
  m.type_names = {{0, "osd"}, {1, "host"}, {2, "root"}};
  m.item_names = {{0, "osd.0"}, {-5, "default"}};
  m.rule_names = {{0, "replicated_rule"}, {2, "ec"}};
  m.tun = {0, 0, 50, 1, 1, 1, 1, 54, {}, {}};
  m.class_map = {{0, 0}};
  m.class_names = {{0, "hdd"}};
  m.class_buckets = {{-5, {{0, -7}}}};
  choose_args args(m.buckets.size());
  args[4].weight_set = {{1, 2, 3, 4}};
  args[4].ids = {-11, -12, -13, -14};
  m.choose_arg_sets[3] = args;
  return m;
}

TEST(crush_decode, round_trip) {
  const auto bytes = encoded(sample_map());
  auto map = decode_crush_map(bytes);
  ASSERT_TRUE(map.has_value()) << map.err().what();
  EXPECT_EQ(map->buckets.size(), 7u);
  EXPECT_FALSE(map->buckets[5].has_value());
  EXPECT_EQ(map->buckets[2]->node_weights.size(), 2u);
  EXPECT_EQ(map->rules[2]->ruleset, 4);
  EXPECT_EQ(map->tun.choose_total_tries, 50u);
  EXPECT_EQ(map->class_buckets.at(-5).at(0), -7);
  EXPECT_EQ(map->choose_arg_sets.at(3)[4].ids[1], -12);
  EXPECT_EQ(encoded(*map), bytes);
}

TEST(crush_decode, find_rule_uses_pacific_mask) {
  const auto m = sample_map();
  EXPECT_EQ(find_rule(m, 0, 1, 3), 0);
  EXPECT_EQ(find_rule(m, 0, 1, 11), -1);
  EXPECT_EQ(find_rule(m, 4, 3, 4), 2);
  EXPECT_EQ(find_rule(m, 4, 3, 2), -1);
  EXPECT_EQ(find_rule(m, 2, 1, 3), -1);
  EXPECT_EQ(find_rule_by_name(m, "ec"), 2);
  EXPECT_EQ(find_rule_by_name(m, "nope"), -1);
}

TEST(crush_decode, legacy_map_without_tunables_gets_legacy_defaults) {
  auto bytes = encoded(sample_map());
  // Cut everything after the rule names: what a pre-bobtail Ceph wrote.
  crush_map m = sample_map();
  m.tun = {};
  m.class_map.clear();
  m.class_names.clear();
  m.class_buckets.clear();
  m.choose_arg_sets.clear();
  bytes = encoded(m);
  const std::size_t tail = 3 * 4 + 4 + 1 + 1 + 4 + 1 + 3 * 4 + 4;  // tunables, classes, choose_args
  bytes.resize(bytes.size() - tail);
  auto map = decode_crush_map(bytes);
  ASSERT_TRUE(map.has_value()) << map.err().what();
  EXPECT_EQ(map->tun.choose_local_tries, 2u);
  EXPECT_EQ(map->tun.choose_local_fallback_tries, 5u);
  EXPECT_EQ(map->tun.choose_total_tries, 19u);
  EXPECT_EQ(map->tun.chooseleaf_descend_once, 0u);
  EXPECT_EQ(map->tun.chooseleaf_vary_r, 0);
  EXPECT_EQ(map->tun.chooseleaf_stable, 0);
  EXPECT_EQ(map->tun.straw_calc_version, 0);
  EXPECT_EQ(map->tun.allowed_bucket_algs, 22u);
}

TEST(crush_decode, squid_msr_tunables_and_unknown_tail) {
  crush_map m = sample_map();
  m.tun.msr_descents = 100;
  m.tun.msr_collision_tries = 100;
  auto bytes = encoded(m);
  bytes.insert(bytes.end(), {1, 2, 3});  // a field from the future
  auto map = decode_crush_map(bytes);
  ASSERT_TRUE(map.has_value()) << map.err().what();
  EXPECT_EQ(map->tun.msr_descents, 100u);
}

TEST(crush_decode, every_truncation_fails_cleanly_or_is_a_legacy_prefix) {
  const auto bytes = encoded(sample_map());
  // Everything before the tunables (buckets, rules, the three name maps) is mandatory.
  crush_map bare = sample_map();
  bare.class_map.clear();
  bare.class_names.clear();
  bare.class_buckets.clear();
  bare.choose_arg_sets.clear();
  const std::size_t optional_tail = (3 * 4 + 4 + 1 + 1 + 4 + 1) + 3 * 4 + 4;
  const std::size_t mandatory = encoded(bare).size() - optional_tail;
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto map = decode_crush_map(std::span(bytes.data(), n));
    if (n < mandatory) {
      EXPECT_FALSE(map.has_value()) << n;
    }
  }
}

void put_le32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
  if (at + 4 <= b.size()) std::memcpy(b.data() + at, &v, 4);  // little-endian host
}

TEST(crush_decode, hostile_values_fail) {
  const auto good = encoded(sample_map());
  auto expect_fail = [](std::vector<std::uint8_t> b, errc code) {
    auto map = decode_crush_map(b);
    ASSERT_FALSE(map.has_value());
    EXPECT_EQ(map.code(), make_error_code(code)) << map.err().what();
  };
  auto b = good;
  put_le32(b, 0, 0x12345678);
  expect_fail(b, errc::malformed);  // magic
  b = good;
  put_le32(b, 4, 0x7fffffff);
  expect_fail(b, errc::length_too_large);  // max_buckets
  b = good;
  put_le32(b, 4, 0x80000000);
  expect_fail(b, errc::length_too_large);  // negative max_buckets
  b = good;
  put_le32(b, 8, 0xffffffff);
  expect_fail(b, errc::length_too_large);  // max_rules
  b = good;
  put_le32(b, 12, 0xfffffff0);
  expect_fail(b, errc::length_too_large);  // max_devices
  b = good;
  put_le32(b, 16, 9);
  expect_fail(b, errc::malformed);  // first bucket's algorithm
  b = good;
  put_le32(b, 20, static_cast<std::uint32_t>(-3));
  expect_fail(b, errc::malformed);  // bucket id not matching its slot
  b = good;
  put_le32(b, 16 + 4 + 4 + 2 + 1 + 1 + 4, 0x40000000);
  expect_fail(b, errc::length_too_large);  // item count
}

TEST(crush_decode, choose_args_must_name_real_buckets) {
  crush_map m = sample_map();
  m.choose_arg_sets[3][5].ids = {1};  // slot 5 is a hole
  auto map = decode_crush_map(encoded(m));
  EXPECT_FALSE(map.has_value());
  m = sample_map();
  m.choose_arg_sets[3][4].ids = {1, 2};  // 4 items, 2 ids
  map = decode_crush_map(encoded(m));
  EXPECT_FALSE(map.has_value());
}

TEST(crush_decode, every_corpus_sample_decodes) {
  const fs::path corpus = fs::path(RADOSIO_SHARED_DIR) / "corpus";
  int decoded = 0;
  for (const char* release : {"ceph-16.2.0", "ceph-18.2.0", "ceph-19.2.0"}) {
    const fs::path dir = corpus / release / "CrushWrapper";
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::ifstream in(entry.path(), std::ios::binary);
      const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                            std::istreambuf_iterator<char>());
      auto map = decode_crush_map(bytes);
      ASSERT_TRUE(map.has_value()) << entry.path() << ": " << map.err().what();
      // Every field is kept, so re-encoding reproduces Ceph's bytes exactly.
      EXPECT_EQ(encoded(*map), bytes) << entry.path();
      // Every rule must run without tripping over the decoded structure.
      workspace ws(*map);
      std::vector<std::uint32_t> weights(static_cast<std::size_t>(map->max_devices), weight_in);
      std::vector<int> out(10);
      for (std::size_t r = 0; r < map->rules.size(); ++r) {
        if (!map->rules[r]) continue;
        for (int x = 0; x < 64; ++x)
          EXPECT_GE(
              do_rule(*map, static_cast<int>(r), x, out, weights, ws, map->choose_args_for(-1)), 0);
      }
      ++decoded;
    }
  }
  if (decoded == 0) GTEST_SKIP() << "no corpus at " << corpus;
  EXPECT_EQ(decoded, 30);
}

TEST(crush_mapper, rejects_misuse_without_touching_memory) {
  const crush_map m = sample_map();
  workspace ws(m, 4);
  std::vector<std::uint32_t> weights(6, weight_in);
  std::vector<int> out(8);
  EXPECT_EQ(do_rule(m, 1, 0, std::span(out.data(), 3), weights, ws), -EINVAL);  // hole
  EXPECT_EQ(do_rule(m, 9, 0, std::span(out.data(), 3), weights, ws), -EINVAL);
  EXPECT_EQ(do_rule(m, 0, 0, out, weights, ws), -EINVAL);  // larger than the workspace
  crush_map other = m;
  other.buckets.resize(3);
  EXPECT_EQ(do_rule(other, 0, 0, std::span(out.data(), 3), weights, ws), -EINVAL);
  EXPECT_FALSE(ws.fits(other));
  EXPECT_TRUE(ws.fits(m));
}

TEST(crush_mapper, maps_every_algorithm_and_respects_out_devices) {
  const crush_map m = sample_map();
  workspace ws(m);
  std::vector<std::uint32_t> weights(6, weight_in);
  std::vector<int> out(4);
  int seen[6] = {};
  for (int x = 0; x < 2000; ++x) {
    const int n = do_rule(m, 0, x, out, weights, ws);
    ASSERT_EQ(n, 4);
    std::vector<int> sorted(out.begin(), out.end());
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
    for (int i = 0; i < n; ++i) ++seen[out[static_cast<std::size_t>(i)]];
  }
  for (int d = 0; d < 6; ++d) EXPECT_GT(seen[d], 0) << d;
  // Device 4 is out, and the tree bucket holding it has nothing else: indep leaves a hole.
  weights[4] = 0;
  int holes = 0;
  for (int x = 0; x < 200; ++x) {
    ASSERT_EQ(do_rule(m, 2, x, out, weights, ws), 4);
    for (int v : out) {
      EXPECT_NE(v, 4);
      holes += v == item_none;
    }
  }
  EXPECT_GT(holes, 0);
}

}  // namespace
}  // namespace radosio::crush

namespace radosio::crush {
namespace {

TEST(crush_mapper, bucket_cycle_in_hostile_map_terminates) {
  crush_map m;
  m.max_devices = 1;
  m.buckets.resize(2);
  for (int i = 0; i < 2; ++i) {
    bucket& b = m.buckets[static_cast<std::size_t>(i)].emplace();
    b.id = -1 - i;
    b.type = 1;
    b.alg = bucket_alg::straw2;
    b.items = {-2 + i};  // -1 -> -2 -> -1 ...
    b.item_weights = {0x10000};
  }
  m.rules.resize(1);
  m.rules[0].emplace().steps = {{1, -1, 0}, {6, 0, 5}, {4, 0, 0}, {1, -1, 0}, {7, 0, 5}, {4, 0, 0}};
  workspace ws(m);
  std::vector<std::uint32_t> weights(1, weight_in);
  std::vector<int> out(4);
  const int n = do_rule(m, 0, 7, out, weights, ws);
  ASSERT_EQ(n, 4);  // firstn found nothing; indep fills the whole result with holes
  for (int v : out) EXPECT_EQ(v, item_none);
}

}  // namespace
}  // namespace radosio::crush
