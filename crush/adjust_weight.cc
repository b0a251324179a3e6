#include "crush/adjust_weight.h"

#include <fmt/format.h>

#include <memory>
#include <unordered_map>
#include <vector>

#include "crush/straw_calc.h"

namespace radosio::crush {
namespace {

// Tree buckets keep weights in an implicit binary tree: leaf i sits at node 2i+1, and each
// inner node holds the sum of its subtree.
int tree_height(int n) noexcept {
  int h = 0;
  while ((n & 1) == 0) {
    ++h;
    n >>= 1;
  }
  return h;
}

int tree_parent(int n) noexcept {
  const int h = tree_height(n);
  return (n & (1 << (h + 1))) ? n - (1 << h) : n + (1 << h);
}

int tree_depth(std::uint32_t size) noexcept {
  if (size == 0) return 0;
  int depth = 1;
  for (std::uint32_t t = size - 1; t != 0; t >>= 1) ++depth;
  return depth;
}

// Sets `item`'s weight inside one bucket and updates the bucket's own weight. Returns the
// change in the bucket's weight (as Ceph's crush_bucket_adjust_item_weight does, in int).
result<std::int32_t> adjust_in_bucket(bucket& b, std::size_t index, std::uint32_t weight,
                                      std::uint8_t straw_calc_version) {
  std::int32_t diff = 0;
  switch (b.alg) {
    case bucket_alg::uniform:
      diff = static_cast<std::int32_t>((weight - b.uniform_item_weight) * b.size());
      b.uniform_item_weight = weight;
      b.weight = b.uniform_item_weight * b.size();
      return diff;
    case bucket_alg::list:
      diff = static_cast<std::int32_t>(weight - b.item_weights[index]);
      b.item_weights[index] = weight;
      b.weight += static_cast<std::uint32_t>(diff);
      for (std::size_t j = index; j < b.sum_weights.size(); ++j)
        b.sum_weights[j] += static_cast<std::uint32_t>(diff);
      return diff;
    case bucket_alg::tree: {
      int node = static_cast<int>(((index + 1) << 1) - 1);
      if (static_cast<std::size_t>(node) >= b.node_weights.size()) break;
      diff = static_cast<std::int32_t>(weight - b.node_weights[static_cast<std::size_t>(node)]);
      b.node_weights[static_cast<std::size_t>(node)] = weight;
      b.weight += static_cast<std::uint32_t>(diff);
      for (int j = 1; j < tree_depth(b.size()); ++j) {
        node = tree_parent(node);
        if (node < 0 || static_cast<std::size_t>(node) >= b.node_weights.size()) break;
        b.node_weights[static_cast<std::size_t>(node)] += static_cast<std::uint32_t>(diff);
      }
      return diff;
    }
    case bucket_alg::straw:
    case bucket_alg::straw2:
      diff = static_cast<std::int32_t>(weight - b.item_weights[index]);
      b.item_weights[index] = weight;
      b.weight += static_cast<std::uint32_t>(diff);
      // Ceph recomputes every straw of a straw (v1) bucket, even when the weight did not
      // change, with the map's current straw_calc_version (which may differ from the one
      // that made them).
      if (b.alg == bucket_alg::straw) b.straws = calc_straws(b.item_weights, straw_calc_version);
      return diff;
  }
  return error{std::make_error_code(std::errc::invalid_argument),
               fmt::format("bucket {} has inconsistent weights", b.id)};
}

constexpr auto not_found = std::errc::no_such_file_or_directory;

error cycle_error() {
  return error{std::make_error_code(std::errc::too_many_links), "the CRUSH hierarchy has a cycle"};
}

// Per position, the sum of a weight set's first `size` entries (Ceph sums in int; the
// wrap-around is the same in uint32).
std::vector<std::uint32_t> weight_sums(const choose_arg& arg, std::size_t size) {
  std::vector<std::uint32_t> sums(arg.weight_set.size(), 0);
  for (std::size_t j = 0; j < arg.weight_set.size(); ++j) {
    const auto& weights = arg.weight_set[j];
    for (std::size_t i = 0; i < size && i < weights.size(); ++i) sums[j] += weights[i];
  }
  return sums;
}

}  // namespace

// CrushWrapper's reweighting, call for call: adjust_item_weight (adjust),
// adjust_item_weight_in_bucket's weight-set pass (carry_up), choose_args_adjust_item_weight
// (set_in_parents) and _choose_args_adjust_item_weight_in_bucket (set_in_bucket). Ceph
// visits every bucket in each of those loops; here the loops that can only act on buckets
// holding the item visit just those (in the same order), which changes nothing but the cost.
class reweighter::impl {
  // One choose_args set, with the number of existing buckets that have no weight set in it
  // yet (Ceph gives them one on the first carry, see set_in_bucket).
  struct weight_set_state {
    choose_args* args = nullptr;
    std::size_t missing = 0;
  };

