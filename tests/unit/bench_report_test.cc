// rados-client bench prints what Ceph 16.2.15's `rados bench` prints, so that scripts written
// for rados parse ours. The expected text below is real `rados bench` output (a 2-second
// 4 KiB write and the seq read of it, against a dev cluster); the tests feed the same numbers
// through status_table and the summaries and compare line for line.

#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tools/bench/bench_report.h"

namespace radosio::cli::bench {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// One second of the table: the counters at that moment and the time since the start.
struct tick_state {
  int in_flight;
  int started;
  int finished;
  double cur_latency;
  double avg_latency;
  double elapsed;
};

void feed(status_table& table, bench_stats& s, const std::vector<tick_state>& ticks) {
  for (const auto& t : ticks) {
    s.in_flight = t.in_flight;
    s.started = t.started;
    s.finished = t.finished;
    s.cur_latency = t.cur_latency;
    s.avg_latency = t.avg_latency;
    table.tick(s, t.elapsed);
  }
}

bench_stats stats_4k() {
  bench_stats s;
  s.op_size = 4096;
  s.object_size = 4096;
  return s;
}

// The elapsed time at which `finished` 4 KiB ops make `avg_mb_s`.
double when(int finished, double avg_mb_s) { return finished * 4096.0 / (1024 * 1024) / avg_mb_s; }

const char* const table_header = "  sec Cur ops   started  finished  avg MB/s  cur MB/s last lat(s)  avg lat(s)";

// `rados bench 2 write -b 4096 -t 8`.
const std::vector<tick_state> write_ticks = {
    {8, 8, 0, 0, 0, 0.0001},
    {8, 5562, 5554, 0.000383972, 0.00143953, when(5554, 21.686)},
    {2, 11642, 11640, 0.00136297, 0.00137347, when(11640, 22.7237)},
};
const char* const write_table =
    "  sec Cur ops   started  finished  avg MB/s  cur MB/s last lat(s)  avg lat(s)\n"
    "    0       8         8         0         0         0           -           0\n"
    "    1       8      5562      5554    21.686   21.6953 0.000383972  0.00143953\n"
    "    2       2     11642     11640   22.7237   23.7734  0.00136297  0.00137347\n";
const char* const write_summary =
    "Total time run:         2.00123\n"
    "Total writes made:      11642\n"
    "Write size:             4096\n"
    "Object size:            4096\n"
    "Bandwidth (MB/sec):     22.7243\n"
    "Stddev Bandwidth:       1.46946\n"
    "Max bandwidth (MB/sec): 23.7734\n"
    "Min bandwidth (MB/sec): 21.6953\n"
    "Average IOPS:           5817\n"
    "Stddev IOPS:            376.181\n"
    "Max IOPS:               6086\n"
    "Min IOPS:               5554\n"
    "Average Latency(s):     0.00137348\n"
    "Stddev Latency(s):      0.00201506\n"
    "Max latency(s):         0.0495925\n"
    "Min latency(s):         9.0306e-05\n";

// The latencies a run records besides the table's counters.
void set_latencies(bench_stats& s, int finished, double avg, double stddev, double max, double min) {
  s.finished = finished;
  s.avg_latency = avg;
  s.latency_diff_sum = stddev * stddev * (finished - 1);
  s.max_latency = max;
  s.min_latency = min;
}

TEST(bench_report, table_and_write_summary_are_rados_bench_s) {
  std::ostringstream out;
  bench_stats s = stats_4k();
  status_table table(out, false, false);
  feed(table, s, write_ticks);
  EXPECT_EQ(out.str(), write_table);
  EXPECT_EQ(lines_of(out.str())[0], table_header);

  // The per-second bandwidth and IOPS the table collected make rados's max, min and stddev.
  EXPECT_DOUBLE_EQ(s.max_bandwidth, 6086 * 4096.0 / (1 << 20));
  EXPECT_DOUBLE_EQ(s.min_bandwidth, 5554 * 4096.0 / (1 << 20));
  EXPECT_EQ(s.max_iops, 6086);
  EXPECT_EQ(s.min_iops, 5554);
  EXPECT_EQ(s.bandwidth_cycles, 2) << "second 0 has no bandwidth yet";
  EXPECT_EQ(s.iops_cycles, 2);

  table.finish(s, 2.00123);
  set_latencies(s, 11642, 0.00137348, 0.00201506, 0.0495925, 9.0306e-05);
  std::ostringstream summary;
  print_write_summary(summary, s, 2.00123, nullptr);
  const auto got = lines_of(summary.str());
  const auto want = lines_of(write_summary);
  ASSERT_GE(got.size(), want.size()) << summary.str();
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i]) << "summary line " << i;
  // Then ours alone: the percentiles, in rados's column.
  ASSERT_EQ(got.size(), want.size() + 5) << summary.str();
  const char* const extra[] = {"Latency p50(s):         ", "Latency p90(s):         ", "Latency p99(s):         ",
                               "Latency p99.9(s):       ", "Latency max(s):         "};
  for (std::size_t i = 0; i < 5; ++i)
    EXPECT_EQ(got[want.size() + i].rfind(extra[i], 0), 0u) << got[want.size() + i];
}

