// What decoding refuses so that no mapping can run for long (crush/decode.h limits and
// crush/work_bound.h): the fuzzer's reproducer and its variants fail with a message naming
// the rule, step and value, while maps at the limits still decode and map.

#include <gtest/gtest.h>

#include <chrono>
#include <climits>
#include <string>
#include <vector>

#include "common/encoding/encoder.h"
#include "crush/decode.h"
#include "crush/mapper.h"
#include "crush/work_bound.h"

namespace radosio::crush {
namespace {

rule_step step(rule_op op, int arg1 = 0, int arg2 = 0) {
  return {static_cast<std::uint32_t>(op), arg1, arg2};
}

bucket straw2(std::int32_t id, std::uint16_t type, std::vector<std::int32_t> items) {
  bucket b;
  b.id = id;
  b.type = type;
  b.alg = bucket_alg::straw2;
  b.item_weights.assign(items.size(), 0x10000);
  b.weight = static_cast<std::uint32_t>(items.size()) * 0x10000;
  b.items = std::move(items);
  return b;
}

// The fuzzer's timeout-38f94505 reproducer (crushtool -d):
//   tunable choose_local_tries 30060 ... root default { item o01 }, host o01 { osd.0 osd.1 }
//   rule replicated_rule { step take default; step choose firstn 3866624 type osd; emit }
crush_map reproducer() {
  crush_map m;
  m.max_devices = 3;
  m.buckets.resize(2);
  m.buckets[0] = straw2(-1, 11, {-2});
  m.buckets[1] = straw2(-2, 1, {0, 1});
  m.tun = {30060, 0, 50, 1, 1, 1, 1, 54, {}, {}};
  m.rules.resize(1);
  m.rules[0].emplace().steps = {step(rule_op::take, -1), step(rule_op::choose_firstn, 3866624, 0),
                                step(rule_op::emit)};
  m.rules[0]->max_size = 10;
  m.rule_names = {{0, "replicated_rule"}};
  return m;
}

// The same map with current tunables and a rule asking for three replicas.
crush_map ordinary() {
  crush_map m = reproducer();
  m.tun.choose_local_tries = 0;
  m.rules[0]->steps[1].arg1 = 3;
  return m;
}

result<crush_map> round_trip(const crush_map& m) {
  wire::encoder e;
  encode(e, m);
  return decode_crush_map(e.bytes());
}

// Decoding fails as malformed with exactly `message` after the decoder's position prefix.
void expect_refused(const crush_map& m, const std::string& message) {
  const auto decoded = round_trip(m);
  ASSERT_FALSE(decoded.has_value()) << message;
  EXPECT_EQ(decoded.code(), make_error_code(errc::malformed));
  const std::string what = decoded.err().what();
  EXPECT_NE(what.find(message), std::string::npos) << what;
}

void expect_accepted(const crush_map& m) {
  const auto decoded = round_trip(m);
  EXPECT_TRUE(decoded.has_value()) << decoded.err().what();
}

TEST(crush_limits, fuzzer_reproducer_is_refused_at_decode) {
  expect_refused(reproducer(), "tunable choose_local_tries 30060 is above the limit of 1000");
  crush_map m = reproducer();
  m.tun.choose_local_tries = 0;
  expect_refused(m, "rule 0 (replicated_rule) step 1: choose firstn 3866624 type 0 asks for "
                    "3866624 replicas, above the limit of 255");
  m = reproducer();
  m.rules[0]->steps[1].arg1 = 3;
  expect_refused(m, "tunable choose_local_tries 30060");
  expect_accepted(ordinary());
}

TEST(crush_limits, huge_tunables_are_refused) {
  for (auto field : {&tunables::choose_total_tries, &tunables::choose_local_tries,
                     &tunables::choose_local_fallback_tries}) {
    crush_map m = ordinary();
    m.tun.*field = max_rule_tries + 1;
    expect_refused(m, "is above the limit of 1000");
    m.tun.*field = 0xffffffff;
    expect_refused(m, "4294967295 is above the limit of 1000");
    m.tun.*field = max_rule_tries;
    expect_accepted(m);
  }
  crush_map m = ordinary();
  m.tun.choose_total_tries = 1001;
  expect_refused(m, "tunable choose_total_tries 1001 is above the limit of 1000");
  m = ordinary();
  m.tun.choose_local_fallback_tries = 5000;
  expect_refused(m, "tunable choose_local_fallback_tries 5000 is above the limit of 1000");
}

TEST(crush_limits, huge_set_steps_are_refused) {
  const std::pair<rule_op, const char*> ops[] = {
      {rule_op::set_choose_tries, "set_choose_tries"},
      {rule_op::set_chooseleaf_tries, "set_chooseleaf_tries"},
      {rule_op::set_choose_local_tries, "set_choose_local_tries"},
      {rule_op::set_choose_local_fallback_tries, "set_choose_local_fallback_tries"}};
  for (const auto& [op, name] : ops) {
    crush_map m = ordinary();
    auto& steps = m.rules[0]->steps;
    steps.insert(steps.begin(), step(op, 1001));
    expect_refused(m, std::string("rule 0 (replicated_rule) step 0: ") + name +
                          " 1001 is above the limit of 1000");
    steps[0].arg1 = INT_MAX;
    expect_refused(m, std::string(name) + " 2147483647 is above");
    // At the limit, and the values Ceph ignores (<= 0 for the tries, < 0 for the local ones).
    for (int ok : {1000, 0, -1, INT_MIN}) {
      steps[0].arg1 = ok;
      expect_accepted(m);
    }
  }
}

TEST(crush_limits, huge_replica_counts_are_refused) {
  const std::pair<rule_op, const char*> ops[] = {{rule_op::choose_firstn, "choose firstn"},
                                                 {rule_op::choose_indep, "choose indep"},
                                                 {rule_op::chooseleaf_firstn, "chooseleaf firstn"},
                                                 {rule_op::chooseleaf_indep, "chooseleaf indep"}};
  for (const auto& [op, name] : ops) {
    crush_map m = ordinary();
    m.rules[0]->steps[1] = step(op, 256, 1);
    expect_refused(m, std::string("step 1: ") + name + " 256 type 1 asks for 256 replicas, " +
                          "above the limit of 255");
    // At the limit, and counts relative to the pool size however negative: Ceph skips a step
    // whose count stays <= 0.
    for (int ok : {255, 1, 0, -1, -256, -1000000, INT_MIN}) {
      m.rules[0]->steps[1].arg1 = ok;
      expect_accepted(m);
    }
  }
}

TEST(crush_limits, products_of_legal_values_are_refused) {
  // Every value within its limit, but 255 replicas x 2001 attempts x a descent that recurses
  // into 64-OSD hosts with 2001 attempts of its own: half an hour for one mapping.
  crush_map m;
  m.max_devices = 256;
  m.buckets.resize(5);
  m.buckets[0] = straw2(-1, 2, {-2, -3, -4, -5});
  for (int h = 0; h < 4; ++h) {
    std::vector<std::int32_t> osds;
    for (int i = 0; i < 64; ++i) osds.push_back(h * 64 + i);
    m.buckets[static_cast<std::size_t>(h + 1)] = straw2(-2 - h, 1, std::move(osds));
  }
  m.tun = {1000, 0, 1000, 0, 1, 1, 1, 54, {}, {}};
  m.rules.resize(1);
  m.rules[0].emplace().steps = {step(rule_op::take, -1),
                                step(rule_op::chooseleaf_firstn, 255, 1), step(rule_op::emit)};
  m.rule_names = {{0, "greedy"}};
  expect_refused(m, "rule 0 (greedy): one mapping of 32 items could examine");
  EXPECT_GT(rule_work_bound(m, *m.rules[0], work_check_result), 1e10);
  // With current tunables and three replicas it is an ordinary map.
  m.tun = {0, 0, 50, 1, 1, 1, 1, 54, {}, {}};
  m.rules[0]->steps[1].arg1 = 0;
  expect_accepted(m);
  EXPECT_LT(rule_work_bound(m, *m.rules[0], 3), 1e5);
}

TEST(crush_limits, bucket_cycle_is_refused) {
  crush_map m = ordinary();
  m.buckets[1]->items.push_back(-1);  // root -> host -> root
  m.buckets[1]->item_weights.push_back(0x10000);
  expect_refused(m, "bucket -1 is below itself");
  m = ordinary();
  m.buckets[0]->items.push_back(-1);  // the root inside itself
  m.buckets[0]->item_weights.push_back(0x10000);
  expect_refused(m, "bucket -1 is below itself");
  // A bucket under two parents is no cycle (older maps link hosts under two roots).
  m = ordinary();
  m.buckets.resize(3);
  m.buckets[2] = straw2(-3, 11, {-2});
  expect_accepted(m);
}

// The worst map of the reproducer's shape that decoding lets through: 255 replicas over two
// OSDs, each replica past the second spending 2001 attempts. It still maps, in milliseconds
// instead of hours.
TEST(crush_limits, heaviest_accepted_reproducer_maps_in_bounded_time) {
  crush_map m = reproducer();
  m.tun.choose_local_tries = max_rule_tries;
  m.tun.choose_total_tries = max_rule_tries;
  m.rules[0]->steps[1].arg1 = max_rule_replicas;
  const auto decoded = round_trip(m);
  ASSERT_TRUE(decoded.has_value()) << decoded.err().what();
  const double bound = rule_work_bound(*decoded, *decoded->rules[0], work_check_result);
  EXPECT_GT(bound, 1e6);
  EXPECT_LE(bound, max_rule_work);
  workspace ws(*decoded);
  std::vector<std::uint32_t> weights(3, weight_in);
  std::vector<int> out(work_check_result);
  const auto start = std::chrono::steady_clock::now();
  for (int x = 0; x < 4; ++x) ASSERT_EQ(do_rule(*decoded, 0, x, out, weights, ws), 2);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  // About 30 ms a call in an optimised build; the margin is for sanitizers and busy machines.
  EXPECT_LT(elapsed, std::chrono::seconds(8));
}

TEST(crush_limits, corpus_shaped_rules_are_far_below_the_limit) {
  // replicated_rule and the erasure-code rule Ceph writes (set_chooseleaf_tries 5,
  // set_choose_tries 100, chooseleaf indep 0 type host) on a small map.
  crush_map m = ordinary();
  m.rules.resize(2);
  m.rules[0]->steps[1] = step(rule_op::chooseleaf_firstn, 0, 1);
  m.rules[1].emplace().steps = {step(rule_op::set_chooseleaf_tries, 5),
                                step(rule_op::set_choose_tries, 100), step(rule_op::take, -1),
                                step(rule_op::chooseleaf_indep, 0, 1), step(rule_op::emit)};
  expect_accepted(m);
  for (std::size_t r = 0; r < 2; ++r)
    EXPECT_LT(rule_work_bound(m, *m.rules[r], work_check_result), max_rule_work / 100) << r;
}

// Ceph shifts by vary_r - 1 without checking, and the CPU takes the count mod 32: vary_r 33
// maps like 1, 34 like 2 (the oracle compares with crushtool).
TEST(crush_limits, vary_r_beyond_32_wraps_like_ceph) {
  crush_map m;
  m.max_devices = 12;
  m.buckets.resize(4);
  m.buckets[0] = straw2(-1, 2, {-2, -3, -4});
  for (int h = 0; h < 3; ++h)
    m.buckets[static_cast<std::size_t>(h + 1)] = straw2(-2 - h, 1, {h * 4, h * 4 + 1, h * 4 + 2, h * 4 + 3});
  m.tun = {0, 0, 50, 1, 1, 0, 1, 54, {}, {}};
  m.rules.resize(1);
  m.rules[0].emplace().steps = {step(rule_op::take, -1), step(rule_op::chooseleaf_firstn, 0, 1),
                                step(rule_op::emit)};
  std::vector<std::uint32_t> weights(12, weight_in);
  for (int osd : {0, 1, 5, 6, 9}) weights[static_cast<std::size_t>(osd)] = 0;
  auto mappings = [&](unsigned vary_r) {
    crush_map v = m;
    v.tun.chooseleaf_vary_r = static_cast<std::uint8_t>(vary_r);
    const auto decoded = round_trip(v);
    EXPECT_TRUE(decoded.has_value());
    workspace ws(*decoded);
    std::vector<int> all;
    std::vector<int> out(3);
    for (int x = 0; x < 500; ++x) {
      const int n = do_rule(*decoded, 0, x, out, weights, ws);
      all.insert(all.end(), out.begin(), out.begin() + std::max(n, 0));
      all.push_back(-1);
    }
    return all;
  };
  EXPECT_EQ(mappings(33), mappings(1));
  EXPECT_EQ(mappings(34), mappings(2));
  EXPECT_EQ(mappings(255), mappings(31));
  EXPECT_NE(mappings(1), mappings(2));
}

}  // namespace
}  // namespace radosio::crush
