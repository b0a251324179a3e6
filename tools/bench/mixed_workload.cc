#include "tools/bench/mixed_workload.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <climits>
#include <iostream>
#include <optional>
#include <sstream>

#include "tools/bench/bench_objects.h"
#include "tools/bench/bench_report.h"
#include "tools/bench/timed_run.h"
#include "tools/commands/object_common.h"

namespace radosio::cli::bench {
namespace {

namespace asio = boost::asio;
using steady = std::chrono::steady_clock;

error invalid(std::string what) { return error{std::make_error_code(std::errc::invalid_argument), std::move(what)}; }

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

constexpr std::size_t index_of(mixed_op op) { return static_cast<std::size_t>(op); }

// One kind of op's numbers; misses (ENOENT) are counted in `count` too, with their latency.
struct op_tally {
  std::uint64_t count = 0;
  std::uint64_t misses = 0;
  double total_latency = 0;
  latency_histogram histogram;
};

struct op_outcome {
  status done = ok_status();
  bool miss = false;
};

// The timed phase (timed_run): op n is an op drawn by the mix on a random object.
class mixed_run final : public timed_run {
 public:
  mixed_run(ioctx io, const mixed_options& o, std::string prefix)
      : timed_run(o.common), io_(std::move(io)), prefix_(std::move(prefix)), pattern_(o_.op_size), chooser_(o.mix),
        pick_object_(0, o.objects - 1), rng_(std::random_device{}()) {
    // The table's MB/s columns count op_size bytes per op; only puts and gets move data, so
    // each op counts as its expected share of -b (exact over many ops, as ops are drawn in
    // these proportions; misses, which move nothing, are not subtracted).
    const auto& w = o.mix.weights;
    const auto data_weight = std::uint64_t(w[index_of(mixed_op::put)]) + w[index_of(mixed_op::get)];
    stats_.op_size = o_.op_size * data_weight / o.mix.total();
    stats_.object_size = o_.op_size;
  }

  [[nodiscard]] const op_tally& tally(mixed_op op) const noexcept { return tallies_[index_of(op)]; }

 private:
  asio::awaitable<status> one_op(int, steady::time_point began) override {
    const mixed_op op = chooser_.pick(rng_);
    const std::uint64_t k = pick_object_(rng_);
    op_outcome out = co_await perform(op, k);
    if (!out.done) co_return out.done;
    const double latency = seconds_between(began, steady::now());
    op_tally& t = tallies_[index_of(op)];
    ++t.count;
    if (out.miss) ++t.misses;
    t.total_latency += latency;
    t.histogram.record(static_cast<std::uint64_t>(latency * 1e9));
    co_return ok_status();
  }

  // One op on object k. Every argument to co_await is a named value (GCC 12, see
  // docs/architecture.md), and each kind of op has its own co_await.
  asio::awaitable<op_outcome> perform(mixed_op op, std::uint64_t k) {
    op_outcome out;
    std::string oid = object_name(prefix_, k);
    const auto op_index = static_cast<std::int32_t>(k);
    switch (op) {
      case mixed_op::put: {
        buffer_list bytes = pattern_.bytes_of(op_index);
        out.done = co_await io_.write_full(oid, std::move(bytes));
        break;
      }
      case mixed_op::get: {
        const std::uint64_t from = 0;
        const std::uint64_t whole = 0;  // to the end of the object
        auto got = co_await io_.read(oid, from, whole);
        if (!got) {
          out.done = got.err();
        } else if (o_.verify && !pattern_.matches(op_index, *got)) {
          std::cout << std::flush;
          std::cerr << oid << " is not correct!" << std::endl;
          ++verify_errors_;
        }
        break;
      }
      case mixed_op::stat: {
        auto st = co_await io_.stat(oid);
        if (!st) out.done = st.err();
        break;
      }
      case mixed_op::remove: {
        out.done = co_await io_.remove(oid);
        break;
      }
      case mixed_op::list: {
        list_cursor from;  // named first: GCC 12
        const std::size_t page_size = 100;
        auto page = co_await io_.list(from, page_size);
        if (!page) out.done = page.err();
        break;
      }
    }
    // An object a delete removed: a miss, not a failure (a put recreates it).
    const bool may_miss = op == mixed_op::get || op == mixed_op::stat || op == mixed_op::remove;
    if (may_miss && !out.done && out.done.err().code == std::errc::no_such_file_or_directory) {
      out.done = ok_status();
      out.miss = true;
    }
    co_return out;
  }

  ioctx io_;
  std::string prefix_;
  op_pattern pattern_;
  weighted_chooser chooser_;
  std::uniform_int_distribution<std::uint64_t> pick_object_;
  std::array<op_tally, mixed_op_count> tallies_;
  std::mt19937 rng_;
};

// Writes objects 0 .. n-1 (op k's pattern into object k), `concurrency` at a time, so that the
// timed phase's gets and stats find them. Not measured.
asio::awaitable<status> prefill(ioctx& io, const std::string& prefix, const op_pattern& pattern, std::uint64_t n,
                                int concurrency) {
  std::uint64_t next = 0;
  std::optional<error> failure;
  const int workers = static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(concurrency), n));
  co_await run_concurrently(workers, [&](int) -> asio::awaitable<void> {
    while (!failure && next < n) {
      const std::uint64_t k = next++;
      std::string oid = object_name(prefix, k);
      buffer_list bytes = pattern.bytes_of(static_cast<std::int32_t>(k));
      auto written = co_await io.write_full(oid, std::move(bytes));
      if (!written) {
        if (!failure) failure = written.err();
        break;
      }
    }
  });
  if (failure) co_return *failure;
  co_return ok_status();
}

