#include "tools/bench/latency_histogram.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace radosio::cli::bench {
namespace {

constexpr std::uint64_t sub_count = 1u << latency_histogram::sub_bucket_bits;  // 64
constexpr std::uint64_t linear_limit = 2 * sub_count;                           // 128
// Buckets for every 64-bit value: 128 linear + 64 per octave from 2^7 to 2^63.
constexpr std::size_t bucket_count = linear_limit + (64 - 7) * sub_count;
constexpr std::string_view format_name = "radosio-latency-histogram";

error bad_file(std::string_view why) {
  return error{std::make_error_code(std::errc::invalid_argument), fmt::format("not a latency histogram: {}", why)};
}

}  // namespace

latency_histogram::latency_histogram() : counts_(bucket_count, 0) {}

std::size_t latency_histogram::bucket_of(std::uint64_t ns) noexcept {
  if (ns < linear_limit) return static_cast<std::size_t>(ns);
  const int shift = std::bit_width(ns) - 1 - sub_bucket_bits;  // >= 1
  const std::uint64_t top = ns >> shift;                       // in [64, 128)
  return static_cast<std::size_t>(linear_limit + (shift - 1) * sub_count + (top - sub_count));
}

std::uint64_t latency_histogram::bucket_low(std::size_t index) noexcept {
  if (index < linear_limit) return index;
  const std::size_t shift = (index - linear_limit) / sub_count + 1;
  const std::uint64_t top = sub_count + (index - linear_limit) % sub_count;
  return top << shift;
}

std::uint64_t latency_histogram::bucket_high(std::size_t index) noexcept {
  if (index < linear_limit) return index;
  const std::size_t shift = (index - linear_limit) / sub_count + 1;
  const std::uint64_t top = sub_count + (index - linear_limit) % sub_count;
  return ((top + 1) << shift) - 1;
}

void latency_histogram::record(std::uint64_t ns) noexcept {
  ++counts_[bucket_of(ns)];
  ++count_;
  sum_ += ns;
  if (ns < min_) min_ = ns;
  if (ns > max_) max_ = ns;
}

void latency_histogram::merge(const latency_histogram& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  if (other.count_) {
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }
}

std::uint64_t latency_histogram::quantile(double q) const noexcept {
  if (count_ == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * double(count_))));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      const std::uint64_t mid = bucket_low(i) + (bucket_high(i) - bucket_low(i)) / 2;
      return std::clamp(mid, min_, max_);
    }
  }
  return max_;
}

std::string latency_histogram::to_json() const {
  nlohmann::ordered_json j;
  j["format"] = format_name;
  j["version"] = 1;
  j["unit"] = "ns";
  j["sub_bucket_bits"] = sub_bucket_bits;
  j["count"] = count_;
  j["min"] = min();
  j["max"] = max_;
  j["sum"] = sum_;
  auto buckets = nlohmann::json::array();
  for (std::size_t i = 0; i < counts_.size(); ++i)
    if (counts_[i]) buckets.push_back({i, counts_[i]});
  j["buckets"] = std::move(buckets);
  return j.dump() + "\n";
}

result<latency_histogram> latency_histogram::from_json(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad_file("not JSON");
  if (j.value("format", "") != format_name) return bad_file("no \"format\": \"radosio-latency-histogram\"");
  if (j.value("version", 0) != 1) return bad_file("unknown version");
  if (j.value("unit", "") != "ns" || j.value("sub_bucket_bits", 0) != sub_bucket_bits)
    return bad_file("other unit or bucket layout");
  latency_histogram h;
  const auto& buckets = j.find("buckets");
  if (buckets == j.end() || !buckets->is_array()) return bad_file("no buckets");
  std::uint64_t total = 0;
  for (const auto& b : *buckets) {
    if (!b.is_array() || b.size() != 2 || !b[0].is_number_unsigned() || !b[1].is_number_unsigned())
      return bad_file("a bucket is not [index, count]");
    const auto index = b[0].get<std::uint64_t>();
    if (index >= bucket_count) return bad_file(fmt::format("bucket index {} out of range", index));
    h.counts_[index] += b[1].get<std::uint64_t>();
    total += b[1].get<std::uint64_t>();
  }
  h.count_ = total;
  if (j.value("count", std::uint64_t{0}) != total) return bad_file("count differs from the buckets' sum");
  h.sum_ = j.value("sum", std::uint64_t{0});
  h.min_ = total ? j.value("min", std::uint64_t{0}) : UINT64_MAX;
  h.max_ = j.value("max", std::uint64_t{0});
  return h;
}

status save_histogram(const latency_histogram& h, const std::string& path) {
  std::ofstream out(path, std::ios::trunc);
  if (out) out << h.to_json();
  if (!out) {
    const int err = errno ? errno : EIO;
    return error{std::error_code(err, std::generic_category()),
                 fmt::format("cannot write {}: {}", path, std::strerror(err))};
  }
  return ok_status();
}

result<latency_histogram> load_histogram(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    const int err = errno ? errno : ENOENT;
    return error{std::error_code(err, std::generic_category()),
                 fmt::format("cannot read {}: {}", path, std::strerror(err))};
  }
  std::stringstream text;
  text << in.rdbuf();
  auto h = latency_histogram::from_json(text.str());
  if (!h) return error{h.err().code, fmt::format("{}: {}", path, h.err().what())};
  return h;
}

}  // namespace radosio::cli::bench
