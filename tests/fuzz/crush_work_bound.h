#pragma once
// An upper bound on the work one crush::do_rule call can do on a given map, so the fuzz
// harness maps only maps it can get through quickly.
//
// The mapper is faithful to Ceph: a firstn step keeps trying replicas until it has filled
// the result or reached the step's replica count, and each replica may take every retry
// the tunables allow. A decoded map may ask for millions of replicas with thousands of
// local retries over a cyclic bucket graph; each call then runs for minutes (found by
// fuzzing: `choose firstn 3866624` with choose_local_tries 30060). Such maps are valid
// encodings, so the harness, not the decoder, keeps them out of the mapping step.
//
// The bound follows the mapper's loops: replicas x attempts per replica x the cost of one
// descent (the heaviest chain of bucket sizes from any bucket down, or the mapper's
// depth guard times the largest bucket when the bucket graph has a cycle), plus the inner
// descents of chooseleaf. It is deliberately coarse; real maps stay far below any budget.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "crush/crush_map.h"

namespace radosio::fuzz {

// The cost, in bucket items examined, of the most expensive descent from any bucket.
inline double heaviest_descent(const crush::crush_map& map) {
  const std::size_t n = map.buckets.size();
  double largest = 1;
  std::vector<std::size_t> parents_left(n, 0);
  const auto child_index = [&](std::int32_t item) -> std::ptrdiff_t {
    if (!map.find_bucket(item)) return -1;
    return -1 - static_cast<std::ptrdiff_t>(item);
  };
  for (const auto& b : map.buckets) {
    if (!b) continue;
    largest = std::max(largest, static_cast<double>(b->size()));
    for (const auto item : b->items)
      if (const auto c = child_index(item); c >= 0) ++parents_left[static_cast<std::size_t>(c)];
  }
  // Kahn's order (parents first); buckets left out of it sit on or below a cycle.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < n; ++i)
    if (map.buckets[i] && parents_left[i] == 0) order.push_back(i);
  for (std::size_t next = 0; next < order.size(); ++next) {
    for (const auto item : map.buckets[order[next]]->items) {
      const auto c = child_index(item);
      if (c >= 0 && --parents_left[static_cast<std::size_t>(c)] == 0)
        order.push_back(static_cast<std::size_t>(c));
    }
  }
  std::size_t present = 0;
  for (const auto& b : map.buckets) present += b ? 1 : 0;
  if (order.size() < present) return static_cast<double>(n + 1) * largest;  // depth guard
  std::vector<double> below(n, 0);
  double heaviest = 1;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    double deepest_child = 0;
    for (const auto item : map.buckets[*it]->items)
      if (const auto c = child_index(item); c >= 0)
        deepest_child = std::max(deepest_child, below[static_cast<std::size_t>(c)]);
    below[*it] = map.buckets[*it]->size() + deepest_child;
    heaviest = std::max(heaviest, below[*it]);
  }
  return heaviest;
}

// Items examined by one do_rule(rule, x) call with `result_max` outputs, at most.
inline double rule_work_bound(const crush::crush_map& map, const crush::rule& rule,
                              int result_max) {
  using crush::rule_op;
  constexpr double max_tries = 1000;  // the mapper caps every retry count at this
  const auto capped = [&](double n) { return std::min(n, max_tries); };
  const auto& t = map.tun;
  double tries = capped(static_cast<double>(t.choose_total_tries) + 1);
  double leaf_tries = 0;
  double local = capped(static_cast<double>(t.choose_local_tries));
  double fallback = capped(static_cast<double>(t.choose_local_fallback_tries));
  double largest = 1;
  for (const auto& b : map.buckets)
    if (b) largest = std::max(largest, static_cast<double>(b->size()));
  const double descent = heaviest_descent(map);
  const double result = result_max;

  double work = 0;
  double width = 1;  // inputs the next choose step starts from
  for (const auto& step : rule.steps) {
    const auto arg = static_cast<double>(step.arg1);
    switch (static_cast<rule_op>(step.op)) {
      case rule_op::take:
        width = 1;
        break;
      case rule_op::set_choose_tries:
        if (arg > 0) tries = capped(arg);
        break;
      case rule_op::set_chooseleaf_tries:
        if (arg > 0) leaf_tries = capped(arg);
        break;
      case rule_op::set_choose_local_tries:
        if (arg >= 0) local = capped(arg);
        break;
      case rule_op::set_choose_local_fallback_tries:
        if (arg >= 0) fallback = capped(arg);
        break;
      case rule_op::choose_firstn:
      case rule_op::chooseleaf_firstn:
      case rule_op::choose_indep:
      case rule_op::chooseleaf_indep: {
        const double numrep = step.arg1 > 0 ? arg : arg + result;
        if (numrep <= 0) break;
        const bool leaf = step.op == static_cast<std::uint32_t>(rule_op::chooseleaf_firstn) ||
                          step.op == static_cast<std::uint32_t>(rule_op::chooseleaf_indep);
        const bool firstn = step.op == static_cast<std::uint32_t>(rule_op::choose_firstn) ||
                            step.op == static_cast<std::uint32_t>(rule_op::chooseleaf_firstn);
        // Attempts for one replica: local retries or the exhaustive fallback (bucket size
        // plus fallback tries) within a bucket, then fresh descents up to `tries`.
        const auto attempts = [&](double descents) {
          return descents + std::max(local, fallback > 0 ? largest + fallback : 0.0);
        };
        if (firstn) {
          const double recurse =
              leaf_tries > 0 ? leaf_tries : (t.chooseleaf_descend_once ? 1 : tries);
          const double inner = leaf ? result * attempts(recurse) * descent : 0;
          work += width * numrep * attempts(tries) * (descent + inner);
        } else {
          const double inner = leaf ? (leaf_tries > 0 ? leaf_tries : 1) * descent : 0;
          work += width * tries * std::min(numrep, result) * (descent + inner);
        }
        width = result;
        break;
      }
      default:
        break;
    }
  }
  return work;
}

// The fuzz harness runs rules 0..rules-1 for inputs 0..inputs-1 with `result_max` outputs;
// this bounds the work of all those calls together.
inline double mapping_work_bound(const crush::crush_map& map, int rules, int inputs,
                                 int result_max) {
  double work = 0;
  for (int id = 0; id < rules; ++id)
    if (const auto* r = map.find_rule_by_id(id)) work += rule_work_bound(map, *r, result_max);
  return work * inputs;
}

// What the harness lets one input cost: real maps need about 1e5 (the corpus's largest,
// 4e5), the map that kept the mapper busy for minutes about 2e11.
inline constexpr double mapping_work_budget = 1e7;

}  // namespace radosio::fuzz
