// `bench mixed`: what --mix accepts and refuses, and that the weighted chooser draws ops in
// the proportions asked for.

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>

#include "tools/bench/mixed_workload.h"

namespace radosio::cli::bench {
namespace {

std::uint32_t weight(const op_mix& m, mixed_op op) { return m.weights[static_cast<std::size_t>(op)]; }

TEST(BenchMix, ParsesTheDefault) {
  auto m = parse_mix(default_mix);
  ASSERT_TRUE(m) << m.err().what();
  EXPECT_EQ(weight(*m, mixed_op::put), 40u);
  EXPECT_EQ(weight(*m, mixed_op::get), 40u);
  EXPECT_EQ(weight(*m, mixed_op::stat), 10u);
  EXPECT_EQ(weight(*m, mixed_op::remove), 5u);
  EXPECT_EQ(weight(*m, mixed_op::list), 5u);
  EXPECT_EQ(m->total(), 100u);
}

TEST(BenchMix, OpsLeftOutWeighNothingAndOrderIsFree) {
  auto m = parse_mix("list=3,put=1");
  ASSERT_TRUE(m) << m.err().what();
  EXPECT_EQ(weight(*m, mixed_op::put), 1u);
  EXPECT_EQ(weight(*m, mixed_op::list), 3u);
  EXPECT_EQ(weight(*m, mixed_op::get), 0u);
  EXPECT_EQ(weight(*m, mixed_op::stat), 0u);
  EXPECT_EQ(weight(*m, mixed_op::remove), 0u);
}

TEST(BenchMix, SpacesAroundNamesWeightsAndCommas) {
  auto m = parse_mix("  put = 7 ,\tget=3 , delete= 0 ");
  ASSERT_TRUE(m) << m.err().what();
  EXPECT_EQ(weight(*m, mixed_op::put), 7u);
  EXPECT_EQ(weight(*m, mixed_op::get), 3u);
  EXPECT_EQ(weight(*m, mixed_op::remove), 0u);
  EXPECT_EQ(m->total(), 10u);
}

TEST(BenchMix, RefusesAnUnknownName) {
  auto m = parse_mix("put=1,write=2");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.err().code, std::errc::invalid_argument);
  EXPECT_NE(m.err().what().find("unknown op 'write'"), std::string::npos) << m.err().what();
  // Names are exact: no case folding, no "remove" for delete.
  EXPECT_FALSE(parse_mix("PUT=1"));
  EXPECT_FALSE(parse_mix("remove=1"));
}

TEST(BenchMix, RefusesAMixWithoutAPositiveWeight) {
  auto m = parse_mix("put=0,get=0");
  ASSERT_FALSE(m);
  EXPECT_NE(m.err().what().find("no op has a positive weight"), std::string::npos) << m.err().what();
}

TEST(BenchMix, RefusesANameGivenTwice) {
  auto m = parse_mix("put=1,get=1,put=2");
  ASSERT_FALSE(m);
  EXPECT_NE(m.err().what().find("'put' is given more than once"), std::string::npos) << m.err().what();
  EXPECT_FALSE(parse_mix("get=1, get =1"));
}

TEST(BenchMix, RefusesMalformedEntries) {
  for (const char* bad : {"", " ", "put", "put=", "=5", "put=-1", "put=1.5", "put=4x", "put=1,,get=1", "put=1,",
                          "put=1 get=1", "put=99999999999", "put=1000001"}) {
    auto m = parse_mix(bad);
    EXPECT_FALSE(m) << "accepted '" << bad << "'";
  }
  EXPECT_TRUE(parse_mix("put=1000000"));
}

TEST(BenchMix, ChooserFollowsTheWeights) {
  for (const char* text : {"put=40,get=40,stat=10,delete=5,list=5", "get=1,list=3", "stat=1"}) {
    auto m = parse_mix(text);
    ASSERT_TRUE(m) << m.err().what();
    const weighted_chooser chooser(*m);
    std::mt19937 rng(12345);
    std::array<int, mixed_op_count> drawn{};
    constexpr int draws = 100000;
    for (int i = 0; i < draws; ++i) ++drawn[static_cast<std::size_t>(chooser.pick(rng))];
    for (std::size_t i = 0; i < mixed_op_count; ++i) {
      const double expected = double(m->weights[i]) / double(m->total());
      const double got = double(drawn[i]) / draws;
      // Within 2 percentage points of the weight's share (the sampling error at 100,000
      // draws is below 0.2 points); an op of weight 0 is never drawn.
      EXPECT_NEAR(got, expected, 0.02) << text << ": " << mixed_op_names[i];
      if (m->weights[i] == 0) {
        EXPECT_EQ(drawn[i], 0) << text << ": " << mixed_op_names[i];
      }
    }
  }
}

}  // namespace
}  // namespace radosio::cli::bench