 public:
  // Ceph's decoder reduces the choose_args once (update_choose_args); so do we, here.
  explicit impl(crush_map& map) : map_(map) {
    for (auto& [id, args] : map_.choose_arg_sets) {
      args = ceph_kept_choose_args(map_, args);
      weight_set_state s{&args, 0};
      for (std::size_t i = 0; i < map_.buckets.size(); ++i)
        if (map_.buckets[i] && args[i].weight_set.empty()) ++s.missing;
      sets_.push_back(s);
    }
    for (std::size_t i = 0; i < map_.buckets.size(); ++i) {
      if (!map_.buckets[i]) continue;
      for (const auto item : map_.buckets[i]->items) {
        auto& at = holders_[item];
        if (at.empty() || at.back() != i) at.push_back(i);
      }
    }
  }

  // adjust_item_weight: every bucket holding `item` gets its weight (and, at the first
  // level, its weight-set entries), its new total goes up to its own parents, and every
  // bucket's weight sets are carried up, in bucket order.
  status adjust(std::int32_t item, std::uint32_t weight, bool update_sets, std::size_t depth) {
    if (depth > map_.buckets.size()) return cycle_error();
    const std::vector<std::size_t>* holding = holders(item);
    std::size_t next = 0;
    bool found = false;
    for (std::size_t index = 0; index < map_.buckets.size(); ++index) {
      if (!map_.buckets[index]) continue;
      if (holding && next < holding->size() && (*holding)[next] == index) {
        ++next;
        bucket& b = *map_.buckets[index];
        // Ceph acts once per occurrence, each time on the first one.
        std::size_t first = b.items.size();
        for (std::size_t i = 0; i < b.items.size(); ++i) {
          if (b.items[i] != item) continue;
          if (first == b.items.size()) first = i;
          found = true;
          if (update_sets) {
            for (auto& s : sets_)
              for (auto& weights : (*s.args)[index].weight_set)
                if (first < weights.size()) weights[first] = weight;
          }
          auto changed = adjust_in_bucket(b, first, weight, map_.tun.straw_calc_version);
          if (!changed) return changed.err();
          // The bucket's new total is its weight inside its own parents.
          if (auto up = adjust(b.id, b.weight, false, depth + 1); !up && up.code() != not_found)
            return up;
        }
      }
      if (auto carried = carry_up(index); !carried) return carried;
    }
    if (!found) {
      return error{std::make_error_code(not_found),
                   fmt::format("no CRUSH bucket holds item {}", item)};
    }
    return ok_status();
  }

 private:
  const std::vector<std::size_t>* holders(std::int32_t item) const {
    const auto it = holders_.find(item);
    return it == holders_.end() ? nullptr : &it->second;
  }

  // In every set where the bucket has a weight set, its entry in each parent becomes its sum.
  status carry_up(std::size_t index) {
    const bucket& b = *map_.buckets[index];
    for (auto& s : sets_) {
      const choose_arg& arg = (*s.args)[index];
      if (arg.weight_set.empty()) continue;
      if (auto set = set_in_parents(s, b.id, weight_sums(arg, b.size()), 0); !set) return set;
    }
    return ok_status();
  }

