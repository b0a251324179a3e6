// `bench` (rados bench's syntax and output, plus percentiles, histograms and a fixed rate),
// `cleanup` (removes what bench runs left) and `bench-hist` (merges histogram files).

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "tools/bench/bench_runner.h"
#include "tools/bench/latency_histogram.h"
#include "tools/bench/mixed_workload.h"
#include "tools/cli/runner.h"
#include "tools/commands/commands.h"
#include "tools/commands/object_common.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;

struct bench_args {
  int seconds = 0;
  std::string mode;
  int concurrency = 16;
  std::string op_size = "4194304";
  std::string object_size;
  unsigned max_objects = 0;
  bool no_cleanup = false;
  std::string run_name;
  bool no_hints = false;
  bool reuse_bench = false;
  bool show_time = false;
  bool no_verify = false;
  bool write_object = false;
  bool write_omap = false;
  bool write_xattr = false;
  std::string hist_out;
  double rate = 0;
  bool ignore_space = false;
  std::string mix{bench::default_mix};  // mixed only
  std::uint64_t objects = 1000;          // mixed only
};

result<bench::bench_options> to_options(const bench_args& a, const global_options& g) {
  bench::bench_options o;
  if (a.mode == "write")
    o.mode = bench::bench_mode::write;
  else if (a.mode == "seq")
    o.mode = bench::bench_mode::seq;
  else if (a.mode == "rand")
    o.mode = bench::bench_mode::rand;
  else if (a.mode != "mixed")  // mixed: the common options here, the rest in to_mixed_options
    return error{std::make_error_code(std::errc::invalid_argument),
                 fmt::format("unknown bench mode '{}': write, seq, rand or mixed", a.mode)};
  if (a.seconds < 0) return error{std::make_error_code(std::errc::invalid_argument), "seconds must not be negative"};
  auto op = strict_iecstrtoll(a.op_size);
  if (!op) return error{op.err().code, fmt::format("-b {}: {}", a.op_size, op.err().what())};
  o.op_size = *op;
  if (!a.object_size.empty()) {
    auto obj = strict_iecstrtoll(a.object_size);
    if (!obj) return error{obj.err().code, fmt::format("-O {}: {}", a.object_size, obj.err().what())};
    o.object_size = *obj;
  }
  if (o.op_size == 0) return error{std::make_error_code(std::errc::invalid_argument), "-b must be at least 1 byte"};
  if (a.rate < 0) return error{std::make_error_code(std::errc::invalid_argument), "--rate must not be negative"};
  o.seconds = a.seconds;
  o.concurrency = a.concurrency;
  o.max_objects = a.max_objects;
  o.cleanup = !a.no_cleanup;
  o.run_name = a.run_name;
  o.hints = !a.no_hints;
  o.reuse_bench = a.reuse_bench;
  o.show_time = a.show_time;
  o.verify = !a.no_verify;
  o.to_object = a.write_object;
  o.to_omap = a.write_omap;
  o.to_xattr = a.write_xattr;
  o.hist_out = a.hist_out;
  o.rate = a.rate;
  o.ignore_space = a.ignore_space;
  o.json = g.parsed_format() != output_format::plain;
  return o;
}

// Mixed mode: --mix and --objects, and none of the options that only make sense for rados
// bench's object layout (a run's metadata, several ops per object, omap/xattr writes).
result<bench::mixed_options> to_mixed_options(const bench_args& a, const global_options& g, const CLI::App& cmd) {
  for (const char* only_rados : {"-O", "--max-objects", "--run-name", "--reuse-bench", "--write-object",
                                 "--write-omap", "--write-xattr"}) {
    if (cmd.count(only_rados) > 0)
      return error{std::make_error_code(std::errc::invalid_argument),
                   fmt::format("{} does not apply to mode mixed", only_rados)};
  }
  auto common = to_options(a, g);
  if (!common) return common.err();
  auto mix = bench::parse_mix(a.mix);
  if (!mix) return error{mix.err().code, fmt::format("--mix '{}': {}", a.mix, mix.err().what())};
  if (a.objects == 0) return error{std::make_error_code(std::errc::invalid_argument), "--objects must be at least 1"};
  bench::mixed_options o;
  o.common = std::move(*common);
  o.mix = *mix;
  o.objects = a.objects;
  return o;
}

