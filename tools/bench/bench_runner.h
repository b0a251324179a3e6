#pragma once
// `rados-client bench` and `cleanup`: the run itself. Every op is a coroutine on the
// client's one thread: `concurrency` workers each keep one op in flight, a status coroutine
// prints the table once a second, nothing locks and nothing waits on a condition variable.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "radosio/client.h"
#include "radosio/ioctx.h"
#include "radosio/result.h"
#include "tools/bench/bench_report.h"

namespace radosio::cli::bench {

struct bench_options {
  bench_mode mode = bench_mode::write;
  int seconds = 0;
  int concurrency = 16;
  std::uint64_t op_size = 4 << 20;
  std::uint64_t object_size = 0;  // 0: the op size
  unsigned max_objects = 0;       // 0: no limit
  bool cleanup = true;
  std::string run_name;           // the metadata object; empty: benchmark_last_metadata
  bool reuse_bench = false;       // write over the objects of the run in the metadata
  bool hints = true;              // an allocation hint with every write
  bool verify = true;             // check what reads return
  bool show_time = false;
  bool json = false;
  // Where each write goes (rados's --write-object/--write-omap/--write-xattr); none given:
  // the object's data.
  bool to_object = false;
  bool to_omap = false;
  bool to_xattr = false;
  // Beyond rados bench.
  std::string hist_out;           // the latency histogram, mergeable (bench-hist)
  double rate = 0;                // fixed ops/s; latency counted from each op's intended start
  bool ignore_space = false;      // skip the check that a write run fits in the cluster
};

// Runs the benchmark on `io` and prints as rados bench prints; returns the exit status.
boost::asio::awaitable<result<int>> run_bench(radosio::client& rados, ioctx io, bench_options options);

struct cleanup_options {
  std::string run_name;  // empty: benchmark_last_metadata
  std::string prefix;    // empty: benchmark_data_<host>
  int concurrency = 16;
};

// Removes what bench runs left, as `rados cleanup` does: by the run's metadata where there
// is one, else every object whose name starts with the prefix.
boost::asio::awaitable<result<int>> run_cleanup(ioctx io, cleanup_options options);

// ---- building blocks, shared with the mixed workload (mixed_workload.cc) ----

// Runs make(0) .. make(n-1) side by side and returns when all have ended.
template <class MakeTask>
boost::asio::awaitable<void> run_concurrently(int n, MakeTask make) {
  namespace asio = boost::asio;
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer all_done(ex, std::chrono::steady_clock::time_point::max());
  int left = n;
  for (int i = 0; i < n; ++i)
    asio::co_spawn(ex, make(i), [&](std::exception_ptr) {
      if (--left == 0) all_done.cancel();
    });
  if (left > 0) {
    boost::system::error_code ec;
    co_await all_done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

using steady_clock = std::chrono::steady_clock;

inline double seconds_between(steady_clock::time_point a, steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// When op `n` (0, 1, ...) of a run that began at `start` is due: now, or with a fixed `rate`
// (ops/s) at start + n / rate. With a rate, an op's latency counts from then, so a slow
// cluster shows as latency instead of as fewer ops (no coordinated omission).
steady_clock::time_point op_due(steady_clock::time_point start, int n, double rate);
// Waits on `timer` until `when`, if that is still ahead.
boost::asio::awaitable<void> sleep_until(boost::asio::steady_timer& timer, steady_clock::time_point when);
// The table line at start, start + 1 s, start + 2 s, ... until `done` is set (whoever sets it
// cancels `timer`).
boost::asio::awaitable<void> print_status_each_second(status_table& table, bench_stats& stats,
                                                      boost::asio::steady_timer& timer,
                                                      steady_clock::time_point start, const bool& done);

// rados prints a failed benchmark as "error during benchmark: WHAT\nerror N: (N) text";
// returns the exit status (1).
int bench_failure(const error& e);

// Removes `names` with `concurrency` in flight; a missing object is no failure. Returns how
// many removes were made.
boost::asio::awaitable<result<std::uint64_t>> remove_objects(ioctx& io, std::vector<std::string> names,
                                                             int concurrency);
// "Removed N objects", as rados's cleanup prints it.
void print_removed(std::uint64_t n);

struct space_budget {
  std::uint64_t usable_bytes = 0;  // what may still be written before the cluster is 85% full (raw)
  double copies = 1;               // copies each byte is stored as in the pool
};
// What may be written (raw) before the cluster reaches 85% use (Ceph's nearfull ratio); none
// when the cluster does not report its size (no mgr).
boost::asio::awaitable<std::optional<space_budget>> free_space(radosio::client& rados, std::int64_t pool_id);
// "4.0 MiB".
std::string human_bytes(double bytes);

}  // namespace radosio::cli::bench
