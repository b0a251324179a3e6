// crush_calc_straw's properties, and small cases worked by hand from its formula. (The
// corpus holds no straw v1 bucket; the oracle tier compares with straws crushtool computed.)

#include "crush/straw_calc.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace radosio::crush {
namespace {

constexpr std::uint32_t one = 0x10000;

TEST(CrushStrawCalc, EqualWeightsGetUnitStraws) {
  for (std::uint8_t version : {0, 1}) {
    EXPECT_EQ(calc_straws(std::vector<std::uint32_t>(5, 3 * one), version),
              std::vector<std::uint32_t>(5, one));
  }
}

TEST(CrushStrawCalc, EmptyBucketHasNoStraws) {
  EXPECT_TRUE(calc_straws({}, 0).empty());
  EXPECT_TRUE(calc_straws({}, 1).empty());
}

// Two items, weights 1 and 2: the lighter gets 1.0; then wbelow = 1 * 2, wnext = 1 * (2 - 1),
// pbelow = 2/3, so the heavier gets 1.0 * (3/2)^1 = 1.5. Both versions agree here.
TEST(CrushStrawCalc, TwoItemsWorkedByHand) {
  const std::vector<std::uint32_t> weights = {2 * one, one};
  for (std::uint8_t version : {0, 1})
    EXPECT_EQ(calc_straws(weights, version), (std::vector<std::uint32_t>{0x18000, one}));
}

// Weights 1, 1, 2. Version 1 steps through every item: after the repeated 1 (wnext = 0, the
// straw stays 1.0) wbelow = 3, wnext = 1, pbelow = 3/4, so the 2 gets 4/3 -> 87381.
// Version 0 skips the repeat and counts both 1s out of numleft at once: wbelow = 3,
// numleft = 2, wnext = 2, pbelow = 3/5, so the 2 gets sqrt(5/3) -> 84606.
TEST(CrushStrawCalc, RepeatedWeightsSeparateTheVersions) {
  const std::vector<std::uint32_t> weights = {one, one, 2 * one};
  EXPECT_EQ(calc_straws(weights, 1), (std::vector<std::uint32_t>{one, one, 87381}));
  EXPECT_EQ(calc_straws(weights, 0), (std::vector<std::uint32_t>{one, one, 84606}));
}

// A zero weight gets a zero straw in both versions, but only version 1 stops counting it:
// with weights 0, 1, 2 version 1 works as for {1, 2} (1.5); version 0 still counts three
// items below and two left (wbelow = 3, wnext = 2, pbelow = 3/5: sqrt(5/3) -> 84606).
TEST(CrushStrawCalc, ZeroWeightsGetZeroStraws) {
  const std::vector<std::uint32_t> weights = {0, one, 2 * one};
  EXPECT_EQ(calc_straws(weights, 1), (std::vector<std::uint32_t>{0, one, 0x18000}));
  EXPECT_EQ(calc_straws(weights, 0), (std::vector<std::uint32_t>{0, one, 84606}));
}

// Heavier items never get shorter straws, and the lightest non-zero item gets exactly 1.0.
TEST(CrushStrawCalc, StrawsFollowTheWeightOrder) {
  const std::vector<std::uint32_t> weights = {5 * one, one / 4, 3 * one, 0,      one / 4,
                                              7 * one, 2 * one, one,     3 * one};
  for (std::uint8_t version : {0, 1}) {
    SCOPED_TRACE(static_cast<int>(version));
    const auto straws = calc_straws(weights, version);
    ASSERT_EQ(straws.size(), weights.size());
    for (std::size_t a = 0; a < weights.size(); ++a) {
      EXPECT_EQ(straws[a] == 0, weights[a] == 0) << a;
      if (weights[a] == one / 4) {
        EXPECT_EQ(straws[a], one) << a;
      }
      for (std::size_t b = 0; b < weights.size(); ++b) {
        if (weights[a] < weights[b]) {
          EXPECT_LE(straws[a], straws[b]) << a << " vs " << b;
        }
      }
    }
  }
}

}  // namespace
}  // namespace radosio::crush