  // Sets `item`'s entries to `weights` (one per position) in every bucket of the set holding
  // it. While the set lacks buckets, every bucket is visited, so all get a weight set.
  status set_in_parents(weight_set_state& s, std::int32_t item,
                        const std::vector<std::uint32_t>& weights, std::size_t depth) {
    if (depth > 2 * map_.buckets.size() + 2) return cycle_error();
    if (s.missing > 0) {
      for (std::size_t index = 0; index < map_.buckets.size(); ++index) {
        if (!map_.buckets[index]) continue;
        if (auto set = set_in_bucket(s, index, item, weights, depth); !set) return set;
      }
      return ok_status();
    }
    if (const auto* holding = holders(item)) {
      for (const auto index : *holding)
        if (auto set = set_in_bucket(s, index, item, weights, depth); !set) return set;
    }
    return ok_status();
  }

  status set_in_bucket(weight_set_state& s, std::size_t index, std::int32_t item,
                       const std::vector<std::uint32_t>& weights, std::size_t depth) {
    const bucket& b = *map_.buckets[index];
    choose_arg& arg = (*s.args)[index];
    bool changed = false;
    if (arg.weight_set.empty()) {
      // Created with the bucket's item weights of this moment, for as many positions as the
      // set's first bucket with a weight set has (1 if none has).
      std::size_t positions = 1;
      for (const auto& other : *s.args) {
        if (!other.weight_set.empty()) {
          positions = other.weight_set.size();
          break;
        }
      }
      std::vector<std::uint32_t> own(b.size());
      for (std::size_t i = 0; i < own.size(); ++i) own[i] = bucket_item_weight(b, i);
      arg.weight_set.assign(positions, own);
      --s.missing;
      changed = true;
    }
    if (arg.weight_set.size() != weights.size()) return ok_status();
    for (std::size_t i = 0; i < b.items.size(); ++i) {
      if (b.items[i] != item) continue;
      for (std::size_t j = 0; j < weights.size(); ++j)
        if (i < arg.weight_set[j].size()) arg.weight_set[j][i] = weights[j];
      changed = true;
    }
    if (!changed) return ok_status();
    return set_in_parents(s, b.id, weight_sums(arg, b.size()), depth + 1);
  }

  crush_map& map_;
  std::vector<weight_set_state> sets_;
  std::unordered_map<std::int32_t, std::vector<std::size_t>> holders_;
};

reweighter::reweighter(crush_map& map) : impl_(std::make_unique<impl>(map)) {}
reweighter::~reweighter() = default;

status reweighter::adjust(std::int32_t item, std::uint32_t weight) {
  return impl_->adjust(item, weight, true, 0);
}

status reweighter::adjustf(std::int32_t item, float weight) {
  if (!weight_accepted(weight)) {
    return error{std::make_error_code(std::errc::value_too_large),
                 fmt::format("CRUSH weight {} is out of range", weight)};
  }
  return adjust(item, weight_from_float(weight));
}

status adjust_item_weight(crush_map& map, std::int32_t item, std::uint32_t weight) {
  return reweighter(map).adjust(item, weight);
}

status adjust_item_weightf(crush_map& map, std::int32_t item, float weight) {
  return reweighter(map).adjustf(item, weight);
}

std::optional<std::uint32_t> item_weight(const crush_map& map, std::int32_t item) noexcept {
  for (const auto& slot : map.buckets) {
    if (!slot) continue;
    if (slot->id == item) return slot->weight;
    for (std::size_t i = 0; i < slot->items.size(); ++i)
      if (slot->items[i] == item) return bucket_item_weight(*slot, i);
  }
  return std::nullopt;
}

std::uint32_t weight_from_float(float weight) noexcept {
  const float scaled = weight * static_cast<float>(0x10000);
  // cvttss2si's answer for NaN and for values outside int's range.
  if (!(scaled >= -2147483648.0f && scaled < 2147483648.0f)) return 0x80000000u;
  return static_cast<std::uint32_t>(static_cast<std::int32_t>(scaled));
}

bool weight_accepted(float weight) noexcept {
  const float scaled = weight * static_cast<float>(0x10000);
  return (scaled > -1.0f && scaled < 2147483648.0f) || scaled >= 18446744073709551616.0f;
}

}  // namespace radosio::crush
