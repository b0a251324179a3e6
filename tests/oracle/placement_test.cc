// Our CRUSH mapper against Ceph's own tools. Every map and every expected mapping is made
// here, at test time, by crushtool (maps, `--test --show-mappings`) and osdmaptool (pool
// mappings with choose_args, which `crushtool --test` ignores); each case compares 10,000+
// inputs line by line.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <new>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "crush/crush_test_tool.h"
#include "crush/decode.h"
#include "crush/hash.h"
#include "crush/mapper.h"
#include "oracle/crush_tools.h"

// Counts heap allocations so a test can prove do_rule() makes none.
namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace radosio::crush {
namespace {

namespace fs = std::filesystem;

using test::build_map;
using test::compile;
using test::crushtool;
using test::insert_rules;
using test::load_map;
using test::osdmaptool;
using test::quoted;
using test::replace_all;
using test::run_ok;

constexpr int inputs = 10000;

using weight_list = std::vector<std::pair<int, double>>;

std::string format_result(std::span<const int> items) {
  std::string s = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(items[i]);
  }
  return s + "]";
}

// Compares `crushtool --test --show-mappings` with do_rule for x in [0, count).
// Returns how many lines were compared. crushtool prints nothing for a map without devices;
// `allow_empty` accepts that.
int expect_matches_crushtool(const fs::path& map_file, int rule, int num_rep,
                             const weight_list& weights = {}, bool allow_empty = false,
                             int count = inputs) {
  SCOPED_TRACE(map_file.filename().string() + " rule " + std::to_string(rule) + " num_rep " +
               std::to_string(num_rep) + " weights " + std::to_string(weights.size()));
  std::string command = std::string(crushtool) + " -i " + quoted(map_file) +
                        " --test --show-mappings --rule " + std::to_string(rule) + " --num-rep " +
                        std::to_string(num_rep) + " --min-x 0 --max-x " +
                        std::to_string(count - 1);
  crush_test_options options;
  for (const auto& [osd, w] : weights) {
    command += " --weight " + std::to_string(osd) + " " + std::to_string(w);
    options.device_weights[osd] = w;
  }
  const std::string expected = run_ok(command + " 2>/dev/null");

  const crush_map map = load_map(map_file);
  const auto device_weights = test_weights(map, options);
  workspace ws(map);
  std::vector<int> result(static_cast<std::size_t>(num_rep));

  std::istringstream lines(expected);
  std::string line;
  int compared = 0, mismatches = 0;
  while (std::getline(lines, line)) {
    int r = -1, x = -1;
    char list[512] = {};
    if (std::sscanf(line.c_str(), "CRUSH rule %d x %d %511s", &r, &x, list) != 3) continue;
    const int n = do_rule(map, r, x, result, device_weights, ws);
    EXPECT_GE(n, 0);
    if (n < 0) return compared;
    const std::string ours =
        format_result(std::span<const int>(result.data(), static_cast<std::size_t>(n)));
    ++compared;
    if (ours != list && ++mismatches <= 5)
      ADD_FAILURE() << "x " << x << ": crushtool " << list << ", ours " << ours;
  }
  if (!(allow_empty && compared == 0)) {
    EXPECT_EQ(compared, count);
  }
  EXPECT_EQ(mismatches, 0);
  return compared;
}

using crush_oracle = test::crushtool_test;

struct layered {
  const char* name;
  int osds;
  const char* layers;
};

// Every algorithm appears at several levels; uniform buckets get equal-weight children.
constexpr layered layered_maps[] = {
    {"s2_straw_tree_list", 48, "host straw2 4 rack straw 3 row tree 2 root list 0"},
    {"tree_uniform_s2_list", 36, "host tree 3 rack uniform 3 row straw2 2 root list 0"},
    {"uniform_tree_straw", 32, "host uniform 4 rack tree 2 root straw 0"},
    {"straw_s2_tree", 27, "host straw 3 rack straw2 3 root tree 0"},
    {"list_uniform_s2", 40, "host list 5 rack uniform 2 root straw2 0"},
};

const weight_list some_out = {{1, 0.5}, {7, 0.0}, {3, 0.25}, {12, 0.75}, {20, 0.0}};

TEST_F(crush_oracle, mixed_algorithms_default_tunables) {
  for (const auto& m : layered_maps) {
    const auto file = build_map(dir, m.name, m.osds, m.layers);
    expect_matches_crushtool(file, 0, 3);
    expect_matches_crushtool(file, 0, 4, some_out);
  }
}

// Weights of 2^31 and more: what Ceph stores for an "inf" reweight (0x80000000) and sums
// above it. Straw2 buckets divide by them as negative ints (see straw2_choose); the other
// algorithms use them unsigned.
TEST_F(crush_oracle, weights_of_2_to_the_31_and_more) {
  for (const char* layers : {"host straw2 4 rack straw2 3 root straw2 0",
                             "host straw 4 rack tree 3 root list 0"}) {
    const auto built = build_map(dir, "huge_base", 48, layers);
    const auto file = dir / "huge";
    run_ok(std::string(crushtool) + " -i " + quoted(built) + " --reweight-item osd.5 inf -o " +
           quoted(file) + " >/dev/null 2>&1");
    ASSERT_EQ(test::load_map(file).buckets[1]->item_weights[1], 0x80000000u);
    expect_matches_crushtool(file, 0, 3);
    expect_matches_crushtool(file, 0, 4, some_out);
  }
}

struct tunables_profile {
  const char* name;
  int local, fallback, total, descend_once, vary_r, stable;
};

constexpr tunables_profile profiles[] = {
    {"argonaut", 2, 5, 19, 0, 0, 0}, {"bobtail", 0, 0, 50, 1, 0, 0},
    {"firefly", 0, 0, 50, 1, 1, 0},  {"jewel", 0, 0, 50, 1, 1, 1},
    {"mixed", 1, 3, 30, 0, 1, 0},    {"stable_only", 2, 5, 19, 1, 0, 1},
};

TEST_F(crush_oracle, tunables_profiles) {
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& m = layered_maps[i];
    const auto base = build_map(dir, m.name, m.osds, m.layers);
    for (const auto& p : profiles) {
      const auto file = dir / (std::string(m.name) + "." + p.name);
      run_ok(std::string(crushtool) + " -i " + quoted(base) + " --set-choose-local-tries " +
             std::to_string(p.local) + " --set-choose-local-fallback-tries " +
             std::to_string(p.fallback) + " --set-choose-total-tries " + std::to_string(p.total) +
             " --set-chooseleaf-descend-once " + std::to_string(p.descend_once) +
             " --set-chooseleaf-vary-r " + std::to_string(p.vary_r) + " --set-chooseleaf-stable " +
             std::to_string(p.stable) + " -o " + quoted(file) + " >/dev/null 2>&1");
      const crush_map decoded = load_map(file);
      EXPECT_EQ(decoded.tun.choose_total_tries, static_cast<std::uint32_t>(p.total));
      EXPECT_EQ(decoded.tun.chooseleaf_stable, p.stable);
      expect_matches_crushtool(file, 0, 3, some_out);
    }
  }
}