TEST(bench_report, the_line_from_the_brief_and_larger_counts) {
  // `rados bench 10 write -b 4096 -t 16`, second 1.
  std::ostringstream out;
  bench_stats s = stats_4k();
  status_table table(out, false, false);
  feed(table, s,
       {{16, 16, 0, 0, 0, 0.00002}, {16, 10587, 10571, 0.000948543, 0.00150922, when(10571, 41.2882)}});
  EXPECT_EQ(lines_of(out.str()).at(2), "    1      16     10587     10571   41.2882    41.293 0.000948543  0.00150922");

  bench_stats t = stats_4k();
  set_latencies(t, 30540, 0.0015, 0.001, 0.05, 9.4726e-05);
  std::ostringstream summary;
  print_write_summary(summary, t, 10.0012, nullptr);
  const auto got = lines_of(summary.str());
  EXPECT_EQ(got.at(1), "Total writes made:      30540");
  EXPECT_EQ(got.at(4), "Bandwidth (MB/sec):     11.9283");  // 30540 * 4 KiB / 10.0012 s, 6 digits
  EXPECT_EQ(got.at(8), "Average IOPS:           3053");     // truncated, as rados's (int)
  EXPECT_EQ(got.at(15), "Min latency(s):         9.4726e-05");
}

// `rados bench 2 seq -t 8` reading the run above.
TEST(bench_report, read_summary_is_rados_bench_s) {
  std::ostringstream out;
  bench_stats s = stats_4k();
  status_table table(out, false, false);
  feed(table, s, {{8, 8, 0, 0, 0, 0.0001}, {8, 7237, 7229, 0.000269684, 0.00107415, when(7229, 28.1822)}});
  EXPECT_EQ(out.str(),
            "  sec Cur ops   started  finished  avg MB/s  cur MB/s last lat(s)  avg lat(s)\n"
            "    0       8         8         0         0         0           -           0\n"
            "    1       8      7237      7229   28.1822   28.2383 0.000269684  0.00107415\n");
  // The run time that rados printed as 1.49438 with a bandwidth of 30.4318.
  const double runtime = 11642 / 256.0 / 30.4318;
  table.finish(s, runtime);
  set_latencies(s, 11642, 0.00102131, 0.0005, 0.0656045, 4.6729e-05);
  std::ostringstream summary;
  print_read_summary(summary, s, runtime, nullptr);
  const auto got = lines_of(summary.str());
  const auto want = lines_of(
      "Total time run:       1.49438\n"
      "Total reads made:     11642\n"
      "Read size:            4096\n"
      "Object size:          4096\n"
      "Bandwidth (MB/sec):   30.4318\n"
      "Average IOPS:         7790\n"
      "Stddev IOPS:          0\n"
      "Max IOPS:             7229\n"
      "Min IOPS:             7229\n"
      "Average Latency(s):   0.00102131\n"
      "Max latency(s):       0.0656045\n"
      "Min latency(s):       4.6729e-05\n");
  ASSERT_EQ(got.size(), want.size() + 5) << summary.str();
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i]) << "summary line " << i;
  EXPECT_EQ(got[want.size()].rfind("Latency p50(s):       ", 0), 0u) << got[want.size()];
  EXPECT_EQ(got[want.size() + 3].rfind("Latency p99.9(s):     ", 0), 0u) << got[want.size() + 3];
}

