#include "tools/bench/bench_report.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "tools/commands/object_common.h"

namespace radosio::cli::bench {
namespace {

constexpr double mib = 1024.0 * 1024.0;

// Welford's running mean and sum of squared differences, as rados keeps them.
void welford(double value, int& cycles, double& mean, double& diff_sum) {
  ++cycles;
  const double delta = value - mean;
  mean += delta / cycles;
  diff_sum += delta * (value - mean);
}

double sample_stddev(double diff_sum, int n) { return n > 1 ? std::sqrt(diff_sum / (n - 1)) : 0.0; }

// The label padded to the summary's value column, e.g. "Latency p99(s):" + spaces.
std::string padded(const std::string& label, std::size_t width) {
  return label.size() >= width ? label + " " : label + std::string(width - label.size(), ' ');
}

}  // namespace

void print_percentiles(std::ostream& out, const bench_stats& s, std::size_t width, nlohmann::ordered_json* json) {
  const auto& h = s.histogram;
  nlohmann::ordered_json p;
  for (const auto& [label, q] : percentiles) {
    const double v = double(h.quantile(q)) / 1e9;
    if (json)
      p[label] = json_f(v);
    else
      out << padded(fmt::format("Latency {}(s):", label), width) << v << '\n';
  }
  const double max = double(h.max()) / 1e9;
  if (json) {
    p["max"] = json_f(max);
    (*json)["latency_percentiles"] = std::move(p);
  } else {
    out << padded("Latency max(s):", width) << max << '\n';
  }
}

void bench_stats::record(double seconds) {
  cur_latency = seconds;
  total_latency += seconds;
  if (seconds > max_latency) max_latency = seconds;
  if (seconds < min_latency) min_latency = seconds;
  ++finished;
  const double delta = seconds - avg_latency;
  avg_latency = total_latency / finished;
  latency_diff_sum += delta * (seconds - avg_latency);
  histogram.record(static_cast<std::uint64_t>(seconds * 1e9));
}

double bench_stats::latency_stddev() const { return sample_stddev(latency_diff_sum, finished); }
double bench_stats::bandwidth_stddev() const { return sample_stddev(bandwidth_diff_sum, bandwidth_cycles); }
double bench_stats::iops_stddev() const { return sample_stddev(iops_diff_sum, iops_cycles); }

std::string local_time_now() {
  return ceph_time(std::chrono::time_point_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now()));
}

std::string json_f(double v) { return fmt::format("{:f}", v); }
std::string json_d(long long v) { return fmt::format("{}", v); }

void status_table::tick(bench_stats& s, double elapsed) {
  std::ostringstream line;
  const auto stamp = [&] {
    if (show_time_) line << local_time_now() << ' ';
  };
  if (i_ % 20 == 0 && !json_) {
    if (i_ > 0)
      line << local_time_now() << " min lat: " << s.min_latency << " max lat: " << s.max_latency
           << " avg lat: " << s.avg_latency << '\n';
    stamp();
    line << std::setfill(' ') << std::setw(5) << "sec" << std::setw(8) << "Cur ops" << std::setw(10) << "started"
         << std::setw(10) << "finished" << std::setw(10) << "avg MB/s" << std::setw(10) << "cur MB/s"
         << std::setw(12) << "last lat(s)" << std::setw(12) << "avg lat(s)" << '\n';
  }
  const int done_since = s.finished - previous_finished_;
  const double bandwidth = cycles_since_change_ ? double(done_since) * double(s.op_size) / mib / cycles_since_change_ : -1;
  if (!std::isnan(bandwidth) && bandwidth > -1) {
    if (bandwidth > s.max_bandwidth) s.max_bandwidth = bandwidth;
    if (bandwidth < s.min_bandwidth) s.min_bandwidth = bandwidth;
    welford(bandwidth, s.bandwidth_cycles, s.avg_bandwidth, s.bandwidth_diff_sum);
  }
  const int iops = cycles_since_change_ ? static_cast<int>(double(done_since) / cycles_since_change_) : -1;
  last_iops_ = iops;
  if (iops > -1) {
    if (iops > s.max_iops) s.max_iops = iops;
    if (iops < s.min_iops) s.min_iops = iops;
    welford(iops, s.iops_cycles, s.avg_iops, s.iops_diff_sum);
  }
  const double avg_bandwidth = double(s.op_size) * s.finished / elapsed / mib;
  const bool changed = previous_finished_ != s.finished;
  if (json_) {
    nlohmann::ordered_json d;
    d["sec"] = json_d(i_);
    d["cur_ops"] = json_d(s.in_flight);
    d["started"] = json_d(s.started);
    d["finished"] = json_d(s.finished);
    d["avg_bw"] = json_f(avg_bandwidth);
    d["cur_bw"] = json_f(changed ? bandwidth : 0);
    d["last_lat"] = json_f(changed ? s.cur_latency : 0);
    d["avg_lat"] = json_f(s.avg_latency);
    lines_.push_back(std::move(d));
  } else {
    stamp();
    line << std::setfill(' ') << std::setw(5) << i_ << ' ' << std::setw(7) << s.in_flight << ' ' << std::setw(9)
         << s.started << ' ' << std::setw(9) << s.finished << ' ' << std::setw(9) << avg_bandwidth << ' ';
    if (changed)
      line << std::setw(9) << bandwidth << ' ' << std::setw(11) << s.cur_latency;
    else
      line << std::setw(9) << '0' << ' ' << std::setw(11) << '-';
    line << ' ' << std::setw(11) << s.avg_latency << '\n';
    out_ << line.str() << std::flush;
  }
  if (changed) {
    previous_finished_ = s.finished;
    cycles_since_change_ = 0;
  }
  ++i_;
  ++cycles_since_change_;
}

