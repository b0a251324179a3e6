// latency_histogram (rados-client bench --hist-out, bench-hist): the bucket arithmetic holds
// for every value, percentiles of known distributions land within the promised 1/64, merging
// equals recording everything in one histogram, and the JSON file round-trips and refuses
// what is not one.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <system_error>

#include "tools/bench/latency_histogram.h"

namespace radosio::cli::bench {
namespace {

using h = latency_histogram;

void expect_bucket_holds(std::uint64_t v) {
  const auto i = h::bucket_of(v);
  ASSERT_LE(h::bucket_low(i), v) << "value " << v << " bucket " << i;
  ASSERT_GE(h::bucket_high(i), v) << "value " << v << " bucket " << i;
  if (v < 128) {
    ASSERT_EQ(i, v);
    ASSERT_EQ(h::bucket_low(i), v);
    ASSERT_EQ(h::bucket_high(i), v);
  } else {
    // The bucket's width relative to its low end is at most 1/64 (6 significant bits).
    const double width = double(h::bucket_high(i) - h::bucket_low(i)) + 1;
    ASSERT_LE(width / double(h::bucket_low(i)), 1.0 / 64) << "value " << v;
  }
}

TEST(latency_histogram, every_small_value_lies_in_its_bucket_and_buckets_grow_with_values) {
  std::size_t previous = 0;
  for (std::uint64_t v = 0; v <= (1u << 20); ++v) {
    expect_bucket_holds(v);
    const auto i = h::bucket_of(v);
    ASSERT_GE(i, previous) << "bucket_of is not monotone at " << v;
    ASSERT_LE(i - previous, 1u) << "a bucket was skipped at " << v;
    previous = i;
  }
}

TEST(latency_histogram, large_values_and_octave_edges_lie_in_their_buckets) {
  for (int bit = 7; bit < 64; ++bit) {
    const std::uint64_t p = std::uint64_t{1} << bit;
    for (const std::uint64_t v : {p - 1, p, p + 1, p + (p >> 6) - 1, p + (p >> 6), p | (p - 1)}) expect_bucket_holds(v);
    EXPECT_EQ(h::bucket_low(h::bucket_of(p)), p) << "a power of two starts a bucket";
    EXPECT_EQ(h::bucket_high(h::bucket_of(p - 1)), p - 1) << "and the one before ends one";
  }
  expect_bucket_holds(std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(h::bucket_high(h::bucket_of(std::numeric_limits<std::uint64_t>::max())),
            std::numeric_limits<std::uint64_t>::max());
  std::mt19937_64 rng(42);
  for (int n = 0; n < 200000; ++n) expect_bucket_holds(rng() >> (rng() % 64));
}

TEST(latency_histogram, buckets_tile_the_number_line_without_gaps_or_overlaps) {
  const std::size_t last = h::bucket_of(std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(h::bucket_low(0), 0u);
  for (std::size_t i = 0; i < last; ++i) {
    ASSERT_LE(h::bucket_low(i), h::bucket_high(i)) << "bucket " << i;
    ASSERT_EQ(h::bucket_high(i) + 1, h::bucket_low(i + 1)) << "between buckets " << i << " and " << i + 1;
    ASSERT_EQ(h::bucket_of(h::bucket_low(i)), i);
    ASSERT_EQ(h::bucket_of(h::bucket_high(i)), i);
  }
}

void expect_within_1_6_percent(std::uint64_t got, double want, const char* what) {
  EXPECT_LE(std::fabs(double(got) - want), want / 64) << what << ": got " << got << ", want about " << want;
}

TEST(latency_histogram, quantiles_of_a_uniform_distribution) {
  h hist;
  for (std::uint64_t v = 1; v <= 100000; ++v) hist.record(v);
  EXPECT_EQ(hist.count(), 100000u);
  EXPECT_EQ(hist.min(), 1u);
  EXPECT_EQ(hist.max(), 100000u);
  EXPECT_DOUBLE_EQ(hist.mean(), 50000.5);
  expect_within_1_6_percent(hist.quantile(0.5), 50000, "p50");
  expect_within_1_6_percent(hist.quantile(0.9), 90000, "p90");
  expect_within_1_6_percent(hist.quantile(0.99), 99000, "p99");
  expect_within_1_6_percent(hist.quantile(0.999), 99900, "p99.9");
  expect_within_1_6_percent(hist.quantile(0.01), 1000, "p1");
  // Below 128 every value has its own bucket: exact.
  EXPECT_EQ(hist.quantile(0.0001), 10u);
  EXPECT_EQ(hist.quantile(0.0), 1u) << "q = 0 is the smallest sample";
  // q = 1 is the middle of the largest sample's bucket, never past the observed max.
  expect_within_1_6_percent(hist.quantile(1.0), 100000, "p100");
  EXPECT_LE(hist.quantile(1.0), hist.max());
}

TEST(latency_histogram, quantiles_of_a_bimodal_distribution) {
  // 990 fast ops at 1 ms, 10 slow ones at 100 ms: p99 is still fast, p99.9 is slow.
  h hist;
  for (int i = 0; i < 990; ++i) hist.record(1'000'000);
  for (int i = 0; i < 10; ++i) hist.record(100'000'000);
  expect_within_1_6_percent(hist.quantile(0.5), 1e6, "p50");
  expect_within_1_6_percent(hist.quantile(0.99), 1e6, "p99");
  expect_within_1_6_percent(hist.quantile(0.991), 1e8, "p99.1");
  expect_within_1_6_percent(hist.quantile(0.999), 1e8, "p99.9");
  EXPECT_EQ(hist.min(), 1'000'000u);
  EXPECT_EQ(hist.max(), 100'000'000u);
}

TEST(latency_histogram, one_value_is_every_quantile_and_empty_is_zero) {
  h one;
  one.record(123456789);
  for (double q : {0.0, 0.5, 0.9, 0.999, 1.0}) EXPECT_EQ(one.quantile(q), 123456789u) << "q " << q;

  h empty;
  EXPECT_EQ(empty.count(), 0u);
  EXPECT_EQ(empty.min(), 0u);
  EXPECT_EQ(empty.max(), 0u);
  EXPECT_EQ(empty.mean(), 0.0);
  EXPECT_EQ(empty.quantile(0.5), 0u);
}

TEST(latency_histogram, merging_two_equals_recording_all_samples_in_one) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> latency(13.0, 1.5);  // around 0.5 ms, long tail
  h a, b, all;
  for (int i = 0; i < 50000; ++i) {
    const auto v = static_cast<std::uint64_t>(latency(rng));
    (i % 3 ? a : b).record(v);
    all.record(v);
  }
  h merged = a;
  merged.merge(b);
  EXPECT_EQ(merged.to_json(), all.to_json());
  EXPECT_EQ(merged.count(), a.count() + b.count());
  EXPECT_EQ(merged.min(), all.min());
  EXPECT_EQ(merged.max(), all.max());
  for (double q : {0.5, 0.9, 0.99, 0.999}) EXPECT_EQ(merged.quantile(q), all.quantile(q)) << "q " << q;

  // An empty histogram merges as nothing, either way round.
  h with_empty = a;
  with_empty.merge(h{});
  EXPECT_EQ(with_empty.to_json(), a.to_json());
  h from_empty;
  from_empty.merge(a);
  EXPECT_EQ(from_empty.to_json(), a.to_json());
  EXPECT_EQ(from_empty.min(), a.min());
}

TEST(latency_histogram, json_round_trip_keeps_everything) {
  h hist;
  for (std::uint64_t v : {5u, 5u, 127u, 128u, 1000u, 65536u, 1234567u, 987654321u}) hist.record(v);
  const std::string text = hist.to_json();
  EXPECT_EQ(text.rfind("{\"format\":\"radosio-latency-histogram\",\"version\":1,\"unit\":\"ns\",\"sub_bucket_bits\":6,"
                       "\"count\":8,\"min\":5,\"max\":987654321,",
                       0),
            0u)
      << text;
  EXPECT_NE(text.find("\"buckets\":[[5,2],[127,1],[128,1],"), std::string::npos) << "sparse [index, count] pairs: "
                                                                                 << text;
  auto back = h::from_json(text);
  ASSERT_TRUE(back) << back.err().what();
  EXPECT_EQ(back->to_json(), text);
  EXPECT_EQ(back->count(), hist.count());
  EXPECT_EQ(back->min(), hist.min());
  EXPECT_EQ(back->max(), hist.max());
  EXPECT_DOUBLE_EQ(back->mean(), hist.mean());
  for (double q : {0.1, 0.5, 0.9, 0.99, 1.0}) EXPECT_EQ(back->quantile(q), hist.quantile(q)) << "q " << q;

  // An empty histogram comes back empty, and a later sample sets its min.
  auto empty = h::from_json(h{}.to_json());
  ASSERT_TRUE(empty) << empty.err().what();
  EXPECT_EQ(empty->count(), 0u);
  EXPECT_EQ(empty->min(), 0u);
  empty->record(77);
  EXPECT_EQ(empty->min(), 77u);
}

void expect_rejected(const std::string& text, const std::string& why) {
  auto got = h::from_json(text);
  ASSERT_FALSE(got) << "accepted: " << text;
  EXPECT_EQ(got.err().code, std::make_error_code(std::errc::invalid_argument));
  EXPECT_NE(got.err().what().find("not a latency histogram"), std::string::npos) << got.err().what();
  EXPECT_NE(got.err().what().find(why), std::string::npos) << got.err().what() << " -- expected '" << why << "'";
}

std::string file_with(const std::string& fields) {
  return "{\"format\":\"radosio-latency-histogram\",\"version\":1,\"unit\":\"ns\",\"sub_bucket_bits\":6," + fields + "}";
}

TEST(latency_histogram, from_json_rejects_what_is_not_a_histogram_and_says_why) {
  ASSERT_TRUE(h::from_json(file_with("\"count\":3,\"min\":1,\"max\":2,\"sum\":4,\"buckets\":[[1,1],[2,2]]")))
      << "the well-formed base of the cases below";
  expect_rejected("this is not json", "not JSON");
  expect_rejected("[1,2,3]", "not JSON");
  expect_rejected("", "not JSON");
  expect_rejected("{\"format\":\"hdrhistogram\",\"version\":1}", "format");
  expect_rejected("{\"count\":0,\"buckets\":[]}", "format");
  expect_rejected(
      "{\"format\":\"radosio-latency-histogram\",\"version\":2,\"unit\":\"ns\",\"sub_bucket_bits\":6,\"count\":0,"
      "\"buckets\":[]}",
      "version");
  expect_rejected(
      "{\"format\":\"radosio-latency-histogram\",\"version\":1,\"unit\":\"us\",\"sub_bucket_bits\":6,\"count\":0,"
      "\"buckets\":[]}",
      "unit");
  expect_rejected(
      "{\"format\":\"radosio-latency-histogram\",\"version\":1,\"unit\":\"ns\",\"sub_bucket_bits\":5,\"count\":0,"
      "\"buckets\":[]}",
      "bucket layout");
  expect_rejected(file_with("\"count\":3"), "no buckets");
  expect_rejected(file_with("\"count\":4,\"buckets\":[[1,1],[2,2]]"), "count differs");
  expect_rejected(file_with("\"count\":2,\"buckets\":[[1,1],[2,2]]"), "count differs");
  expect_rejected(file_with("\"buckets\":[[1,1]]"), "count differs");
  // The last bucket holds UINT64_MAX; one past it does not exist.
  const auto last = h::bucket_of(std::numeric_limits<std::uint64_t>::max());
  ASSERT_TRUE(h::from_json(file_with("\"count\":1,\"buckets\":[[" + std::to_string(last) + ",1]]")));
  expect_rejected(file_with("\"count\":1,\"buckets\":[[" + std::to_string(last + 1) + ",1]]"),
                  "bucket index " + std::to_string(last + 1) + " out of range");
  expect_rejected(file_with("\"count\":1,\"buckets\":[[99999999999,1]]"), "out of range");
  expect_rejected(file_with("\"count\":1,\"buckets\":[[1]]"), "not [index, count]");
  expect_rejected(file_with("\"count\":1,\"buckets\":[[-1,1]]"), "not [index, count]");
  expect_rejected(file_with("\"count\":1,\"buckets\":[[\"1\",1]]"), "not [index, count]");
  expect_rejected(file_with("\"count\":1,\"buckets\":[7]"), "not [index, count]");
}

TEST(latency_histogram, files_round_trip_and_failures_name_the_file) {
  const std::string dir = ::testing::TempDir();
  const std::string path = dir + "/bench_hist_round_trip.json";
  h hist;
  for (std::uint64_t v = 1000; v < 200000; v += 997) hist.record(v);
  ASSERT_TRUE(save_histogram(hist, path));
  auto back = load_histogram(path);
  ASSERT_TRUE(back) << back.err().what();
  EXPECT_EQ(back->to_json(), hist.to_json());

  const std::string missing = dir + "/no-such-dir/x.json";
  auto saved = save_histogram(hist, missing);
  ASSERT_FALSE(saved);
  EXPECT_NE(saved.err().what().find("cannot write " + missing), std::string::npos) << saved.err().what();
  auto loaded = load_histogram(missing);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.err().code, std::make_error_code(std::errc::no_such_file_or_directory));
  EXPECT_NE(loaded.err().what().find("cannot read " + missing), std::string::npos) << loaded.err().what();

  const std::string bad = dir + "/bench_hist_bad.json";
  std::ofstream(bad) << "{\"format\":\"something else\"}";
  auto rejected = load_histogram(bad);
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.err().what().rfind(bad + ": not a latency histogram", 0), 0u) << rejected.err().what();
  std::remove(path.c_str());
  std::remove(bad.c_str());
}

}  // namespace
}  // namespace radosio::cli::bench
