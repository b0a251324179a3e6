#pragma once
// `rados-client bench` and `cleanup`: the run itself. Every op is a coroutine on the
// client's one thread: `concurrency` workers each keep one op in flight, a status coroutine
// prints the table once a second, nothing locks and nothing waits on a condition variable.

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <string>

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

}  // namespace radosio::cli::bench