// Straw (v1) buckets use the straws crushtool computed; both straw_calc_versions, with
// unequal item weights so the versions actually differ.
TEST_F(crush_oracle, straw_calc_versions) {
  const auto base = build_map(dir, "straw_base", 27, "host straw 3 rack straw 3 root straw 0");
  std::string text = test::crushtool_decompile(base);
  replace_all(text, "item osd.1 weight 1.000", "item osd.1 weight 0.500");
  replace_all(text, "item osd.4 weight 1.000", "item osd.4 weight 3.000");
  replace_all(text, "item osd.5 weight 1.000", "item osd.5 weight 0.250");
  replace_all(text, "item osd.10 weight 1.000", "item osd.10 weight 2.000");
  for (const char* version : {"0", "1"}) {
    std::string t = text;
    replace_all(t, "tunable straw_calc_version 1",
                std::string("tunable straw_calc_version ") + version);
    const auto file = compile(dir, std::string("straw_v") + version, t);
    EXPECT_EQ(load_map(file).tun.straw_calc_version, std::stoi(version));
    expect_matches_crushtool(file, 0, 3);
    expect_matches_crushtool(file, 0, 3, some_out);
  }
}

constexpr const char* extra_rules = R"(
rule ec_leaf {
	id 1
	type erasure
	min_size 3
	max_size 20
	step set_chooseleaf_tries 5
	step set_choose_tries 100
	step take root
	step chooseleaf indep 0 type host
	step emit
}
rule ec_two_level {
	id 2
	type erasure
	min_size 3
	max_size 20
	step take root
	step choose indep 3 type rack
	step choose indep 2 type osd
	step emit
}
rule rep_steps {
	id 3
	type replicated
	min_size 1
	max_size 10
	step set_choose_local_tries 1
	step set_choose_local_fallback_tries 3
	step set_chooseleaf_vary_r 0
	step set_chooseleaf_stable 0
	step take root
	step choose firstn 2 type row
	step chooseleaf firstn -1 type host
	step emit
}
rule two_takes {
	id 4
	type replicated
	min_size 1
	max_size 10
	step take row0
	step chooseleaf firstn 1 type host
	step emit
	step take row1
	step chooseleaf firstn -1 type rack
	step emit
}
rule ec_small {
	id 5
	type erasure
	min_size 3
	max_size 20
	step take rack0
	step chooseleaf indep 0 type host
	step emit
}
)";

