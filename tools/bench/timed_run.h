#pragma once
// The timed phase every bench mode shares: `concurrency` workers (coroutines on the client's
// one thread) each keep one op in flight until the time is up, or with --rate until the next
// op would be due after it; a status coroutine prints the table once a second; the first
// failure stops every worker. A mode supplies only its op (`one_op`) and, if it has one, a
// limit of its own (`may_start_more`).

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <optional>

#include "radosio/result.h"
#include "tools/bench/bench_report.h"
#include "tools/bench/bench_runner.h"

namespace radosio::cli::bench {

class timed_run {
 public:
  explicit timed_run(const bench_options& o);
  virtual ~timed_run() = default;
  timed_run(const timed_run&) = delete;
  timed_run& operator=(const timed_run&) = delete;

  // Runs the workers and the status line to the end and prints the table's last line.
  boost::asio::awaitable<void> run();

  [[nodiscard]] double runtime() const { return seconds_between(start_, end_); }
  [[nodiscard]] bench_stats& stats() noexcept { return stats_; }
  [[nodiscard]] status_table& table() noexcept { return table_; }
  [[nodiscard]] const std::optional<error>& failure() const noexcept { return failure_; }
  [[nodiscard]] int verify_errors() const noexcept { return verify_errors_; }

 protected:
  // Op number `n` (0, 1, ... in the order they start), begun at `began` (with --rate, when it
  // was due). A failure ends the run; a verify error is counted by the mode itself.
  virtual boost::asio::awaitable<status> one_op(int n, steady_clock::time_point began) = 0;
  // A mode's own reason to start no more ops (consulted after the time and the failure).
  [[nodiscard]] virtual bool may_start_more() { return true; }

  const bench_options& o_;
  bench_stats stats_;
  int verify_errors_ = 0;

 private:
  [[nodiscard]] bool may_start(steady_clock::time_point intended);
  boost::asio::awaitable<void> worker();

  status_table table_;
  std::optional<boost::asio::steady_timer> printer_timer_;
  steady_clock::time_point start_;
  steady_clock::time_point stop_;
  steady_clock::time_point end_;
  int workers_left_ = 0;
  bool done_ = false;
  std::optional<error> failure_;
};

}  // namespace radosio::cli::bench
