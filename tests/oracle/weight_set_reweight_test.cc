// Weight sets (choose_args) under reweights, against Ceph. After each reweight our whole map
// must be byte-identical to the one `crushtool --reweight-item` writes, and after osdmaptool's
// --mark-up-in and --adjust-crush-weight to the one `osdmaptool --export-crush` writes (both
// run CrushWrapper::adjust_item_weightf, which rewrites the weight sets). The weight sets are
// made here with weights that do not sum up the hierarchy (so Ceph rewrites the parents'
// entries), with one and two positions, a compat and a pool set at once, in the shadow
// buckets of device classes, and missing from buckets (Ceph gives every bucket one while
// reweighting), with a bucket of the wrong number of positions. PG placement after such
// reweights is compared with osdmaptool in pipeline.sh.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crush/adjust_weight.h"
#include "oracle/crush_tools.h"
#include "text_diff.h"

namespace radosio::crush {
namespace {

namespace fs = std::filesystem;
using test::crushtool;
using test::osdmaptool;
using test::quoted;
using test::run_ok;

// Per-item weights from 0 to 3.0 in steps of 0.3, varied by bucket, item, position and seed.
std::vector<std::vector<std::uint32_t>> odd_weights(std::size_t index, const bucket& b,
                                                    std::size_t positions, std::size_t seed) {
  std::vector<std::vector<std::uint32_t>> set(positions);
  for (std::size_t p = 0; p < positions; ++p)
    for (std::size_t i = 0; i < b.size(); ++i)
      set[p].push_back(static_cast<std::uint32_t>((index * 7 + i * 3 + p * 5 + seed) % 11) *
                       0x4ccc);
  return set;
}

// A weight set of `positions` for every straw2 bucket (shadow buckets included).
void add_straw2_sets(crush_map& m, std::int64_t key, std::size_t positions, std::size_t seed) {
  auto& args = m.choose_arg_sets[key];
  args.resize(m.buckets.size());
  for (std::size_t i = 0; i < m.buckets.size(); ++i) {
    if (m.buckets[i] && m.buckets[i]->alg == bucket_alg::straw2)
      args[i].weight_set = odd_weights(i, *m.buckets[i], positions, seed);
  }
}

class weight_set_oracle : public test::crushtool_test {
 protected:
  void SetUp() override {
    test::crushtool_test::SetUp();
    if (!fs::exists(osdmaptool)) GTEST_SKIP() << "osdmaptool not installed";
  }

  // Our map against Ceph's file; on a difference, the first differing line of the texts
  // (crushtool -d leaves out the weight sets of buckets other than straw2).
  void expect_same_map(const crush_map& ours, const fs::path& theirs) {
    const std::string bytes = test::encoded(ours);
    ++compared;
    if (bytes == test::read_text(theirs)) return;
    const auto ours_file = test::save_map(dir, theirs.filename().string() + ".ours", ours);
    const auto text = test::first_difference(test::crushtool_decompile(theirs),
                                             test::crushtool_decompile(ours_file), "ceph");
    ADD_FAILURE() << theirs.filename()
                  << " differs: " << (text.empty() ? "in weight sets of non-straw2 buckets" : text);
  }

  // crushtool --reweight-item in sequence (up, down, to zero, back, a bucket, the OSD at
  // weight 0), each also done by us.
  void expect_reweights_match(fs::path file) {
    constexpr std::pair<const char*, const char*> steps[] = {
        {"osd.3", "0.5"},  {"osd.2", "5.75"}, {"osd.13", "0"}, {"host2", "2.5"},
        {"osd.13", "1.1"}, {"osd.0", "0"},    {"osd.5", "1"},
    };
    crush_map ours = test::load_map(file);
    int step = 0;
    for (const auto& [item, weight] : steps) {
      SCOPED_TRACE(file.filename().string() + ": " + item + " -> " + weight);
      const auto next = dir / (file.filename().string() + ".rw" + std::to_string(step++));
      run_ok(std::string(crushtool) + " -i " + quoted(file) + " --reweight-item " + item + " " +
             weight + " -o " + quoted(next) + " >/dev/null 2>&1");
      std::optional<std::int32_t> id;
      for (const auto& [item_id, name] : ours.item_names)
        if (name == item) id = item_id;
      ASSERT_TRUE(id) << item;
      EXPECT_TRUE(adjust_item_weightf(ours, *id, std::stof(weight)));
      expect_same_map(ours, next);
      file = next;
    }
  }

