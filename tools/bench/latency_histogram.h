#pragma once
// A latency histogram that costs a few nanoseconds per sample, answers percentiles to within
// 1/64 (1.6%) of the true value, and merges: histograms from several runs or clients add up
// bucket by bucket, because every histogram has the same bucket boundaries.
//
// Buckets (nanoseconds): one per value below 128, then 64 per power of two (log-linear, as
// HdrHistogram with 6 significant bits). Saved as JSON (`save`/`load`), sparse:
//   {"format":"radosio-latency-histogram","version":1,"unit":"ns","sub_bucket_bits":6,
//    "count":N,"min":ns,"max":ns,"sum":ns,"buckets":[[index,count],...]}

#include <cstdint>
#include <string>
#include <vector>

#include "radosio/result.h"

namespace radosio::cli::bench {

class latency_histogram {
 public:
  latency_histogram();

  void record(std::uint64_t ns) noexcept;
  void merge(const latency_histogram& other);

  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  [[nodiscard]] std::uint64_t min() const noexcept { return count_ ? min_ : 0; }
  [[nodiscard]] std::uint64_t max() const noexcept { return max_; }
  [[nodiscard]] double mean() const noexcept { return count_ ? double(sum_) / double(count_) : 0.0; }
  // The value at quantile q (0..1]: the middle of the bucket holding the ceil(q * count)-th
  // smallest sample, clamped to the observed min and max; 0 when empty.
  [[nodiscard]] std::uint64_t quantile(double q) const noexcept;

  [[nodiscard]] std::string to_json() const;
  static result<latency_histogram> from_json(const std::string& text);

  // Bucket arithmetic, public for tests.
  static std::size_t bucket_of(std::uint64_t ns) noexcept;
  static std::uint64_t bucket_low(std::size_t index) noexcept;
  static std::uint64_t bucket_high(std::size_t index) noexcept;  // inclusive
  static constexpr int sub_bucket_bits = 6;

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::uint64_t min_ = UINT64_MAX;
  std::uint64_t max_ = 0;
  std::uint64_t sum_ = 0;
};

// Writes the histogram to `path`; a failure names the file and the errno text.
status save_histogram(const latency_histogram& h, const std::string& path);
result<latency_histogram> load_histogram(const std::string& path);

}  // namespace radosio::cli::bench