void add_bench(CLI::App& app, global_options& options, int& exit_status) {
  auto a = std::make_shared<bench_args>();
  auto* cmd = app.add_subcommand(
      "bench",
      "benchmark the pool as `rados bench` does (same output, objects and metadata), plus latency percentiles");
  cmd->add_option("seconds", a->seconds, "how long to run")->required();
  cmd->add_option("mode", a->mode,
                  "write, seq (read back a write run in order), rand, or mixed (puts, gets, stats, deletes and "
                  "listings over --objects objects in --mix proportions)")
      ->required();
  cmd->add_option("-t,--concurrent-ios", a->concurrency, "ops in flight (default 16)");
  cmd->add_option("-b", a->op_size, "bytes per op, e.g. 4096 or 4K (default 4M)");
  cmd->add_option("-O", a->object_size, "object size: several ops per object when larger (default: the op size)");
  cmd->add_option("--max-objects", a->max_objects, "stop a write run after this many objects");
  cmd->add_flag("--no-cleanup", a->no_cleanup, "keep the objects a write run made (for seq/rand)");
  cmd->add_option("--run-name", a->run_name, "the run's metadata object (default benchmark_last_metadata)");
  cmd->add_flag("--no-hints", a->no_hints, "send no allocation hint with writes");
  cmd->add_flag("--reuse-bench", a->reuse_bench, "write over the objects of the last run");
  cmd->add_flag("--show-time", a->show_time, "prefix lines with the date and time");
  cmd->add_flag("--no-verify", a->no_verify, "do not check what reads return");
  cmd->add_flag("--write-object", a->write_object, "writes go to the objects' data (default)");
  cmd->add_flag("--write-omap", a->write_omap, "writes go to an omap key of each object");
  cmd->add_flag("--write-xattr", a->write_xattr, "writes go to an xattr of each object");
  cmd->add_option("--hist-out", a->hist_out,
                  "save the latency histogram to this file (JSON; files from several runs merge with bench-hist)");
  cmd->add_option("--rate", a->rate,
                  "start this many ops per second instead of as many as -t allows; latency counts from each op's "
                  "scheduled start");
  cmd->add_flag("--ignore-space", a->ignore_space,
                "write even when the run would take the cluster past 85% full");
  cmd->add_option("--mix", a->mix,
                  "mixed: op weights as NAME=WEIGHT,... of put, get, stat, delete, list; ops left out weigh 0 "
                  "(default put=40,get=40,stat=10,delete=5,list=5)");
  cmd->add_option("--objects", a->objects, "mixed: how many objects the ops pick from, prefilled first (default 1000)");
  cmd->callback([&, a, cmd] {
    if (a->mode == "mixed") {
      auto m = to_mixed_options(*a, options, *cmd);
      if (!m) {
        fmt::print(stderr, "rados-client bench: {}\n", m.err().what());
        exit_status = 1;
        return;
      }
      exit_status = run_object_command(options, [&, m = *m](object_context& ctx) -> asio::awaitable<result<int>> {
        auto io = co_await open_object_pool(ctx);
        if (!io) co_return 1;
        co_return co_await bench::run_mixed(ctx.rados, *io, m);
      });
      return;
    }
    if (cmd->count("--mix") > 0 || cmd->count("--objects") > 0) {
      fmt::print(stderr, "rados-client bench: --mix and --objects apply to mode mixed only\n");
      exit_status = 1;
      return;
    }
    auto o = to_options(*a, options);
    if (!o) {
      fmt::print(stderr, "rados-client bench: {}\n", o.err().what());
      exit_status = 1;
      return;
    }
    exit_status = run_object_command(options, [&, o = *o](object_context& ctx) -> asio::awaitable<result<int>> {
      auto io = co_await open_object_pool(ctx);
      if (!io) co_return 1;
      co_return co_await bench::run_bench(ctx.rados, *io, o);
    });
  });
}

void add_cleanup(CLI::App& app, global_options& options, int& exit_status) {
  auto o = std::make_shared<bench::cleanup_options>();
  auto* cmd = app.add_subcommand("cleanup", "remove the objects bench runs left, as `rados cleanup`");
  cmd->add_option("--run-name", o->run_name, "the run's metadata object (default benchmark_last_metadata)");
  cmd->add_option("--prefix", o->prefix, "remove every object starting with this (must start with benchmark_data)");
  cmd->add_option("-t,--concurrent-ios", o->concurrency, "removes in flight (default 16)");
  cmd->callback([&, o] {
    exit_status = run_object_command(options, [&, o](object_context& ctx) -> asio::awaitable<result<int>> {
      auto io = co_await open_object_pool(ctx);
      if (!io) co_return 1;
      co_return co_await bench::run_cleanup(*io, *o);
    });
  });
}

void add_bench_hist(CLI::App& app, global_options& options, int& exit_status) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto out = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("bench-hist",
                                 "merge latency histograms saved by `bench --hist-out` and print their percentiles");
  cmd->add_option("files", *files, "histogram files")->required();
  cmd->add_option("--hist-out", *out, "also save the merged histogram here");
  cmd->callback([&, files, out] {
    bench::latency_histogram merged;
    for (const auto& f : *files) {
      auto h = bench::load_histogram(f);
      if (!h) {
        fmt::print(stderr, "rados-client bench-hist: {}\n", h.err().what());
        exit_status = 1;
        return;
      }
      merged.merge(*h);
    }
    if (!out->empty()) {
      if (auto saved = bench::save_histogram(merged, *out); !saved) {
        fmt::print(stderr, "rados-client bench-hist: {}\n", saved.err().what());
        exit_status = 1;
        return;
      }
    }
    const auto s = [](std::uint64_t ns) { return double(ns) / 1e9; };
    if (options.parsed_format() != output_format::plain) {
      nlohmann::ordered_json j;
      j["files"] = files->size();
      j["count"] = merged.count();
      j["min"] = s(merged.min());
      j["mean"] = merged.mean() / 1e9;
      for (const auto& [label, q] : bench::percentiles) j[label] = s(merged.quantile(q));
      j["max"] = s(merged.max());
      fmt::print("{}\n", j.dump(options.parsed_format() == output_format::json_pretty ? 4 : -1));
    } else {
      std::cout << "Files merged:         " << files->size() << '\n'
                << "Latencies:            " << merged.count() << '\n'
                << "Min latency(s):       " << s(merged.min()) << '\n'
                << "Average Latency(s):   " << merged.mean() / 1e9 << '\n';
      for (const auto& [label, q] : bench::percentiles) {
        const std::string l = fmt::format("Latency {}(s):", label);
        std::cout << l << std::string(22 - l.size(), ' ') << s(merged.quantile(q)) << '\n';
      }
      std::cout << "Max latency(s):       " << s(merged.max()) << std::endl;
    }
    exit_status = 0;
  });
}

}  // namespace

void add_bench_commands(CLI::App& app, global_options& options, int& exit_status) {
  add_bench(app, options, exit_status);
  add_cleanup(app, options, exit_status);
  add_bench_hist(app, options, exit_status);
}

}  // namespace radosio::cli
