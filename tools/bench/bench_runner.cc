#include "tools/bench/bench_runner.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <iostream>
#include <map>
#include <optional>
#include <random>

#include "monclient/mon_client.h"
#include "osdc/objecter.h"
#include "tools/bench/bench_objects.h"
#include "tools/bench/timed_run.h"
#include "tools/commands/object_common.h"

namespace radosio::cli::bench {
namespace {

namespace asio = boost::asio;
using steady = std::chrono::steady_clock;

}  // namespace

steady::time_point op_due(steady::time_point start, int n, double rate) {
  if (rate <= 0) return steady::now();
  return start + std::chrono::duration_cast<steady::duration>(std::chrono::duration<double>(n / rate));
}

asio::awaitable<void> sleep_until(asio::steady_timer& timer, steady::time_point when) {
  if (when <= steady::now()) co_return;
  timer.expires_at(when);
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<void> print_status_each_second(status_table& table, bench_stats& stats, asio::steady_timer& timer,
                                               steady::time_point start, const bool& done) {
  for (int i = 0; !done; ++i) {
    table.tick(stats, seconds_between(start, steady::now()));
    timer.expires_at(start + std::chrono::seconds(i + 1));
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

int bench_failure(const error& e) {
  const int err = failure_errno(e);
  std::cout << std::flush;
  fmt::print(stderr, "error during benchmark: {}\nerror {}: {}\n", e.what(), err, errno_text(err));
  return 1;
}

namespace {

error enoent(std::string what) { return error{std::make_error_code(std::errc::no_such_file_or_directory), std::move(what)}; }

// ---- what a run does ----

struct run_plan {
  std::string prefix;  // the run's object prefix (with the pid)
  std::uint64_t op_size = 0;
  std::uint64_t object_size = 0;
  std::uint64_t writes_per_object = 1;
  int op_limit = INT_MAX;  // ops to start at most
  int rand_range = 0;      // rand: ops of the written run to pick from
};

// The write, seq and rand modes: op n writes or reads slot n (rand: a random slot of the
// written run) of the run's objects.
class bench_run final : public timed_run {
 public:
  bench_run(ioctx io, const bench_options& o, run_plan plan)
      : timed_run(o), io_(std::move(io)), plan_(std::move(plan)), pattern_(plan_.op_size), rng_(std::random_device{}()) {
    stats_.op_size = plan_.op_size;
    stats_.object_size = plan_.object_size;
  }

  [[nodiscard]] bool stopped_for_space() const noexcept { return stopped_for_space_; }
  void limit_ops_for_space(int ops) {
    if (ops < plan_.op_limit) {
      plan_.op_limit = ops;
      space_limited_ = true;
    }
  }

 private:
  [[nodiscard]] bool may_start_more() override {
    if (stats_.started < plan_.op_limit) return true;
    if (space_limited_) stopped_for_space_ = true;
    return false;
  }

  asio::awaitable<status> one_op(int n, steady::time_point) override {
    const int index = o_.mode == bench_mode::rand ? std::uniform_int_distribution<int>(0, plan_.rand_range - 1)(rng_) : n;
    const std::uint64_t object_number = static_cast<std::uint64_t>(index) / plan_.writes_per_object;
    const std::uint64_t offset = plan_.op_size * (static_cast<std::uint64_t>(index) % plan_.writes_per_object);
    std::string oid = object_name(plan_.prefix, object_number);
    if (o_.mode == bench_mode::write) {
      write_op op = make_write(index, offset);
      co_return co_await io_.operate(oid, std::move(op));
    }
    auto got = co_await io_.read(oid, offset, plan_.op_size);
    if (!got) co_return got.err();
    if (o_.verify && !pattern_.matches(index, *got)) {
      std::cout << std::flush;
      std::cerr << oid << " is not correct!" << std::endl;
      ++verify_errors_;
    }
    co_return ok_status();
  }

  [[nodiscard]] write_op make_write(int index, std::uint64_t offset) const {
    write_op op;
    const buffer_list bytes = pattern_.bytes_of(index);
    const bool to_object = o_.to_object || (!o_.to_omap && !o_.to_xattr);
    if (to_object) {
      if (o_.hints)
        op.set_alloc_hint(plan_.object_size, plan_.op_size,
                          alloc_hint_flag::sequential_write | alloc_hint_flag::sequential_read |
                              alloc_hint_flag::append_only | alloc_hint_flag::immutable);
      op.write(offset, bytes);
    }
    if (o_.to_omap) {
      std::map<std::string, buffer_list> values;
      values.emplace(fmt::format("bench-omap-key-{}", offset), bytes);
      op.omap_set(values);
    }
    if (o_.to_xattr) op.set_xattr(fmt::format("bench-xattr-key-{}", static_cast<int>(offset)), bytes);
    return op;
  }

  ioctx io_;
  run_plan plan_;
  op_pattern pattern_;
  std::mt19937 rng_;
  bool space_limited_ = false;
  bool stopped_for_space_ = false;
};

// ---- metadata and removal ----

asio::awaitable<result<run_metadata>> fetch_metadata(ioctx& io, const std::string& name) {
  auto bytes = co_await io.read(name, 0, 24);
  if (!bytes) co_return bytes.err();
  auto m = decode_metadata(*bytes);
  if (!m && m.err().code == std::errc::no_such_file_or_directory) co_return enoent(fmt::format("{} is empty", name));
  co_return m;
}

}  // namespace

asio::awaitable<result<std::uint64_t>> remove_objects(ioctx& io, std::vector<std::string> names, int concurrency) {
  std::size_t next = 0;
  std::uint64_t removed = 0;
  std::optional<error> failure;
  const int workers = static_cast<int>(std::min<std::size_t>(std::max(concurrency, 1), std::max<std::size_t>(names.size(), 1)));
  co_await run_concurrently(workers, [&](int) -> asio::awaitable<void> {
    while (!failure && next < names.size()) {
      std::string oid = names[next++];
      auto gone = co_await io.remove(oid);
      if (!gone && gone.err().code != std::errc::no_such_file_or_directory) {
        if (!failure) failure = gone.err();
        break;
      }
      ++removed;
    }
  });
  if (failure) co_return *failure;
  co_return removed;
}

namespace {

std::vector<std::string> run_object_names(const run_metadata& m) {
  std::vector<std::string> names;
  const std::string prefix = run_prefix(m.pid);
  const auto n = m.objects();
  names.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) names.push_back(object_name(prefix, i));
  return names;
}

}  // namespace

void print_removed(std::uint64_t n) { std::cout << "Removed " << n << " object" << (n != 1 ? "s" : "") << std::endl; }

namespace {

// ---- keeping a write run inside the cluster's free space ----

// Copies each byte is stored as (replicas, or (k+m)/k for erasure-coded pools).
double stored_copies(radosio::client& rados, std::int64_t pool_id) {
  const auto map = rados.objects().map();
  const auto* pool = map ? map->pool(pool_id) : nullptr;
  if (!pool) return 1;
  if (pool->type == pool_type::erasure) {
    const auto& profiles = map->erasure_code_profiles();
    const auto p = profiles.find(pool->erasure_code_profile);
    if (p != profiles.end()) {
      const auto k = p->second.find("k");
      const auto m = p->second.find("m");
      if (k != p->second.end() && m != p->second.end()) {
        const double kk = std::atof(k->second.c_str());
        const double mm = std::atof(m->second.c_str());
        if (kk > 0) return (kk + mm) / kk;
      }
    }
    return 2;
  }
  return std::max<double>(pool->size, 1);
}

}  // namespace

asio::awaitable<std::optional<space_budget>> free_space(radosio::client& rados, std::int64_t pool_id) {
  auto st = co_await rados.monitors().statfs();
  if (!st || st->kb == 0) co_return std::nullopt;
  space_budget b;
  const double limit = double(st->kb) * 1024 * 0.85;
  const double used = double(st->kb_used) * 1024;
  b.usable_bytes = limit > used ? static_cast<std::uint64_t>(limit - used) : 0;
  b.copies = stored_copies(rados, pool_id);
  co_return b;
}

std::string human_bytes(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  int u = 0;
  while (bytes >= 1024 && u < 5) {
    bytes /= 1024;
    ++u;
  }
  return fmt::format("{:.1f} {}", bytes, units[u]);
}

asio::awaitable<result<int>> run_bench(radosio::client& rados, ioctx io, bench_options o) {
  if (o.concurrency <= 0) co_return error{std::make_error_code(std::errc::invalid_argument), "-t must be at least 1"};
  if (o.object_size == 0) o.object_size = o.op_size;
  const std::string meta_name = o.run_name.empty() ? std::string(default_run_name) : o.run_name;

  run_plan plan;
  plan.op_size = o.op_size;
  plan.object_size = o.object_size;
  int previous_pid = 0;
  if (o.mode != bench_mode::write || o.reuse_bench) {
    auto m = co_await fetch_metadata(io, meta_name);
    std::cout << "hints = " << (o.hints ? 1 : 0) << std::endl;
    if (!m) {
      if (m.err().code == std::errc::no_such_file_or_directory)
        std::cerr << (o.reuse_bench ? "Must write data before using reuse_bench for a write benchmark!"
                                    : "Must write data before running a read benchmark!")
                  << std::endl;
      co_return bench_failure(m.err());
    }
    plan.op_size = m->op_size;
    plan.object_size = m->object_size;
    previous_pid = m->pid;
    if (o.mode == bench_mode::seq) plan.op_limit = m->ops;
    plan.rand_range = m->ops;
    if (o.mode != bench_mode::write && m->ops <= 0) {
      std::cerr << "the run in " << meta_name << " wrote nothing to read" << std::endl;
      co_return bench_failure(enoent(meta_name + " records no ops"));
    }
  } else {
    std::cout << "hints = " << (o.hints ? 1 : 0) << std::endl;
  }
  if (plan.op_size == 0 || plan.op_size > plan.object_size) {
    co_return error{std::make_error_code(std::errc::invalid_argument),
                    fmt::format("op size {} must be between 1 and the object size {}", plan.op_size, plan.object_size)};
  }
  plan.writes_per_object = plan.object_size / plan.op_size;
  plan.prefix = run_prefix(previous_pid ? previous_pid : static_cast<int>(::getpid()));

  nlohmann::ordered_json json;
  if (o.mode == bench_mode::write) {
    if (o.max_objects) {
      const std::uint64_t ops = (plan.object_size * o.max_objects + plan.op_size - 1) / plan.op_size;
      plan.op_limit = static_cast<int>(std::min<std::uint64_t>(ops, INT_MAX));
    }
    if (o.json) {
      json["concurrent_ios"] = json_d(o.concurrency);
      json["object_size"] = json_d(static_cast<long long>(plan.object_size));
      json["op_size"] = json_d(static_cast<long long>(plan.op_size));
      json["seconds_to_run"] = json_d(o.seconds);
      json["max_objects"] = json_d(o.max_objects);
      json["object_prefix"] = plan.prefix;
    } else {
      std::cout << (o.show_time ? local_time_now() + " " : "") << "Maintaining " << o.concurrency
                << " concurrent writes of " << plan.op_size << " bytes to objects of size " << plan.object_size
                << " for up to " << o.seconds << " seconds or " << o.max_objects << " objects" << std::endl;
      std::cout << (o.show_time ? local_time_now() + " " : "") << "Object prefix: " << plan.prefix << std::endl;
    }
  }

  bench_run run(io, o, plan);
  if (o.mode == bench_mode::write && !o.ignore_space) {
    // rados bench writes until the time is up, full cluster or not; we refuse to fill one.
    if (auto space = co_await free_space(rados, io.pool_id())) {
      const double per_op = double(plan.op_size) * space->copies;
      const auto ops_that_fit = static_cast<std::uint64_t>(double(space->usable_bytes) / per_op);
      const std::uint64_t planned = plan.op_limit == INT_MAX ? 0 : static_cast<std::uint64_t>(plan.op_limit);
      if ((planned && planned > ops_that_fit) || ops_that_fit < static_cast<std::uint64_t>(o.concurrency)) {
        std::cout << std::flush;
        fmt::print(stderr,
                   "rados-client: refusing to write: {} op(s) of {} bytes ({} stored with {:g} copies) would take "
                   "the cluster past 85% full; {} can still be written (--ignore-space to write anyway)\n",
                   planned ? planned : static_cast<std::uint64_t>(o.concurrency), plan.op_size,
                   human_bytes(double(planned ? planned : o.concurrency) * per_op), space->copies,
                   human_bytes(double(space->usable_bytes)));
        co_return 28;  // ENOSPC
      }
      run.limit_ops_for_space(static_cast<int>(std::min<std::uint64_t>(ops_that_fit, INT_MAX)));
    }
  }

  co_await run.run();
  auto& stats = run.stats();
  if (o.json) json["datas"] = std::move(run.table().lines());
  if (run.failure()) {
    if (o.json) std::cout << json.dump() << std::endl;
    co_return bench_failure(*run.failure());
  }
  if (run.stopped_for_space())
    fmt::print(stderr, "rados-client: stopped after {} writes: more would take the cluster past 85% full\n",
               stats.finished);

  const double runtime = run.runtime();
  if (o.mode == bench_mode::write)
    print_write_summary(std::cout, stats, runtime, o.json ? &json : nullptr);
  else
    print_read_summary(std::cout, stats, runtime, o.json ? &json : nullptr);

  if (!o.hist_out.empty()) {
    if (auto saved = save_histogram(stats.histogram, o.hist_out); !saved) {
      if (o.json) std::cout << json.dump() << std::endl;
      co_return saved.err();
    }
  }

  int exit_status = 0;
  if (o.mode == bench_mode::write) {
    run_metadata m;
    m.object_size = plan.object_size;
    m.ops = stats.finished;
    m.pid = previous_pid ? previous_pid : static_cast<int>(::getpid());
    m.op_size = plan.op_size;
    auto saved = co_await io.write_full(meta_name, encode_metadata(m));
    if (!saved) {
      if (o.json) std::cout << json.dump() << std::endl;
      co_return bench_failure(saved.err());
    }
    if (o.cleanup) {
      const auto began = steady::now();
      if (!o.json) std::cout << "Cleaning up (deleting benchmark objects)" << std::endl;
      auto removed = co_await remove_objects(io, run_object_names(m), o.concurrency);
      if (!removed) {
        if (o.json) std::cout << json.dump() << std::endl;
        co_return bench_failure(removed.err());
      }
      if (!o.json) {
        print_removed(*removed);
        std::cout << "Clean up completed and total clean up time :" << seconds_between(began, steady::now())
                  << std::endl;
      }
      auto gone = co_await io.remove(meta_name);
      if (!gone) {
        if (o.json) std::cout << json.dump() << std::endl;
        co_return bench_failure(gone.err());
      }
    }
  } else if (run.verify_errors() > 0) {
    exit_status = 1;
  }
  if (o.json) std::cout << json.dump() << std::endl;
  if (exit_status) {
    fmt::print(stderr, "error during benchmark: {} op(s) read back wrong data\nerror 5: {}\n", run.verify_errors(),
               errno_text(EIO));
  }
  co_return exit_status;
}

asio::awaitable<result<int>> run_cleanup(ioctx io, cleanup_options o) {
  const std::string meta_name = o.run_name.empty() ? std::string(default_run_name) : o.run_name;
  const std::string prefix = o.prefix.empty() ? host_prefix() : o.prefix;
  if (!prefix.starts_with(object_prefix_root)) {
    std::cerr << "Specified --prefix invalid, it must begin with \"" << object_prefix_root << "\"" << std::endl;
    co_return 1;
  }
  // One pass over the pool: is the metadata there, and which objects carry the prefix.
  bool has_metadata = false;
  std::vector<std::string> matching;
  list_cursor cursor;
  while (!cursor.at_end()) {
    auto page = co_await io.list(cursor, 1024);
    if (!page) co_return bench_failure(page.err());
    for (const auto& e : page->entries) {
      if (e.name == meta_name) has_metadata = true;
      if (e.name.starts_with(prefix)) matching.push_back(e.name);
    }
    cursor = std::move(page->next);
  }
  if (matching.empty()) co_return 0;  // nothing of ours here (rados then prints nothing either)
  if (has_metadata) {
    auto m = co_await fetch_metadata(io, meta_name);
    if (!m) co_return bench_failure(m.err());
    auto removed = co_await remove_objects(io, run_object_names(*m), o.concurrency);
    if (!removed) co_return bench_failure(removed.err());
    print_removed(*removed);
    auto gone = co_await io.remove(meta_name);
    if (!gone) co_return bench_failure(gone.err());
    co_return 0;
  }
  std::cout << "Warning: using slow linear search" << std::endl;
  auto removed = co_await remove_objects(io, std::move(matching), o.concurrency);
  if (!removed) co_return bench_failure(removed.err());
  print_removed(*removed);
  co_return 0;
}

}  // namespace radosio::cli::bench
