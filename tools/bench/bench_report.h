#pragma once
// The numbers a benchmark keeps and how they are printed: exactly the lines and JSON keys of
// Ceph 16.2's `rados bench` (ObjBencher), so scripts written for it parse ours, followed by
// what rados bench lacks (latency percentiles from a histogram).
//
// Text: a table line every second ("  sec Cur ops   started  finished  avg MB/s ..."), a
// header again every 20 lines, then the summary ("Total time run:", "Bandwidth (MB/sec):",
// ..., "Min latency(s):"), numbers printed as a C++ stream prints a double (6 significant
// digits). JSON (-f json): one object of strings, "datas" holding the per-second lines.

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

#include "tools/bench/latency_histogram.h"

namespace radosio::cli::bench {

enum class bench_mode { write, seq, rand };

// rados bench's bench_data: counters, latencies in seconds, per-second bandwidth and IOPS.
struct bench_stats {
  std::uint64_t op_size = 0;
  std::uint64_t object_size = 0;
  int started = 0;
  int finished = 0;
  int in_flight = 0;

  double cur_latency = 0;
  double min_latency = 9999.0;  // rados's starting value
  double max_latency = 0;
  double avg_latency = 0;
  double total_latency = 0;
  double latency_diff_sum = 0;  // Welford, for the latency stddev

  double max_bandwidth = 0;
  double min_bandwidth = 1.79769313486231570815e+308;  // DBL_MAX, printed when never set
  double avg_bandwidth = 0;
  double bandwidth_diff_sum = 0;
  int bandwidth_cycles = 0;
  int max_iops = 0;
  int min_iops = 2147483647;
  double avg_iops = 0;
  double iops_diff_sum = 0;
  int iops_cycles = 0;

  latency_histogram histogram;

  // One op completed after `seconds`.
  void record(double seconds);
  [[nodiscard]] double latency_stddev() const;
  [[nodiscard]] double bandwidth_stddev() const;
  [[nodiscard]] double iops_stddev() const;
};

// The once-a-second table.
class status_table {
 public:
  status_table(std::ostream& out, bool json, bool show_time) : out_(out), json_(json), show_time_(show_time) {}

  // Line `i` (0, 1, 2, ...) at `elapsed` since the start.
  void tick(bench_stats& s, double elapsed_seconds);
  // After the run: a run too short for a second table line has no per-second IOPS; like
  // rados, report ops / run time as both min and max (rados measures that time oddly).
  void finish(bench_stats& s, double runtime_seconds) const;
  [[nodiscard]] nlohmann::ordered_json& lines() noexcept { return lines_; }

 private:
  std::ostream& out_;
  bool json_;
  bool show_time_;
  int i_ = 0;
  int previous_finished_ = 0;
  int cycles_since_change_ = 0;
  int last_iops_ = 0;
  nlohmann::ordered_json lines_ = nlohmann::ordered_json::array();
};

// The local time as Ceph prints it before lines ("2026-11-23T05:31:04.652123+0000").
std::string local_time_now();

// "%f" and "%d" as Ceph's JSON formatter dumps them (strings).
std::string json_f(double v);
std::string json_d(long long v);

struct percentile_line {
  const char* label;  // "p50"
  double q;           // 0.5
};
inline constexpr percentile_line percentiles[] = {
    {"p50", 0.5}, {"p90", 0.9}, {"p99", 0.99}, {"p99.9", 0.999}};

// "Latency p50(s):" ... "Latency max(s):" from the histogram, labels padded to `width`; with
// `json`, the same values under "latency_percentiles" instead.
void print_percentiles(std::ostream& out, const bench_stats& s, std::size_t width, nlohmann::ordered_json* json);

// The summary after the table; `json` receives the same values under rados's keys.
void print_write_summary(std::ostream& out, const bench_stats& s, double runtime, nlohmann::ordered_json* json);
void print_read_summary(std::ostream& out, const bench_stats& s, double runtime, nlohmann::ordered_json* json);

}  // namespace radosio::cli::bench