TEST(bench_report, percentile_lines_come_from_the_histogram) {
  bench_stats s = stats_4k();
  for (int i = 1; i <= 1000; ++i) s.record(i / 1e6);  // 1 us .. 1 ms
  EXPECT_EQ(s.finished, 1000);
  EXPECT_DOUBLE_EQ(s.min_latency, 1e-6);
  EXPECT_DOUBLE_EQ(s.max_latency, 1e-3);
  EXPECT_NEAR(s.avg_latency, 500.5e-6, 1e-12);
  // Sample stddev of 1..1000 us.
  EXPECT_NEAR(s.latency_stddev(), std::sqrt(1000.0 * 1001 / 12) * 1e-6, 1e-12);
  EXPECT_EQ(s.histogram.count(), 1000u);

  std::ostringstream out;
  print_write_summary(out, s, 1.0, nullptr);
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 21u) << out.str();
  const auto value = [&](std::size_t i, const std::string& label) {
    EXPECT_EQ(lines[i].rfind(label, 0), 0u) << lines[i];
    return std::stod(lines[i].substr(24));
  };
  EXPECT_NEAR(value(16, "Latency p50(s):"), 500e-6, 500e-6 / 64);
  EXPECT_NEAR(value(17, "Latency p90(s):"), 900e-6, 900e-6 / 64);
  EXPECT_NEAR(value(18, "Latency p99(s):"), 990e-6, 990e-6 / 64);
  EXPECT_NEAR(value(19, "Latency p99.9(s):"), 999e-6, 999e-6 / 64);
  EXPECT_NEAR(value(20, "Latency max(s):"), 1e-3, 1e-9);
}

TEST(bench_report, a_second_without_completions_prints_zero_and_a_dash_and_counts_as_zero) {
  std::ostringstream out;
  bench_stats s = stats_4k();
  status_table table(out, false, false);
  feed(table, s, {{4, 4, 0, 0, 0, 0.001}, {4, 104, 100, 0.01, 0.02, 1.0}, {4, 104, 100, 0.01, 0.02, 2.0},
                  {4, 404, 400, 0.005, 0.01, 3.0}});
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[3], "    2       4       104       100  0.195312         0           -        0.02");
  // Second 3 spreads its 300 ops over the two seconds since the last change: 150 ops/s.
  EXPECT_EQ(lines[4], "    3       4       404       400  0.520833  0.585938       0.005        0.01");
  // As in rados, the idle second is a sample of 0 ops; the tick before any change is none.
  EXPECT_EQ(s.max_iops, 150);
  EXPECT_EQ(s.min_iops, 0);
  EXPECT_EQ(s.iops_cycles, 3);
  EXPECT_EQ(s.min_bandwidth, 0.0);
}

TEST(bench_report, header_again_every_20_lines_after_a_latency_line) {
  std::ostringstream out;
  bench_stats s = stats_4k();
  s.min_latency = 0.0001;
  s.max_latency = 0.25;
  status_table table(out, false, false);
  for (int i = 0; i < 22; ++i) feed(table, s, {{1, i * 10 + 1, i * 10, 0.002, 0.003, i + 0.001}});
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 1u + 20 + 2 + 2);
  EXPECT_EQ(lines[0], table_header);
  EXPECT_TRUE(std::regex_match(lines[21], std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d{4} )"
                                                     R"(min lat: 0\.0001 max lat: 0\.25 avg lat: 0\.003)")))
      << lines[21];
  EXPECT_EQ(lines[22], table_header);
  EXPECT_EQ(lines[23].substr(0, 5), "   20");
  EXPECT_EQ(lines[24].substr(0, 5), "   21");
}

TEST(bench_report, show_time_prefixes_the_header_and_every_line) {
  std::ostringstream out;
  bench_stats s = stats_4k();
  status_table table(out, false, true);
  feed(table, s, {{1, 1, 0, 0, 0, 0.001}});
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 2u);
  const std::string stamp = R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d{4} )";
  EXPECT_TRUE(std::regex_match(lines[0], std::regex(stamp + "  sec Cur ops.*"))) << lines[0];
  EXPECT_TRUE(std::regex_match(lines[1], std::regex(stamp + "    0       1         1         0.*"))) << lines[1];
}

// The JSON keys of Ceph 16.2.15's `rados bench ... -f json`, in order, duplicates included
// (its write object repeats "object_size").
const std::vector<std::string> rados_write_keys = {
    "concurrent_ios", "object_size",      "op_size",        "seconds_to_run",  "max_objects",    "object_prefix",
    "datas",          "total_time_run",   "total_writes_made", "write_size",   "object_size",    "bandwidth",
    "stddev_bandwidth", "max_bandwidth",  "min_bandwidth",  "average_iops",    "stddev_iops",    "max_iops",
    "min_iops",       "average_latency",  "stddev_latency", "max_latency",     "min_latency"};
