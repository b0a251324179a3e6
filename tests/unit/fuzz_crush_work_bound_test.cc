// The map fuzz harness's work bound (tests/fuzz/crush_work_bound.h), now crush/work_bound.h's
// estimate: the map the fuzzer found keeping the mapper busy for hours is far over any
// budget, every real map of the corpus is still mapped, and a cyclic bucket graph has no
// bound at all.

#include "fuzz/crush_work_bound.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "crush/decode.h"

namespace radosio::fuzz {
namespace {

namespace fs = std::filesystem;
using crush::bucket;
using crush::rule_op;

// The harness's shape: 8 rules, 16 inputs, 8 outputs.
double harness_work(const crush::crush_map& m) { return mapping_work_bound(m, 8, 16, 8); }

crush::rule_step step(rule_op op, int arg1 = 0, int arg2 = 0) {
  return {static_cast<std::uint32_t>(op), arg1, arg2};
}

bucket straw2(std::int32_t id, std::uint16_t type, std::vector<std::int32_t> items) {
  bucket b;
  b.id = id;
  b.type = type;
  b.alg = crush::bucket_alg::straw2;
  b.item_weights.assign(items.size(), 0x10000);
  b.weight = static_cast<std::uint32_t>(items.size()) * 0x10000;
  b.items = std::move(items);
  return b;
}

// The fuzzer's timeout-38f94505 reproducer, as `crushtool -d` shows it: a host with two
// OSDs under a root, choose_local_tries 30060, and a rule asking for 3,866,624 replicas.
// Only two distinct OSDs exist, so every replica past the second spends all its retries.
crush::crush_map fuzzer_timeout_map() {
  crush::crush_map m;
  m.max_devices = 3;
  m.buckets.resize(2);
  m.buckets[0] = straw2(-1, 11, {-2});   // root default
  m.buckets[1] = straw2(-2, 1, {0, 1});  // host o01
  m.tun.choose_local_tries = 30060;
  m.tun.choose_local_fallback_tries = 0;
  m.tun.choose_total_tries = 50;
  m.tun.chooseleaf_descend_once = 1;
  m.tun.chooseleaf_vary_r = 1;
  m.tun.chooseleaf_stable = 1;
  crush::rule r;
  r.steps = {step(rule_op::take, -1), step(rule_op::choose_firstn, 3866624, 0),
             step(rule_op::emit)};
  m.rules.emplace_back(std::move(r));
  return m;
}

TEST(FuzzCrushWorkBound, FuzzerTimeoutMapIsOverBudget) {
  const auto m = fuzzer_timeout_map();
  EXPECT_GT(harness_work(m), mapping_work_budget * 1000);
  EXPECT_GT(crush::rule_work_bound(m, *m.rules[0], crush::work_check_result),
            crush::max_rule_work * 1000);
  // The same map asking for three replicas is an ordinary map and is mapped.
  auto sane = m;
  sane.rules[0]->steps[1].arg1 = 3;
  sane.tun.choose_local_tries = 0;
  EXPECT_LT(harness_work(sane), mapping_work_budget);
}

TEST(FuzzCrushWorkBound, CyclicBucketGraphHasNoBound) {
  auto m = fuzzer_timeout_map();
  m.tun.choose_local_tries = 0;
  m.rules[0]->steps[1].arg1 = 3;
  m.buckets[1]->items.push_back(-1);  // host -> root -> host ...
  const crush::work_estimate estimate(m);
  EXPECT_FALSE(estimate.acyclic());
  EXPECT_TRUE(std::isinf(harness_work(m)));
}

TEST(FuzzCrushWorkBound, EveryCorpusMapIsStillMapped) {
  int checked = 0;
  for (const char* release : {"ceph-16.2.0", "ceph-18.2.0", "ceph-19.2.0"}) {
    const fs::path dir = fs::path(RADOSIO_SHARED_DIR) / "corpus" / release / "CrushWrapper";
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::ifstream in(entry.path(), std::ios::binary);
      const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                            std::istreambuf_iterator<char>());
      auto map = crush::decode_crush_map(bytes);
      ASSERT_TRUE(map.has_value()) << entry.path();
      EXPECT_LT(harness_work(*map), mapping_work_budget / 5) << entry.path();
      ++checked;
    }
  }
  if (checked == 0) GTEST_SKIP() << "no corpus under " << RADOSIO_SHARED_DIR;
  EXPECT_EQ(checked, 30);
}

}  // namespace
}  // namespace radosio::fuzz