std::vector<std::string> all_names(const std::string& prefix, std::uint64_t n) {
  std::vector<std::string> names;
  names.reserve(n);
  for (std::uint64_t k = 0; k < n; ++k) names.push_back(object_name(prefix, k));
  return names;
}

std::string mix_text(const op_mix& mix) {
  std::string out;
  for (std::size_t i = 0; i < mixed_op_count; ++i) {
    if (mix.weights[i] == 0) continue;
    if (!out.empty()) out += ',';
    out += fmt::format("{}={}", mixed_op_names[i], mix.weights[i]);
  }
  return out;
}

// The summary: totals, one line per kind of op that has a weight, then the percentiles of
// all ops together (print_percentiles, as the other modes print them).
void print_mixed_summary(const mixed_run& run, const bench_stats& s, const op_mix& mix, double runtime,
                         nlohmann::ordered_json* json) {
  const int average_iops = runtime > 0 ? static_cast<int>(s.finished / runtime) : 0;
  const auto seconds = [](std::uint64_t ns) { return double(ns) / 1e9; };
  if (json) {
    auto& j = *json;
    j["total_time_run"] = json_f(runtime);
    j["total_ops_made"] = json_d(s.finished);
    j["average_iops"] = json_d(average_iops);
    nlohmann::ordered_json ops = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < mixed_op_count; ++i) {
      if (mix.weights[i] == 0) continue;
      const op_tally& t = run.tally(static_cast<mixed_op>(i));
      nlohmann::ordered_json o;
      o["count"] = json_d(static_cast<long long>(t.count));
      o["misses"] = json_d(static_cast<long long>(t.misses));
      o["average_latency"] = json_f(t.count ? t.total_latency / double(t.count) : 0.0);
      for (const auto& [label, q] : percentiles) o[label] = json_f(seconds(t.histogram.quantile(q)));
      o["max"] = json_f(seconds(t.histogram.max()));
      ops[std::string(mixed_op_names[i])] = std::move(o);
    }
    j["ops"] = std::move(ops);
    print_percentiles(std::cout, s, 24, json);
    return;
  }
  std::ostringstream o;
  o << "Total time run:         " << runtime << '\n'
    << "Total ops made:         " << s.finished << '\n'
    << "Average IOPS:           " << average_iops << '\n';
  for (std::size_t i = 0; i < mixed_op_count; ++i) {
    if (mix.weights[i] == 0) continue;
    const op_tally& t = run.tally(static_cast<mixed_op>(i));
    const double avg = t.count ? t.total_latency / double(t.count) : 0.0;
    o << mixed_op_names[i] << ": " << t.count << " ops, " << t.misses << " misses, avg/p50/p99/max latency (s): "
      << avg << '/' << seconds(t.histogram.quantile(0.5)) << '/' << seconds(t.histogram.quantile(0.99)) << '/'
      << seconds(t.histogram.max()) << '\n';
  }
  print_percentiles(o, s, 24, nullptr);
  std::cout << o.str() << std::flush;
}

}  // namespace

std::uint64_t op_mix::total() const noexcept {
  std::uint64_t sum = 0;
  for (const auto w : weights) sum += w;
  return sum;
}

result<op_mix> parse_mix(std::string_view text) {
  constexpr std::uint32_t max_weight = 1000000;
  op_mix mix;
  std::array<bool, mixed_op_count> seen{};
  std::size_t at = 0;
  for (;;) {
    const auto comma = text.find(',', at);
    const std::string_view pair = trim(text.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at));
    if (pair.empty()) return invalid("an empty entry (expected NAME=WEIGHT, e.g. put=40,get=60)");
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) return invalid(fmt::format("'{}' is not NAME=WEIGHT", pair));
    const std::string_view name = trim(pair.substr(0, eq));
    const std::string_view weight = trim(pair.substr(eq + 1));
    const auto known = std::find(mixed_op_names.begin(), mixed_op_names.end(), name);
    if (known == mixed_op_names.end())
      return invalid(fmt::format("unknown op '{}' (the ops are put, get, stat, delete and list)", name));
    const auto i = static_cast<std::size_t>(known - mixed_op_names.begin());
    if (seen[i]) return invalid(fmt::format("'{}' is given more than once", name));
    seen[i] = true;
    std::uint32_t w = 0;
    const auto [end, ec] = std::from_chars(weight.data(), weight.data() + weight.size(), w);
    if (weight.empty() || ec != std::errc() || end != weight.data() + weight.size() || w > max_weight)
      return invalid(fmt::format("the weight of '{}' must be a whole number from 0 to {}, not '{}'", name, max_weight,
                                 weight));
    mix.weights[i] = w;
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  if (mix.total() == 0) return invalid("no op has a positive weight");
  return mix;
}

