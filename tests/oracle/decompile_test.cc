// Our `crush decompile` against `crushtool -d` on maps made here, at test time: built by
// crushtool with every bucket algorithm at every level, compiled from text with device
// classes, every rule step and choose_args, under several tunables, and altered by our
// encoder into shapes crushtool cannot write (the compat weight set, ruleset != id, unnamed
// items). Each comparison is the whole text, line by line.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "crush/decompile.h"
#include "oracle/crush_tools.h"
#include "text_diff.h"

namespace radosio::crush {
namespace {

namespace fs = std::filesystem;
using test::crushtool;
using test::quoted;

class decompile_oracle : public test::crushtool_test {
 protected:
  // Decompiles `file` both ways and compares the texts.
  void expect_same_text(const fs::path& file) {
    SCOPED_TRACE(file.filename().string());
    const auto ours = decompile(test::load_map(file));
    ASSERT_TRUE(ours) << ours.err().what();
    EXPECT_EQ(test::first_difference(test::crushtool_decompile(file), *ours, "crushtool"), "");
    ++compared;
  }

  int compared = 0;
};

// Every algorithm at the host, rack, row and root levels (uniform buckets need equal-weight
// children, so uniform sits where its children are equal).
constexpr const char* layer_specs[] = {
    "host straw2 4 rack straw 3 row tree 2 root list 0",
    "host tree 3 rack uniform 3 row straw2 2 root list 0",
    "host uniform 4 rack tree 2 root straw 0",
    "host straw 3 rack straw2 3 root tree 0",
    "host list 5 rack uniform 2 root straw2 0",
    "host uniform 3 rack list 4 row straw 2 root uniform 0",
    "host straw2 2 root straw2 0",
};

TEST_F(decompile_oracle, built_maps_every_algorithm) {
  int n = 0;
  for (const auto* layers : layer_specs) {
    expect_same_text(test::build_map(dir, "built" + std::to_string(n++), 24, layers));
    expect_same_text(test::build_map(dir, "built" + std::to_string(n++), 37, layers));
  }
  EXPECT_EQ(compared, 14);
}

// Each tunable away from its default, and back to the legacy values (which crushtool leaves
// out of the text).
TEST_F(decompile_oracle, tunables) {
  const auto base = test::build_map(dir, "tunables_base", 24, layer_specs[0]);
  const char* settings[] = {
      "--set-choose-local-tries 2 --set-choose-local-fallback-tries 5 --set-choose-total-tries 19"
      " --set-chooseleaf-descend-once 0 --set-chooseleaf-vary-r 0 --set-chooseleaf-stable 0"
      " --set-straw-calc-version 0",
      "--set-choose-local-tries 1 --set-choose-local-fallback-tries 3 --set-choose-total-tries 77",
      "--set-chooseleaf-vary-r 0 --set-chooseleaf-stable 0",
      "--set-straw-calc-version 2",
  };
  int n = 0;
  for (const auto* setting : settings) {
    const auto file = dir / ("tunables" + std::to_string(n++));
    test::run_ok(std::string(crushtool) + " -i " + quoted(base) + " " + setting + " -o " +
                 quoted(file) + " >/dev/null 2>&1");
    expect_same_text(file);
  }
  // allowed_bucket_algs has no crushtool flag: set it in the text.
  std::string text = test::crushtool_decompile(base);
  test::replace_all(text, "tunable allowed_bucket_algs 54", "tunable allowed_bucket_algs 22");
  expect_same_text(test::compile(dir, "legacy_algs", text));
  EXPECT_EQ(compared, 5);
}

// Device classes (and the shadow buckets the compiler derives from them), a take by class,
// every step op the compiler knows (noop is added by our encoder below), odd weights, and a
// pool's choose_args with weight sets and ids. Buckets -1 and -3 are hosts of three OSDs.
constexpr const char* rich_rules = R"(
rule every_step {
	id 2
	type erasure
	min_size 3
	max_size 20
	step set_chooseleaf_tries 5
	step set_choose_tries 100
	step set_choose_local_tries 1
	step set_choose_local_fallback_tries 3
	step set_chooseleaf_vary_r 0
	step set_chooseleaf_stable 1
	step take root
	step choose indep 2 type rack
	step chooseleaf indep 0 type host
	step emit
	step take rack0 class hdd
	step choose firstn -1 type osd
	step emit
}
rule id_gap {
	id 5
	type replicated
	min_size 2
	max_size 4
	step take host1
	step choose firstn 1 type osd
	step emit
}
choose_args 7 {
  {
    bucket_id -1
    weight_set [
      [ 1.250 0.333 4.000 ]
      [ 2.000 0.125 0.000 ]
    ]
    ids [ -100 -101 -102 ]
  }
  {
    bucket_id -3
    weight_set [
      [ 0.500 1.500 0.010 ]
      [ 1.000 1.000 1.000 ]
    ]
  }
}
)";

std::string rich_text(const std::string& built) {
  std::string text = test::insert_rules(built, std::string(test::ssd_only_rule) + rich_rules);
  test::add_device_classes(text, 24);
  test::replace_all(text, "item osd.1 weight 1.000", "item osd.1 weight 0.333");
  test::replace_all(text, "item osd.4 weight 1.000", "item osd.4 weight 2.718");
  test::replace_all(text, "item osd.5 weight 1.000", "item osd.5 weight 0.000");
  test::replace_all(text, "item osd.9 weight 1.000", "item osd.9 weight 99.999");
  return text;
}

TEST_F(decompile_oracle, classes_steps_and_choose_args) {
  const auto built = test::crushtool_decompile(
      test::build_map(dir, "rich_base", 24, "host straw2 3 rack straw2 2 root straw2 0"));
  const auto file = test::compile(dir, "rich", rich_text(built));
  const crush_map map = test::load_map(file);
  ASSERT_FALSE(map.class_buckets.empty());
  ASSERT_EQ(map.choose_arg_sets.size(), 1u);
  expect_same_text(file);

  // Mixed algorithms under the same classes: Ceph's decoder keeps choose_args of straw2
  // buckets only, so the straw rack's override must vanish from both texts.
  const auto mixed = test::crushtool_decompile(
      test::build_map(dir, "rich_mixed_base", 24, "host straw2 3 rack straw 2 root straw2 0"));
  expect_same_text(test::compile(dir, "rich_mixed", rich_text(mixed)));
}

// Shapes only our encoder writes: the compat weight set (-1, written last by crushtool as an
// unsigned id), a weight vector shorter than its bucket, a rule whose ruleset differs from
// its id, a rule without a name, an unknown rule type, a noop step, an unnamed bucket and
// type.
TEST_F(decompile_oracle, shapes_crushtool_cannot_compile) {
  const auto built = test::crushtool_decompile(
      test::build_map(dir, "odd_base", 24, "host straw2 3 rack straw2 2 root straw2 0"));
  crush_map map = test::load_map(test::compile(dir, "odd_rich", rich_text(built)));
  ASSERT_TRUE(map.choose_arg_sets.contains(7));
  map.choose_arg_sets[default_choose_args] = map.choose_arg_sets[7];
  map.choose_arg_sets[default_choose_args][2].weight_set = {{0x8000}, {0x4000}};  // host1: 3 items
  map.choose_arg_sets[3] = choose_args(map.buckets.size());  // an empty set is still listed
  ASSERT_TRUE(map.rules.size() > 2 && map.rules[1] && map.rules[2]);
  map.rules[1]->ruleset = 9;
  map.rules[2]->type = 7;
  map.rules[2]->steps.insert(map.rules[2]->steps.begin(), rule_step{0, 0, 0});  // noop
  map.rule_names.erase(2);
  ASSERT_EQ(std::erase_if(map.item_names, [](const auto& p) { return p.second == "rack1"; }), 1u);
  map.type_names.erase(1);  // "host"
  expect_same_text(test::save_map(dir, "odd", map));
}

// Our text compiled by crushtool gives back the map it came from: the text we match is text
// crushtool accepts.
TEST_F(decompile_oracle, crushtool_round_trip_of_our_text) {
  const auto file = test::build_map(dir, "rt_base", 24, layer_specs[1]);
  const auto ours = decompile(test::load_map(file));
  ASSERT_TRUE(ours) << ours.err().what();
  const auto again = test::compile(dir, "rt", *ours);
  expect_same_text(again);
  EXPECT_EQ(test::read_text(again), test::read_text(file));
}

}  // namespace
}  // namespace radosio::crush
