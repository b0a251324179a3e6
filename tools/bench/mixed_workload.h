#pragma once
// `rados-client bench SECONDS mixed`: a workload of puts, gets, stats, deletes and listings in
// chosen proportions over a fixed set of objects, which rados bench cannot produce (its modes
// each do one kind of op). It runs like the other modes (workers as coroutines on the
// client's thread, the same once-a-second table, --rate with latency from the intended start)
// and reports each kind of op apart, because their latencies differ by orders of magnitude
// and one overall average would hide them.
//
//   objects: <run prefix>_object<k>, k in [0, --objects), prefilled (not timed) before the run
//            so that gets and stats find them; op k of the pattern is object k's content.
//   ops:     put = write_full, get = read of the whole object, stat, delete = remove,
//            list = one page of up to 100 entries from the start of the pool. A get, stat or
//            delete of an object a delete removed answers ENOENT: counted as a miss (the op
//            still counts, with its latency), not as an error; a later put recreates it.

#include <boost/asio/awaitable.hpp>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "radosio/client.h"
#include "radosio/ioctx.h"
#include "radosio/result.h"
#include "tools/bench/bench_runner.h"

namespace radosio::cli::bench {

enum class mixed_op { put, get, stat, remove, list };
inline constexpr std::size_t mixed_op_count = 5;
// The names --mix and the report use, in enum order.
inline constexpr std::array<std::string_view, mixed_op_count> mixed_op_names = {"put", "get", "stat", "delete",
                                                                                "list"};
inline constexpr std::string_view default_mix = "put=40,get=40,stat=10,delete=5,list=5";

// Relative weights by op (mixed_op order); ops --mix leaves out weigh 0.
struct op_mix {
  std::array<std::uint32_t, mixed_op_count> weights{};
  [[nodiscard]] std::uint64_t total() const noexcept;
};

// "put=40,get=40,stat=10,delete=5,list=5": NAME=WEIGHT pairs, spaces allowed around names,
// weights and commas. Refused, with a message naming the culprit: an unknown name, a name
// given twice, a weight that is not a whole number (0 .. 1000000), a pair without '=', and a
// mix in which no weight is positive.
result<op_mix> parse_mix(std::string_view text);

// Picks ops at random in proportion to the weights (a draw in [0, total) looked up in the
// running sums), so ratios hold over any seed and the choice costs one random number.
class weighted_chooser {
 public:
  explicit weighted_chooser(const op_mix& mix);
  [[nodiscard]] mixed_op pick(std::mt19937& rng) const;

 private:
  std::array<std::uint64_t, mixed_op_count> upto_{};  // running sums of the weights
};

struct mixed_options {
  bench_options common;  // seconds, -t, -b, --rate, --hist-out, -f json, --show-time, ...
  op_mix mix;
  std::uint64_t objects = 1000;
};

// Prefills, runs and cleans up; prints as the other modes do; returns the exit status.
boost::asio::awaitable<result<int>> run_mixed(radosio::client& rados, ioctx io, mixed_options options);

}  // namespace radosio::cli::bench