weighted_chooser::weighted_chooser(const op_mix& mix) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < mixed_op_count; ++i) {
    sum += mix.weights[i];
    upto_[i] = sum;
  }
}

mixed_op weighted_chooser::pick(std::mt19937& rng) const {
  const std::uint64_t draw = std::uniform_int_distribution<std::uint64_t>(0, upto_.back() - 1)(rng);
  // The first op whose running sum exceeds the draw; ops of weight 0 never do.
  const auto i = static_cast<std::size_t>(std::upper_bound(upto_.begin(), upto_.end(), draw) - upto_.begin());
  return static_cast<mixed_op>(i);
}

asio::awaitable<result<int>> run_mixed(radosio::client& rados, ioctx io, mixed_options o) {
  const bench_options& c = o.common;
  if (c.concurrency <= 0) co_return invalid("-t must be at least 1");
  if (o.objects == 0 || o.objects > INT32_MAX) co_return invalid(fmt::format("--objects must be from 1 to {}", INT32_MAX));
  if (o.mix.total() == 0) co_return invalid("--mix: no op has a positive weight");
  const std::string prefix = run_prefix(static_cast<int>(::getpid()));
  const std::uint64_t prefill_bytes = o.objects * c.op_size;

  if (!c.ignore_space) {
    // As for write runs: refuse to take the cluster past nearfull. Puts only overwrite the
    // prefilled objects, so the prefill is all the run ever stores.
    if (auto space = co_await free_space(rados, io.pool_id())) {
      const double stored = double(prefill_bytes) * space->copies;
      if (stored > double(space->usable_bytes)) {
        std::cout << std::flush;
        fmt::print(stderr,
                   "rados-client: refusing to write: {} objects of {} bytes ({} stored with {:g} copies) would take "
                   "the cluster past 85% full; {} can still be written (--ignore-space to write anyway)\n",
                   o.objects, c.op_size, human_bytes(stored), space->copies, human_bytes(double(space->usable_bytes)));
        co_return 28;  // ENOSPC
      }
    }
  }

  nlohmann::ordered_json json;
  if (c.json) {
    json["concurrent_ios"] = json_d(c.concurrency);
    json["op_size"] = json_d(static_cast<long long>(c.op_size));
    json["objects"] = json_d(static_cast<long long>(o.objects));
    json["seconds_to_run"] = json_d(c.seconds);
    json["mix"] = mix_text(o.mix);
    json["object_prefix"] = prefix;
  } else {
    std::cout << "Prefilling " << o.objects << " objects of " << c.op_size << " bytes ..." << std::endl;
  }
  const op_pattern pattern(c.op_size);
  auto filled = co_await prefill(io, prefix, pattern, o.objects, c.concurrency);
  if (!filled) {
    if (c.json) std::cout << json.dump() << std::endl;
    const int status = bench_failure(filled.err());
    fmt::print(stderr, "rados-client: objects {}_object* may be left; `rados-client cleanup` removes them\n", prefix);
    co_return status;
  }
  if (!c.json) {
    const std::string stamp = c.show_time ? local_time_now() + " " : "";
    std::cout << stamp << "Maintaining " << c.concurrency << " concurrent ops (" << mix_text(o.mix) << ") on "
              << o.objects << " objects of " << c.op_size << " bytes for up to " << c.seconds << " seconds" << std::endl;
    std::cout << stamp << "Object prefix: " << prefix << std::endl;
  }

  mixed_run run(io, o, prefix);
  co_await run.run();
  auto& stats = run.stats();
  if (c.json) json["datas"] = std::move(run.table().lines());
  if (run.failure()) {
    if (c.json) std::cout << json.dump() << std::endl;
    const int status = bench_failure(*run.failure());
    fmt::print(stderr, "rados-client: objects {}_object* are left; `rados-client cleanup` removes them\n", prefix);
    co_return status;
  }
  print_mixed_summary(run, stats, o.mix, run.runtime(), c.json ? &json : nullptr);

  if (!c.hist_out.empty()) {
    if (auto saved = save_histogram(stats.histogram, c.hist_out); !saved) {
      if (c.json) std::cout << json.dump() << std::endl;
      co_return saved.err();
    }
  }
  if (c.cleanup) {
    if (!c.json) std::cout << "Cleaning up (deleting benchmark objects)" << std::endl;
    auto removed = co_await remove_objects(io, all_names(prefix, o.objects), c.concurrency);
    if (!removed) {
      if (c.json) std::cout << json.dump() << std::endl;
      co_return bench_failure(removed.err());
    }
    if (!c.json) print_removed(*removed);
  }
  if (c.json) std::cout << json.dump() << std::endl;
  if (run.verify_errors() > 0) {
    fmt::print(stderr, "error during benchmark: {} get(s) read back wrong data\nerror 5: {}\n", run.verify_errors(),
               errno_text(EIO));
    co_return 1;
  }
  co_return 0;
}

}  // namespace radosio::cli::bench