const std::vector<std::string> rados_read_keys = {
    "datas",        "total_time_run", "total_reads_made", "read_size",       "object_size",  "bandwidth", "average_iops",
    "stddev_iops",  "max_iops",       "min_iops",         "average_latency", "max_latency",  "min_latency"};
const std::vector<std::string> rados_line_keys = {"sec",    "cur_ops", "started",  "finished",
                                                  "avg_bw", "cur_bw",  "last_lat", "avg_lat"};

// What a JSON parser keeps of duplicated keys: the first position (Python's dict, jq).
std::vector<std::string> first_occurrences(const std::vector<std::string>& keys) {
  std::vector<std::string> out;
  for (const auto& k : keys)
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  return out;
}

std::vector<std::string> keys_of(const nlohmann::ordered_json& j) {
  std::vector<std::string> out;
  for (const auto& [k, v] : j.items()) out.push_back(k);
  return out;
}

using json_values = std::vector<std::pair<const char*, const char*>>;

// The summary's keys are `keys` then ours, "latency_percentiles"; `values` as rados dumped them.
void expect_summary_json(const nlohmann::ordered_json& j, std::vector<std::string> keys, const json_values& values) {
  keys.push_back("latency_percentiles");
  EXPECT_EQ(keys_of(j), keys);
  for (const auto& [k, v] : values) EXPECT_EQ(j.value(k, std::string("<missing>")), v) << k;
  EXPECT_EQ(keys_of(j.at("latency_percentiles")), (std::vector<std::string>{"p50", "p90", "p99", "p99.9", "max"}));
  for (const auto& [k, v] : j.items()) EXPECT_TRUE(v.is_string() || k == "datas" || k == "latency_percentiles") << k;
}

TEST(bench_report, write_json_has_rados_bench_s_keys_and_values) {
  // `rados bench 2 write -b 4096 -t 8 -f json`.
  std::ostringstream out;
  bench_stats s = stats_4k();
  status_table table(out, true, false);
  feed(table, s, {{8, 8, 0, 0, 0, 0.0001},
                  {8, 6892, 6884, 0.002289, 0.001160, 26.890625 / 26.882569},
                  {8, 11623, 11615, 0.000528, 0.001375, 11615 / 256.0 / 22.680926}});
  EXPECT_EQ(out.str(), "") << "JSON mode prints no table";
  const auto& lines = table.lines();
  ASSERT_EQ(lines.size(), 3u);
  for (const auto& line : lines) EXPECT_EQ(keys_of(line), rados_line_keys);
  EXPECT_EQ(lines[0].dump(),
            R"({"sec":"0","cur_ops":"8","started":"8","finished":"0","avg_bw":"0.000000","cur_bw":"0.000000",)"
            R"("last_lat":"0.000000","avg_lat":"0.000000"})");
  EXPECT_EQ(lines[1].dump(),
            R"({"sec":"1","cur_ops":"8","started":"6892","finished":"6884","avg_bw":"26.882569","cur_bw":"26.890625",)"
            R"("last_lat":"0.002289","avg_lat":"0.001160"})");
  EXPECT_EQ(lines[2].dump(),
            R"({"sec":"2","cur_ops":"8","started":"11623","finished":"11615","avg_bw":"22.680926",)"
            R"("cur_bw":"18.480469","last_lat":"0.000528","avg_lat":"0.001375"})");

  // What run_bench puts first, then the summary as print_write_summary adds it.
  nlohmann::ordered_json j;
  for (const char* k : {"concurrent_ios", "object_size", "op_size", "seconds_to_run", "max_objects", "object_prefix"})
    j[k] = "x";
  j["datas"] = lines;
  table.finish(s, 2.011421);
  set_latencies(s, 11623, 0.001380, 0.001030, 0.019224, 0.000095);
  std::ostringstream text;
  print_write_summary(text, s, 2.011421, &j);
  EXPECT_EQ(text.str(), "") << "JSON mode prints no summary text";
  expect_summary_json(j, first_occurrences(rados_write_keys), {
      {"total_time_run", "2.011421"}, {"total_writes_made", "11623"},   {"write_size", "4096"},
      {"object_size", "4096"},        {"bandwidth", "22.572273"},       {"stddev_bandwidth", "5.946879"},
      {"max_bandwidth", "26.890625"}, {"min_bandwidth", "18.480469"},   {"average_iops", "5778"},
      {"max_iops", "6884"},           {"min_iops", "4731"},             {"average_latency", "0.001380"},
      {"stddev_latency", "0.001030"}, {"max_latency", "0.019224"},      {"min_latency", "0.000095"},
      // rados prints this one with "%d" from a double (garbage); ours is the number.
      {"stddev_iops", "1522.400900"}});
}

