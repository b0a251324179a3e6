// Straw (v1) buckets against crushtool: the straws we calculate equal the ones crushtool
// stored when it compiled a map (straw_calc_version 0, 1 and 2), and a reweight done by us
// (adjust_item_weight) leaves the whole map byte-identical to `crushtool --reweight-item`.
// Placement after reweights is compared with osdmaptool in pipeline.sh.

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "crush/adjust_weight.h"
#include "crush/straw_calc.h"
#include "oracle/crush_tools.h"

namespace radosio::crush {
namespace {

namespace fs = std::filesystem;
using test::crushtool;
using test::quoted;
using test::run_ok;

// Item weights chosen to hit every branch of crush_calc_straw: repeats (next to each other
// and apart), zeros (first, middle, a whole run), a lone heaviest item, tiny and huge
// weights; and unequal hosts inside the straw racks.
constexpr std::pair<const char*, const char*> odd_weights[] = {
    {"osd.0 weight 1.000", "osd.0 weight 0.500"},
    {"osd.1 weight 1.000", "osd.1 weight 0.500"},
    {"osd.2 weight 1.000", "osd.2 weight 3.000"},
    {"osd.4 weight 1.000", "osd.4 weight 0.000"},
    {"osd.5 weight 1.000", "osd.5 weight 2.250"},
    {"osd.6 weight 1.000", "osd.6 weight 0.001"},
    {"osd.8 weight 1.000", "osd.8 weight 0.000"},
    {"osd.9 weight 1.000", "osd.9 weight 0.000"},
    {"osd.12 weight 1.000", "osd.12 weight 7.000"},
    {"osd.14 weight 1.000", "osd.14 weight 7.000"},
    {"osd.17 weight 1.000", "osd.17 weight 99.999"},
    {"osd.19 weight 1.000", "osd.19 weight 0.125"},
    {"osd.21 weight 1.000", "osd.21 weight 0.250"},
    {"osd.22 weight 1.000", "osd.22 weight 0.125"},
    {"osd.23 weight 1.000", "osd.23 weight 0.250"},
    {"host0 weight 4.000", "host0 weight 3.500"},
    {"host2 weight 4.000", "host2 weight 0.000"},
    {"host4 weight 4.000", "host4 weight 20000.000"},
    {"host5 weight 4.000", "host5 weight 9.000"},
};

class straw_oracle : public test::crushtool_test {
 protected:
  // A straw map from crushtool --build with the odd weights, compiled under `version`.
  fs::path straw_map(const std::string& name, const std::string& version) {
    std::string text = test::crushtool_decompile(test::build_map(
        dir, name + "_base", 24, "host straw 4 rack straw 3 row straw2 2 root straw 0"));
    for (const auto& [from, to] : odd_weights)
      test::replace_all(text, std::string("item ") + from + "\n", std::string("item ") + to + "\n");
    test::replace_all(text, "tunable straw_calc_version 1",
                      "tunable straw_calc_version " + version);
    return test::compile(dir, name, text);
  }
};

// Compares the straws of every straw bucket; returns how many buckets were compared.
int expect_straws_recomputed(const crush_map& map) {
  int buckets = 0;
  for (const auto& slot : map.buckets) {
    if (!slot || slot->alg != bucket_alg::straw) continue;
    EXPECT_EQ(calc_straws(slot->item_weights, map.tun.straw_calc_version), slot->straws)
        << "bucket " << slot->id << " straw_calc_version " << int{map.tun.straw_calc_version};
    ++buckets;
  }
  return buckets;
}

TEST_F(straw_oracle, straws_equal_the_ones_crushtool_stored) {
  int buckets = 0;
  for (const char* version : {"0", "1", "2"}) {
    const crush_map map = test::load_map(straw_map(std::string("v") + version, version));
    ASSERT_EQ(map.tun.straw_calc_version, std::stoi(version));
    buckets += expect_straws_recomputed(map);
  }
  EXPECT_EQ(buckets, 3 * (6 + 2 + 1));  // six hosts, two racks and the root, per version
  // The versions really differ on these weights (else the comparison would prove less).
  EXPECT_NE(test::load_map(dir / "v0").buckets[1]->straws,
            test::load_map(dir / "v1").buckets[1]->straws);
}

std::int32_t id_of(const crush_map& map, const std::string& name) {
  for (const auto& [id, item] : map.item_names)
    if (item == name) return id;
  ADD_FAILURE() << "no item " << name;
  return 0;
}

// Reweights in sequence (up, down, to zero, back, a whole host, every OSD of a host), each
// done by crushtool on the file and by us on our decoded map; after each, the encodings
// must be identical. Returns how many reweights were compared.
int expect_reweights_match(const test::temp_dir& dir, fs::path file) {
  constexpr std::pair<const char*, const char*> steps[] = {
      {"osd.3", "0.5"}, {"osd.2", "5.75"}, {"osd.4", "1"},    {"osd.13", "0"},
      {"osd.0", "0.5"}, {"osd.17", "0.2"}, {"osd.13", "1.1"}, {"host2", "2.5"},
      {"osd.8", "0"},   {"osd.9", "0"},    {"osd.10", "0"},   {"osd.11", "0"},
  };
  crush_map ours = test::load_map(file);
  int compared = 0;
  for (const auto& [item, weight] : steps) {
    SCOPED_TRACE(file.filename().string() + ": " + item + " -> " + weight);
    const auto next = dir / (file.filename().string() + "." + std::to_string(compared));
    run_ok(std::string(crushtool) + " -i " + quoted(file) + " --reweight-item " + item + " " +
           weight + " -o " + quoted(next) + " >/dev/null 2>&1");
    EXPECT_TRUE(adjust_item_weight(ours, id_of(ours, item), weight_from_float(std::stof(weight))));
    EXPECT_EQ(test::encoded(ours), test::read_text(next));
    file = next;
    ++compared;
  }
  return compared;
}

TEST_F(straw_oracle, reweights_match_crushtool_reweight_item) {
  for (const char* version : {"0", "1"}) {
    const auto file = straw_map(std::string("r") + version, version);
    EXPECT_EQ(expect_reweights_match(dir, file), 12);
  }
}

// Straws made by version 0 under a map now set to version 1 (what `ceph osd crush
// set-tunable straw_calc_version 1` leaves behind): a reweight recalculates the buckets it
// touches with version 1, the others keep their version-0 straws.
TEST_F(straw_oracle, reweights_after_switching_straw_calc_version) {
  const auto v0 = straw_map("switch0", "0");
  const auto switched = dir / "switched";
  run_ok(std::string(crushtool) + " -i " + quoted(v0) + " --set-straw-calc-version 1 -o " +
         quoted(switched) + " >/dev/null 2>&1");
  const crush_map before = test::load_map(switched);
  ASSERT_EQ(before.tun.straw_calc_version, 1);
  const crush_map original = test::load_map(v0);
  for (std::size_t i = 0; i < before.buckets.size(); ++i) {  // the straws were not recomputed
    if (before.buckets[i]) {
      EXPECT_EQ(before.buckets[i]->straws, original.buckets[i]->straws);
    }
  }
  EXPECT_EQ(expect_reweights_match(dir, switched), 12);
}

}  // namespace
}  // namespace radosio::crush
