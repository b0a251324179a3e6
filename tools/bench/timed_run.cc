#include "tools/bench/timed_run.h"

#include <boost/asio/this_coro.hpp>

#include <iostream>

namespace radosio::cli::bench {

namespace asio = boost::asio;

timed_run::timed_run(const bench_options& o) : o_(o), table_(std::cout, o.json, o.show_time) {}

asio::awaitable<void> timed_run::run() {
  auto ex = co_await asio::this_coro::executor;
  printer_timer_.emplace(ex);
  start_ = steady_clock::now();
  stop_ = start_ + std::chrono::seconds(o_.seconds);
  workers_left_ = o_.concurrency;
  co_await run_concurrently(o_.concurrency + 1, [this](int i) {
    return i == 0 ? print_status_each_second(table_, stats_, *printer_timer_, start_, done_) : worker();
  });
  table_.finish(stats_, runtime());
}

bool timed_run::may_start(steady_clock::time_point intended) {
  if (failure_) return false;
  if (!may_start_more()) return false;
  if (o_.seconds == 0) return stats_.started < o_.concurrency;  // as rados bench: one round
  return intended < stop_;
}

asio::awaitable<void> timed_run::worker() {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer pace(ex);
  for (;;) {
    // With --rate an op's latency counts from when it was due (no coordinated omission).
    const steady_clock::time_point intended = op_due(start_, stats_.started, o_.rate);
    if (!may_start(intended)) break;
    const int n = stats_.started;
    ++stats_.started;
    ++stats_.in_flight;
    co_await sleep_until(pace, intended);
    const steady_clock::time_point began = o_.rate > 0 ? intended : steady_clock::now();
    const status done = co_await one_op(n, began);
    const double latency = seconds_between(began, steady_clock::now());
    --stats_.in_flight;
    if (!done) {
      if (!failure_) failure_ = done.err();
      break;
    }
    stats_.record(latency);
  }
  if (--workers_left_ == 0) {
    end_ = steady_clock::now();
    done_ = true;
    printer_timer_->cancel();
  }
}

}  // namespace radosio::cli::bench
