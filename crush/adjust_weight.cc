#include "crush/adjust_weight.h"

#include <fmt/format.h>

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

status adjust(crush_map& map, std::int32_t item, std::uint32_t weight, std::size_t depth) {
  if (depth > map.buckets.size()) {
    return error{std::make_error_code(std::errc::too_many_links),
                 "the CRUSH hierarchy has a cycle"};
  }
  bool found = false;
  for (auto& slot : map.buckets) {
    if (!slot) continue;
    auto& b = *slot;
    for (std::size_t i = 0; i < b.items.size(); ++i) {
      if (b.items[i] != item) continue;
      found = true;
      auto changed = adjust_in_bucket(b, i, weight, map.tun.straw_calc_version);
      if (!changed) return changed.err();
      // The bucket's new total is its weight inside its own parents.
      if (auto up = adjust(map, b.id, b.weight, depth + 1); !up && up.code() != std::errc::no_such_file_or_directory)
        return up;
    }
  }
  if (!found) {
    return error{std::make_error_code(std::errc::no_such_file_or_directory),
                 fmt::format("no CRUSH bucket holds item {}", item)};
  }
  return ok_status();
}

}  // namespace

status adjust_item_weight(crush_map& map, std::int32_t item, std::uint32_t weight) {
  return adjust(map, item, weight, 0);
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
  return static_cast<std::uint32_t>(static_cast<int>(weight * static_cast<float>(0x10000)));
}

}  // namespace radosio::crush