  // osdmaptool's what-if reweights on an OSDMap holding `file`, exported, against ours.
  void expect_osdmaptool_match(const fs::path& file, int osds) {
    const auto om = dir / (file.filename().string() + ".om");
    run_ok(std::string(osdmaptool) + " --createsimple " + std::to_string(osds) +
           " --with-default-pool --pg-bits 4 --pgp-bits 4 " + quoted(om) +
           " --clobber >/dev/null 2>&1");
    run_ok(std::string(osdmaptool) + " " + quoted(om) + " --import-crush " + quoted(file) +
           " >/dev/null 2>&1");
    const crush_map original = test::load_map(file);
    const std::pair<bool, std::vector<std::pair<int, const char*>>> cases[] = {
        {true, {}},                                                // osd.5 is at weight 0
        {false, {{0, "0.25"}}},                                    // down
        {false, {{7, "3"}}},                                       // up
        {false, {{9, "0"}}},                                       // to zero
        {true, {{7, "2.5"}, {9, "0"}, {20, "0.75"}, {7, "1.5"}}},  // several, one twice
        {false, {{999, "1"}}},    // no such item: the weight sets are still made to sum
        {false, {{3, "40000"}}},  // refused by Ceph (EOVERFLOW): nothing changes
    };
    int n = 0;
    for (const auto& [mark_up_in, weights] : cases) {
      std::string flags = mark_up_in ? " --mark-up-in" : "";
      std::string specs;
      crush_map ours = original;
      reweighter reweight(ours);  // one for all, as osdmaptool keeps one decoded map
      for (std::int32_t osd = 0; mark_up_in && osd < osds; ++osd) {
        if (item_weight(ours, osd) == 0u) {
          EXPECT_TRUE(reweight.adjustf(osd, 1.0f));
        }
      }
      for (const auto& [osd, weight] : weights) {
        specs += (specs.empty() ? "" : ",") + std::to_string(osd) + ":" + weight;
        const auto done = reweight.adjustf(osd, std::stof(weight));
        if (osd == 999) {
          EXPECT_EQ(done.code(), std::errc::no_such_file_or_directory);
        } else if (std::string(weight) == "40000") {
          EXPECT_EQ(done.code(), std::errc::value_too_large);
        } else {
          EXPECT_TRUE(done) << osd;
        }
      }
      if (!specs.empty()) flags += " --adjust-crush-weight " + specs;
      SCOPED_TRACE(file.filename().string() + flags);
      const auto out = dir / (file.filename().string() + ".export" + std::to_string(n++));
      run_ok(std::string(osdmaptool) + " " + quoted(om) + flags + " --export-crush " + quoted(out) +
             " >/dev/null 2>&1");
      expect_same_map(ours, out);
    }
  }

  int compared = 0;
};

// Device classes (shadow buckets hold the OSDs too), a compat set of one position and a pool
// set of two, with substitute ids in one bucket; every bucket straw2, so no set lacks one.
TEST_F(weight_set_oracle, classes_compat_and_positional_sets) {
  std::string text = test::crushtool_decompile(
      test::build_map(dir, "classes_base", 36, "host straw2 3 rack straw2 3 root straw2 0"));
  test::add_device_classes(text, 36);
  test::replace_all(text, "item osd.4 weight 1.000", "item osd.4 weight 2.718");
  test::replace_all(text, "item osd.5 weight 1.000", "item osd.5 weight 0.000");
  text = test::insert_rules(text, test::ssd_only_rule);
  crush_map m = test::load_map(test::compile(dir, "classes_compiled", text));
  ASSERT_FALSE(m.class_buckets.empty());
  add_straw2_sets(m, default_choose_args, 1, 1);
  add_straw2_sets(m, 1, 2, 2);
  m.choose_arg_sets[1][0].ids = {-1000, -1001, -1002};
  const auto file = test::save_map(dir, "classes", m);
  expect_reweights_match(file);
  expect_osdmaptool_match(file, 36);
  EXPECT_EQ(compared, 7 + 7);
}

// Straw (v1) hosts and tree rows have no weight sets (Ceph keeps them for straw2 buckets
// only, and drops the one given to a straw host here), so reweighting gives them some, filled
// with their item weights of that moment. The pool set has two positions but one rack has
// one (Ceph leaves that rack out of every carry); the compat set covers only the root.
TEST_F(weight_set_oracle, sets_missing_buckets) {
  const auto built =
      test::build_map(dir, "mixed_base", 48, "host straw 4 rack straw2 3 row tree 2 root straw2 0");
  const auto zero = dir / "mixed_zero";
  run_ok(std::string(crushtool) + " -i " + quoted(built) + " --reweight-item osd.5 0 -o " +
         quoted(zero) + " >/dev/null 2>&1");
  crush_map m = test::load_map(zero);
  add_straw2_sets(m, 1, 2, 3);
  std::size_t last_rack = 0, straw_host = m.buckets.size();
  for (std::size_t i = 0; i < m.buckets.size(); ++i) {
    if (!m.buckets[i]) continue;
    if (m.buckets[i]->alg == bucket_alg::straw2 && m.buckets[i]->type == 2) last_rack = i;
    if (m.buckets[i]->alg == bucket_alg::straw && straw_host == m.buckets.size()) straw_host = i;
  }
  ASSERT_NE(last_rack, 0u);
  ASSERT_LT(straw_host, m.buckets.size());
  auto& pool_set = m.choose_arg_sets[1];
  pool_set[last_rack].weight_set.resize(1);
  pool_set[straw_host].weight_set = odd_weights(straw_host, *m.buckets[straw_host], 2, 4);
  auto& compat = m.choose_arg_sets[default_choose_args];
  compat.resize(m.buckets.size());
  for (std::size_t i = 0; i < m.buckets.size(); ++i) {
    if (m.buckets[i] && m.buckets[i]->type == 4)
      compat[i].weight_set = odd_weights(i, *m.buckets[i], 1, 5);
  }
  const auto file = test::save_map(dir, "mixed", m);
  expect_reweights_match(file);
  expect_osdmaptool_match(file, 48);
  EXPECT_EQ(compared, 7 + 7);
}

// Other algorithms under a straw2 root whose set alone has weights: list hosts, uniform racks.
TEST_F(weight_set_oracle, list_and_uniform_buckets) {
  crush_map m = test::load_map(
      test::build_map(dir, "lu_base", 32, "host list 4 rack uniform 2 root straw2 0"));
  add_straw2_sets(m, default_choose_args, 1, 6);
  const auto file = test::save_map(dir, "list_uniform", m);
  expect_reweights_match(file);
  expect_osdmaptool_match(file, 32);
  EXPECT_EQ(compared, 7 + 7);
}

}  // namespace
}  // namespace radosio::crush