// indep (with holes), choose without leaf, set_* steps, several takes and emits.
TEST_F(crush_oracle, rule_shapes) {
  const weight_list many_out = {{0, 0.0}, {1, 0.0},  {2, 0.0}, {5, 0.0},
                                {9, 0.5}, {13, 0.0}, {20, 0.0}};
  for (const char* layers : {"host tree 3 rack uniform 3 row straw2 2 root list 0",
                             "host straw2 3 rack straw 3 row straw2 2 root straw2 0"}) {
    const auto base = build_map(dir, "shapes", 36, layers);
    const auto file =
        compile(dir, "shapes_rules", insert_rules(test::crushtool_decompile(base), extra_rules));
    for (int rule = 0; rule <= 5; ++rule) {
      expect_matches_crushtool(file, rule, 6);
      expect_matches_crushtool(file, rule, 6, many_out);
    }
  }
}

// indep output really contains holes when too many devices are out.
TEST_F(crush_oracle, indep_holes_are_item_none) {
  const auto base = build_map(dir, "holes", 12, "host straw2 3 root straw2 0");
  const auto file = compile(dir, "holes_rules", insert_rules(test::crushtool_decompile(base), R"(
rule ec {
	id 1
	type erasure
	min_size 3
	max_size 20
	step take root
	step chooseleaf indep 0 type host
	step emit
}
)"));
  expect_matches_crushtool(file, 1, 6, {{0, 0.0}, {1, 0.0}, {2, 0.0}});
  const crush_map map = load_map(file);
  workspace ws(map);
  std::vector<int> out(6);
  const auto w = test_weights(map, {});
  ASSERT_EQ(do_rule(map, 1, 1234, out, w, ws), 6);
  EXPECT_EQ(std::count(out.begin(), out.end(), item_none), 2);  // 4 hosts for 6 positions
}

// choose_args (per-position weight sets and substitute ids): crushtool --test ignores them,
// so the oracle is osdmaptool mapping every PG of pool 1 (x = hash32_2(ps, pool)).
TEST_F(crush_oracle, choose_args_via_osdmaptool) {
  if (!fs::exists(osdmaptool)) GTEST_SKIP() << "osdmaptool not installed";
  const auto base = build_map(dir, "ca_base", 24, "host straw2 4 rack straw 3 root list 0");
  std::string sets = "choose_args 1 {\n";
  for (int b = 0; b < 6; ++b) {
    sets += "  {\n    bucket_id " + std::to_string(-1 - b) + "\n    weight_set [\n";
    for (int pos = 0; pos < 2; ++pos) {
      sets += "      [";
      for (int i = 0; i < 4; ++i) {
        const double w = pos == 0 ? 0.5 + ((b + i) % 3) * 0.75 : 2.0 - ((b * i) % 4) * 0.5;
        sets += ' ';
        sets += std::to_string(w);
      }
      sets += " ]\n";
    }
    sets += "    ]\n";
    if (b % 2 == 0) {
      sets += "    ids [";
      for (int i = 0; i < 4; ++i) {
        sets += ' ';
        sets += std::to_string(-100 - b * 4 - i);
      }
      sets += " ]\n";
    }
    sets += "  }\n";
  }
  sets += "}\n";
  for (const char* mode : {"firstn", "indep"}) {
    SCOPED_TRACE(mode);
    // osdmaptool maps the pool with rule 0 whatever its mode, so indep is covered too.
    std::string text = insert_rules(test::crushtool_decompile(base), sets);
    replace_all(text, "step chooseleaf firstn 0 type host",
                std::string("step chooseleaf ") + mode + " 0 type host");
    const auto with_pool_set = compile(dir, std::string("ca_pool_") + mode, text);

    // The same weights as the compat set (-1): crushtool cannot write that id, so re-key the
    // decoded map and let our encoder write it (osdmaptool then proves the encoding too).
    crush_map compat = load_map(with_pool_set);
    ASSERT_EQ(compat.choose_arg_sets.count(1), 1u);
    compat.choose_arg_sets[default_choose_args] = compat.choose_arg_sets[1];
    compat.choose_arg_sets.erase(1);
    const auto compat_file = test::save_map(dir, std::string("ca_compat_") + mode, compat);

    for (const auto& file : {with_pool_set, compat_file}) {
      SCOPED_TRACE(file.filename().string());
      const auto osdmap = dir / "om";
      run_ok(std::string(osdmaptool) +
             " --createsimple 24 --with-default-pool --pg-bits 9 --pgp-bits 9 " + quoted(osdmap) +
             " --clobber >/dev/null 2>&1");
      run_ok(std::string(osdmaptool) + " " + quoted(osdmap) + " --import-crush " + quoted(file) +
             " >/dev/null 2>&1");
      const std::string dump = run_ok(std::string(osdmaptool) + " " + quoted(osdmap) +
                                      " --mark-up-in --test-map-pgs-dump-all --pool 1 2>/dev/null");
      const crush_map map = load_map(file);
      const crush::choose_args* args = map.choose_args_for(1);
      ASSERT_NE(args, nullptr);
      workspace ws(map);
      std::vector<std::uint32_t> weights(static_cast<std::size_t>(map.max_devices), weight_in);
      std::vector<int> result(3);
      std::istringstream lines(dump);
      std::string line;
      int compared = 0, mismatches = 0, differs_without_args = 0;
      while (std::getline(lines, line)) {
        unsigned ps = 0;
        char list[256] = {};
        if (std::sscanf(line.c_str(), "1.%x raw (%255[^,)]", &ps, list) != 2) continue;
        // "[19,7,0]" was cut at the first comma; take the bracketed list from the line instead.
        const auto open = line.find("raw ([");
        const auto close = line.find(']', open);
        const std::string theirs = line.substr(open + 5, close - open - 4);
        const int x = static_cast<int>(hash32_2(hash_rjenkins1, ps, 1));
        int n = do_rule(map, 0, x, result, weights, ws, args);
        ASSERT_GE(n, 0);
        const auto ours =
            format_result(std::span<const int>(result.data(), static_cast<std::size_t>(n)));
        n = do_rule(map, 0, x, result, weights, ws, nullptr);
        if (format_result(std::span<const int>(result.data(), static_cast<std::size_t>(n))) !=
            theirs)
          ++differs_without_args;
        ++compared;
        if (ours != theirs && ++mismatches <= 5)
          ADD_FAILURE() << "pg 1." << std::hex << ps << ": osdmaptool " << theirs << ", ours "
                        << ours;
      }
      EXPECT_EQ(compared, 12288);
      EXPECT_EQ(mismatches, 0);
      EXPECT_GT(differs_without_args, 1000);  // the weight sets really changed placement
    }
  }
}

// The real maps of the Ceph object corpus (Pacific, Reef, Squid), every rule, against the
// installed (Pacific) crushtool.
TEST_F(crush_oracle, corpus_maps) {
  int cases = 0;
  for (const char* release : {"ceph-16.2.0", "ceph-18.2.0", "ceph-19.2.0"}) {
    const fs::path samples = fs::path(RADOSIO_CORPUS_DIR) / release / "CrushWrapper";
    if (!fs::is_directory(samples)) continue;
    for (const auto& entry : fs::directory_iterator(samples)) {
      const crush_map map = load_map(entry.path());
      for (std::size_t r = 0; r < map.rules.size(); ++r) {
        if (!map.rules[r]) continue;
        if (expect_matches_crushtool(entry.path(), static_cast<int>(r), 3, {}, true) > 0) ++cases;
        if (release == std::string("ceph-16.2.0"))  // reweights too, on the Pacific maps
          expect_matches_crushtool(entry.path(), static_cast<int>(r), 2, {{1, 0.0}}, true);
      }
    }
  }
  if (cases == 0) GTEST_SKIP() << "no corpus under " << RADOSIO_CORPUS_DIR;
  EXPECT_GE(cases, 50);
}

// Rules and tunables at decode.h's limits (1000 tries, 255 replicas, vary_r past 32), which
// crushtool takes too, decode and map as crushtool does. Most devices are nearly out, so
// most attempts fail and the retry counts decide the result; a second weighting leaves too
// few devices for the result, so every replica spends all its retries (the worst case the
// work bound allows: tens of milliseconds a mapping, hence fewer inputs).
constexpr const char* rules_at_limits = R"(
rule steps_at_limits_firstn {
	id 1
	type replicated
	min_size 1
	max_size 10
	step set_choose_tries 1000
	step set_choose_local_tries 1000
	step set_choose_local_fallback_tries 1000
	step take root
	step choose firstn 255 type osd
	step emit
}
rule steps_at_limits_indep {
	id 2
	type erasure
	min_size 1
	max_size 20
	step set_choose_tries 1000
	step take root
	step choose indep 255 type osd
	step emit
}
rule leaf_tries_at_limit_indep {
	id 3
	type erasure
	min_size 1
	max_size 20
	step set_chooseleaf_tries 1000
	step take root
	step chooseleaf indep 0 type host
	step emit
}
rule leaf_tries_at_limit_firstn {
	id 4
	type replicated
	min_size 1
	max_size 10
	step set_chooseleaf_tries 1000
	step set_chooseleaf_vary_r 40
	step take root
	step chooseleaf firstn 0 type host
	step emit
}
rule relative_counts {
	id 5
	type replicated
	min_size 1
	max_size 10
	step take root
	step choose firstn -1 type host
	step chooseleaf firstn -300 type osd
	step emit
	step take root
	step chooseleaf firstn 0 type host
	step emit
}
)";