void status_table::finish(bench_stats& s, double runtime) const {
  if (last_iops_ < 0) s.min_iops = s.max_iops = static_cast<int>(s.finished / runtime);
}

void print_write_summary(std::ostream& out, const bench_stats& s, double runtime, nlohmann::ordered_json* json) {
  const double bandwidth = double(s.finished) * double(s.op_size) / runtime / mib;
  const int average_iops = static_cast<int>(s.finished / runtime);
  if (json) {
    auto& j = *json;
    j["total_time_run"] = json_f(runtime);
    j["total_writes_made"] = json_d(s.finished);
    j["write_size"] = json_d(static_cast<long long>(s.op_size));
    j["object_size"] = json_d(static_cast<long long>(s.object_size));
    j["bandwidth"] = json_f(bandwidth);
    j["stddev_bandwidth"] = json_f(s.bandwidth_stddev());
    j["max_bandwidth"] = json_f(s.max_bandwidth);
    j["min_bandwidth"] = json_f(s.min_bandwidth);
    j["average_iops"] = json_d(average_iops);
    // rados prints this double with "%d" (garbage); we print the number.
    j["stddev_iops"] = json_f(s.iops_stddev());
    j["max_iops"] = json_d(s.max_iops);
    j["min_iops"] = json_d(s.min_iops);
    j["average_latency"] = json_f(s.avg_latency);
    j["stddev_latency"] = json_f(s.latency_stddev());
    j["max_latency"] = json_f(s.max_latency);
    j["min_latency"] = json_f(s.min_latency);
    print_percentiles(out, s, 24, json);
    return;
  }
  std::ostringstream o;
  o << "Total time run:         " << runtime << '\n'
    << "Total writes made:      " << s.finished << '\n'
    << "Write size:             " << s.op_size << '\n'
    << "Object size:            " << s.object_size << '\n'
    << "Bandwidth (MB/sec):     " << std::setprecision(6) << bandwidth << '\n'
    << "Stddev Bandwidth:       " << s.bandwidth_stddev() << '\n'
    << "Max bandwidth (MB/sec): " << s.max_bandwidth << '\n'
    << "Min bandwidth (MB/sec): " << s.min_bandwidth << '\n'
    << "Average IOPS:           " << average_iops << '\n'
    << "Stddev IOPS:            " << s.iops_stddev() << '\n'
    << "Max IOPS:               " << s.max_iops << '\n'
    << "Min IOPS:               " << s.min_iops << '\n'
    << "Average Latency(s):     " << s.avg_latency << '\n'
    << "Stddev Latency(s):      " << s.latency_stddev() << '\n'
    << "Max latency(s):         " << s.max_latency << '\n'
    << "Min latency(s):         " << s.min_latency << '\n';
  print_percentiles(o, s, 24, nullptr);
  out << o.str() << std::flush;
}

void print_read_summary(std::ostream& out, const bench_stats& s, double runtime, nlohmann::ordered_json* json) {
  const double bandwidth = double(s.finished) * double(s.op_size) / runtime / mib;
  const int average_iops = static_cast<int>(s.finished / runtime);
  if (json) {
    auto& j = *json;
    j["total_time_run"] = json_f(runtime);
    j["total_reads_made"] = json_d(s.finished);
    j["read_size"] = json_d(static_cast<long long>(s.op_size));
    j["object_size"] = json_d(static_cast<long long>(s.object_size));
    j["bandwidth"] = json_f(bandwidth);
    j["average_iops"] = json_d(average_iops);
    j["stddev_iops"] = json_f(s.iops_stddev());
    j["max_iops"] = json_d(s.max_iops);
    j["min_iops"] = json_d(s.min_iops);
    j["average_latency"] = json_f(s.avg_latency);
    j["max_latency"] = json_f(s.max_latency);
    j["min_latency"] = json_f(s.min_latency);
    print_percentiles(out, s, 22, json);
    return;
  }
  std::ostringstream o;
  o << "Total time run:       " << runtime << '\n'
    << "Total reads made:     " << s.finished << '\n'
    << "Read size:            " << s.op_size << '\n'
    << "Object size:          " << s.object_size << '\n'
    << "Bandwidth (MB/sec):   " << std::setprecision(6) << bandwidth << '\n'
    << "Average IOPS:         " << average_iops << '\n'
    << "Stddev IOPS:          " << s.iops_stddev() << '\n'
    << "Max IOPS:             " << s.max_iops << '\n'
    << "Min IOPS:             " << s.min_iops << '\n'
    << "Average Latency(s):   " << s.avg_latency << '\n'
    << "Max latency(s):       " << s.max_latency << '\n'
    << "Min latency(s):       " << s.min_latency << '\n';
  print_percentiles(o, s, 22, nullptr);
  out << o.str() << std::flush;
}

}  // namespace radosio::cli::bench
