#include "crush/work_bound.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "crush/decode.h"

namespace radosio::crush {
namespace {

constexpr double infinite = std::numeric_limits<double>::infinity();
// Comparing two ints while scanning for collisions, against hashing an item (10-30 ns).
constexpr double scan_cost = 1.0 / 16;

bool is_leaf_op(std::uint32_t op) noexcept {
  return op == static_cast<std::uint32_t>(rule_op::chooseleaf_firstn) ||
         op == static_cast<std::uint32_t>(rule_op::chooseleaf_indep);
}

}  // namespace

void work_estimate::merge(stats& into, const stats& from) noexcept {
  into.descent = std::max(into.descent, from.descent);
  into.largest = std::max(into.largest, from.largest);
  into.child_descent = std::max(into.child_descent, from.child_descent);
  into.child_largest = std::max(into.child_largest, from.child_largest);
  into.count += from.count;
}

work_estimate::work_estimate(const crush_map& map) : map_(map), buckets_(map.buckets.size()) {
  const std::size_t n = map.buckets.size();
  // Children first (Kahn's order on the reversed edges): a bucket's stats need its
  // children's. Buckets left out of the order sit on or above a cycle.
  std::vector<std::size_t> parents_left(n, 0);
  const auto child_index = [&](std::int32_t item) -> std::ptrdiff_t {
    if (!map.find_bucket(item)) return -1;
    return -1 - static_cast<std::ptrdiff_t>(item);
  };
  std::size_t present = 0;
  for (const auto& b : map.buckets) {
    if (!b) continue;
    ++present;
    for (const auto item : b->items)
      if (const auto c = child_index(item); c >= 0) ++parents_left[static_cast<std::size_t>(c)];
  }
  std::vector<std::size_t> order;  // parents before children
  order.reserve(present);
  for (std::size_t i = 0; i < n; ++i)
    if (map.buckets[i] && parents_left[i] == 0) order.push_back(i);
  for (std::size_t next = 0; next < order.size(); ++next) {
    for (const auto item : map.buckets[order[next]]->items) {
      const auto c = child_index(item);
      if (c >= 0 && --parents_left[static_cast<std::size_t>(c)] == 0)
        order.push_back(static_cast<std::size_t>(c));
    }
  }
  if (order.size() < present) {
    // Every bucket left out has a parent that was left out too; following such parents
    // upwards must come back to a bucket already visited, which is on a cycle.
    acyclic_ = false;
    std::vector<std::ptrdiff_t> parent(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
      if (!map.buckets[i] || parents_left[i] == 0) continue;
      for (const auto item : map.buckets[i]->items)
        if (const auto c = child_index(item); c >= 0 && parents_left[static_cast<std::size_t>(c)] > 0)
          parent[static_cast<std::size_t>(c)] = static_cast<std::ptrdiff_t>(i);
    }
    std::size_t at = 0;
    while (!map.buckets[at] || parents_left[at] == 0) ++at;
    std::vector<bool> seen(n, false);
    while (!seen[at] && parent[at] >= 0) {
      seen[at] = true;
      at = static_cast<std::size_t>(parent[at]);
    }
    cycle_bucket_ = map.buckets[at]->id;
    return;
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const bucket& b = *map.buckets[*it];
    stats& s = buckets_[*it];
    for (const auto item : b.items) {
      const auto c = child_index(item);
      if (c < 0) continue;
      const stats& child = buckets_[static_cast<std::size_t>(c)];
      s.child_descent = std::max(s.child_descent, child.descent);
      s.child_largest = std::max(s.child_largest, child.largest);
    }
    // An empty bucket still costs its one (failed) attempt.
    const double size = std::max<double>(b.size(), 1);
    s.descent = size + s.child_descent;
    s.largest = std::max(size, s.child_largest);
    s.count = 1;
    merge(by_type_[b.type], s);
  }
}

double work_estimate::rule(const crush::rule& r, int result_max) const {
  if (!acyclic_) return infinite;
  const auto& t = map_.tun;
  const double result = std::max(result_max, 0);
  // Each attempt compares its pick with the items chosen so far.
  const double scan = result * scan_cost;
  // The mapper's retry state, step by step (see rule_runner::run).
  double tries = static_cast<double>(t.choose_total_tries) + 1;
  double leaf_tries = 0;
  double local = t.choose_local_tries;
  double fallback = t.choose_local_fallback_tries;
  // Local retries within one descent through buckets of at most `largest` items.
  const auto local_retries = [&](double largest) {
    return std::max(local, fallback > 0 ? largest + fallback : 0.0);
  };

  double work = 0;
  double width = 0;  // buckets the next choose step starts from (devices cost nothing)
  stats in;          // maxima over those buckets
  for (const rule_step& step : r.steps) {
    work += 1;
    switch (static_cast<rule_op>(step.op)) {
      case rule_op::take:
        // A take of something that is not there leaves the working set as it was.
        if (const bucket* b = map_.find_bucket(step.arg1)) {
          in = buckets_[static_cast<std::size_t>(-1 - static_cast<std::int64_t>(b->id))];
          width = 1;
        } else if (step.arg1 >= 0 && step.arg1 < map_.max_devices) {
          width = 0;
        }
        break;
      case rule_op::set_choose_tries:
        if (step.arg1 > 0) tries = step.arg1;
        break;
      case rule_op::set_chooseleaf_tries:
        if (step.arg1 > 0) leaf_tries = step.arg1;
        break;
      case rule_op::set_choose_local_tries:
        if (step.arg1 >= 0) local = step.arg1;
        break;
      case rule_op::set_choose_local_fallback_tries:
        if (step.arg1 >= 0) fallback = step.arg1;
        break;
      case rule_op::choose_firstn:
      case rule_op::chooseleaf_firstn:
      case rule_op::choose_indep:
      case rule_op::chooseleaf_indep: {
        const double numrep =
            step.arg1 > 0 ? static_cast<double>(step.arg1) : static_cast<double>(step.arg1) + result;
        if (width == 0 || numrep <= 0) {
          width = 0;
          break;
        }
        const bool leaf = is_leaf_op(step.op);
        const bool firstn = step.op == static_cast<std::uint32_t>(rule_op::choose_firstn) ||
                            step.op == static_cast<std::uint32_t>(rule_op::chooseleaf_firstn);
        // The buckets of the step's type: chooseleaf recurses into one of them per attempt.
        const auto of_type = step.arg2 >= 0 && step.arg2 <= 0xffff
                                 ? by_type_.find(static_cast<std::uint16_t>(step.arg2))
                                 : by_type_.end();
        const stats below = of_type != by_type_.end() ? of_type->second : stats{};
        if (firstn) {
          const double recurse =
              leaf_tries > 0 ? leaf_tries : (t.chooseleaf_descend_once ? 1 : tries);
          const double inner =
              leaf && below.count > 0
                  ? (recurse + local_retries(below.largest)) * (below.descent + scan)
                  : 0;
          const double attempts = tries + local_retries(in.largest);
          work += width * numrep * attempts * (in.descent + scan + inner);
        } else {
          const double out = std::min(numrep, result);
          const double inner =
              leaf && below.count > 0 ? (leaf_tries > 0 ? leaf_tries : 1) * (below.descent + 1) : 0;
          work += width * (tries * out * (in.descent + out * scan_cost + inner) + out);
        }
        // chooseleaf leaves devices; choose leaves items of the step's type, distinct for
        // each input, at most numrep per input and R in all.
        if (leaf || below.count == 0) {
          width = 0;
        } else {
          width = std::min(result, width * std::min(numrep, below.count));
          in = below;
        }
        break;
      }
      case rule_op::emit:
        work += result * scan_cost;
        width = 0;
        break;
      default:
        break;
    }
  }
  return work;
}

double rule_work_bound(const crush_map& map, const rule& r, int result_max) {
  return work_estimate(map).rule(r, result_max);
}

status check_rule_work(const crush_map& map) {
  const work_estimate estimate(map);
  if (!estimate.acyclic())
    return error{make_error_code(errc::malformed),
                 fmt::format("bucket {} is below itself: the mapper would descend forever",
                             estimate.cycle_bucket())};
  for (std::size_t id = 0; id < map.rules.size(); ++id) {
    if (!map.rules[id]) continue;
    const double work = estimate.rule(*map.rules[id], work_check_result);
    if (work <= max_rule_work) continue;
    const auto name = map.rule_names.find(static_cast<std::int32_t>(id));
    return error{make_error_code(errc::malformed),
                 fmt::format("rule {}{}{}{}: one mapping of {} items could examine {:.3g} bucket "
                             "items, above the limit of {:.3g}: its replica counts, retries and "
                             "bucket sizes multiply beyond any real map",
                             id, name != map.rule_names.end() ? " (" : "",
                             name != map.rule_names.end() ? name->second : "",
                             name != map.rule_names.end() ? ")" : "", work_check_result, work,
                             max_rule_work)};
  }
  return ok_status();
}

}  // namespace radosio::crush