TEST_F(crush_oracle, maps_at_the_limits) {
  const auto base = build_map(dir, "limits", 24, "host straw2 3 root straw2 0");
  const std::string text = test::crushtool_decompile(base);
  weight_list nearly_out, too_few;
  for (int osd = 0; osd < 24; ++osd) {
    nearly_out.emplace_back(osd, osd % 4 == 0 ? 1.0 : 0.0625);
    if (osd > 1) too_few.emplace_back(osd, 0.0);
  }

  const auto steps = compile(dir, "steps_at_limits", insert_rules(text, rules_at_limits));
  for (int rule = 0; rule <= 5; ++rule) {
    expect_matches_crushtool(steps, rule, 4, nearly_out, false, 2000);
    expect_matches_crushtool(steps, rule, 6, too_few, false, 50);
  }
  {
    // The values at the limits are not idle: with ordinary ones most mappings differ.
    const crush_map at_limits = load_map(steps);
    crush_map ordinary = at_limits;
    ordinary.rules[1]->steps = {{static_cast<std::uint32_t>(rule_op::take), -1 - 8, 0},
                                {static_cast<std::uint32_t>(rule_op::choose_firstn), 4, 0},
                                {static_cast<std::uint32_t>(rule_op::emit), 0, 0}};
    ASSERT_EQ(at_limits.rules[1]->steps[3].arg1, ordinary.rules[1]->steps[0].arg1);  // root
    crush_test_options options;
    for (const auto& [osd, w] : nearly_out) options.device_weights[osd] = w;
    const auto weights = test_weights(at_limits, options);
    workspace ws(at_limits);
    std::vector<int> a(4), b(4);
    int differ = 0;
    for (int x = 0; x < 500; ++x) {
      const int n = do_rule(at_limits, 1, x, a, weights, ws);
      const int m = do_rule(ordinary, 1, x, b, weights, ws);
      differ += n != m || !std::equal(a.begin(), a.begin() + std::max(n, 0), b.begin());
    }
    EXPECT_GT(differ, 250);
  }

  // Tunables at their limits (with chooseleaf, 1000 tries deep would be over the work bound:
  // rule 0 picks OSDs directly), and vary_r 33, which Ceph's shift turns into 1.
  std::string tunables = text;
  replace_all(tunables, "tunable choose_local_tries 0", "tunable choose_local_tries 1000");
  replace_all(tunables, "tunable choose_local_fallback_tries 0",
              "tunable choose_local_fallback_tries 1000");
  replace_all(tunables, "tunable choose_total_tries 50", "tunable choose_total_tries 1000");
  replace_all(tunables, "step chooseleaf firstn 0 type host", "step choose firstn 0 type osd");
  const auto tuned = compile(dir, "tunables_at_limits", tunables);
  const crush_map decoded = load_map(tuned);
  EXPECT_EQ(decoded.tun.choose_total_tries, max_rule_tries);
  EXPECT_EQ(decoded.tun.choose_local_fallback_tries, max_rule_tries);
  expect_matches_crushtool(tuned, 0, 4, nearly_out, false, 2000);
  expect_matches_crushtool(tuned, 0, 6, too_few, false, 50);
  std::string vary = text;
  replace_all(vary, "tunable chooseleaf_vary_r 1", "tunable chooseleaf_vary_r 33");
  const auto varied = compile(dir, "vary_r_33", vary);
  EXPECT_EQ(load_map(varied).tun.chooseleaf_vary_r, 33);
  expect_matches_crushtool(varied, 0, 4, nearly_out);

  // One past a limit: crushtool compiles and maps it, we refuse it with a reason.
  for (const auto& [from, to, message] :
       {std::tuple{"step set_choose_tries 1000", "step set_choose_tries 1001",
                   "rule 1 (steps_at_limits_firstn) step 0: set_choose_tries 1001 is above the "
                   "limit of 1000"},
        std::tuple{"step choose indep 255 type osd", "step choose indep 256 type osd",
                   "rule 2 (steps_at_limits_indep) step 2: choose indep 256 type 0 asks for 256 "
                   "replicas, above the limit of 255"}}) {
    std::string over = insert_rules(text, rules_at_limits);
    replace_all(over, from, to);
    const auto file = compile(dir, "over_limit", over);
    const auto bytes = test::read_text(file);
    auto refused = decode_crush_map(
        bytes_view(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
    ASSERT_FALSE(refused.has_value()) << to;
    EXPECT_NE(refused.err().what().find(message), std::string::npos) << refused.err().what();
  }
}

TEST_F(crush_oracle, do_rule_does_not_allocate) {
  const auto base =
      build_map(dir, "alloc", 36, "host uniform 3 rack tree 3 row straw 2 root straw2 0");
  const auto file =
      compile(dir, "alloc_rules", insert_rules(test::crushtool_decompile(base), extra_rules));
  const crush_map map = load_map(file);
  workspace ws(map);
  std::vector<std::uint32_t> weights(static_cast<std::size_t>(map.max_devices), weight_in);
  weights[3] = 0;
  weights[8] = 0x8000;
  std::vector<int> out(6);
  long mapped = 0;
  const long before = allocations.load();
  for (int rule = 0; rule <= 5; ++rule)
    for (int x = 0; x < 2000; ++x) mapped += do_rule(map, rule, x, out, weights, ws);
  EXPECT_EQ(allocations.load() - before, 0);
  EXPECT_GT(mapped, 0);
}

// The CLI printer reproduces crushtool's output byte for byte.
TEST_F(crush_oracle, test_tool_output_matches_crushtool) {
  const auto file = build_map(dir, "tool", 24, "host straw2 4 rack straw2 3 root straw2 0");
  const std::string expected =
      run_ok(std::string(crushtool) + " -i " + quoted(file) +
             " --test --show-mappings --rule 0 --num-rep 3 --min-x 0 --max-x 2047"
             " --weight 3 0.5 2>/dev/null");
  crush_test_options options;
  options.rule = 0;
  options.min_x = 0;
  options.max_x = 2047;
  ASSERT_TRUE(parse_weight_arg("3:0.5", options).has_value());
  std::ostringstream out, err;
  ASSERT_EQ(run_crush_test_file(file.string(), options, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), expected);
}

}  // namespace
}  // namespace radosio::crush