TEST(bench_report, read_json_has_rados_bench_s_keys) {
  bench_stats s = stats_4k();
  std::ostringstream out;
  status_table table(out, true, false);
  feed(table, s, {{1, 1, 0, 0, 0, 0.0001}, {15, 11412, 11397, 0.001541, 0.001394, 11397 / 256.0 / 44.489480}});
  nlohmann::ordered_json j;
  j["datas"] = table.lines();
  // The run time that rados printed as 1.013421 with a bandwidth of 44.801087.
  const double runtime = 11623 / 256.0 / 44.801087;
  table.finish(s, runtime);
  set_latencies(s, 11623, 0.001385, 0.0004, 0.063715, 0.000051);
  std::ostringstream text;
  print_read_summary(text, s, runtime, &j);
  EXPECT_EQ(text.str(), "");
  // Values of `rados bench 1 seq -f json` for the same counters.
  expect_summary_json(j, rados_read_keys, {
      {"total_time_run", "1.013421"}, {"total_reads_made", "11623"}, {"read_size", "4096"},
      {"object_size", "4096"},        {"bandwidth", "44.801087"},    {"average_iops", "11469"},
      {"stddev_iops", "0.000000"},    {"max_iops", "11397"},         {"min_iops", "11397"},
      {"average_latency", "0.001385"}, {"max_latency", "0.063715"},  {"min_latency", "0.000051"}});
  EXPECT_EQ(j["datas"][1]["avg_bw"], "44.489480");
  EXPECT_EQ(j["datas"][1]["cur_bw"], "44.519531");
}

TEST(bench_report, a_run_shorter_than_a_second_prints_rados_s_placeholders) {
  // No second line: no bandwidth sample, so min bandwidth stays DBL_MAX as in rados; IOPS
  // come from the whole run.
  std::ostringstream out;
  bench_stats s = stats_4k();
  status_table table(out, false, false);
  feed(table, s, {{1, 1, 0, 0, 0, 0.0001}});
  s.finished = 3;
  table.finish(s, 0.5);
  EXPECT_EQ(s.min_iops, 6);
  EXPECT_EQ(s.max_iops, 6);
  std::ostringstream summary;
  print_write_summary(summary, s, 0.5, nullptr);
  const auto lines = lines_of(summary.str());
  EXPECT_EQ(lines.at(5), "Stddev Bandwidth:       0");
  EXPECT_EQ(lines.at(6), "Max bandwidth (MB/sec): 0");
  EXPECT_EQ(lines.at(7), "Min bandwidth (MB/sec): 1.79769e+308");
  EXPECT_EQ(lines.at(9), "Stddev IOPS:            0");
  nlohmann::ordered_json j;
  print_write_summary(summary, s, 0.5, &j);
  // rados dumps DBL_MAX with "%f": all 309 digits.
  EXPECT_EQ(j["min_bandwidth"],
            "17976931348623157081452742373170435679807056752584499659891747680315726078002853876058955863276687817154045"
            "89535143824642343213268894641827684675467035375169860499105765512820762454900903893289440758685084551339423"
            "04583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000");
}

TEST(bench_report, json_numbers_are_printf_f_and_d) {
  EXPECT_EQ(json_f(0), "0.000000");
  EXPECT_EQ(json_f(22.5722734), "22.572273");
  EXPECT_EQ(json_f(18.48046875), "18.480469");
  EXPECT_EQ(json_f(9.4726e-05), "0.000095");
  EXPECT_EQ(json_f(-1), "-1.000000");
  EXPECT_EQ(json_d(0), "0");
  EXPECT_EQ(json_d(-7), "-7");
  EXPECT_EQ(json_d(4194304), "4194304");
}

}  // namespace
}  // namespace radosio::cli::bench
