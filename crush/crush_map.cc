#include "crush/crush_map.h"

namespace radosio::crush {

const crush::choose_args* crush_map::choose_args_for(std::int64_t pool) const noexcept {
  if (auto it = choose_arg_sets.find(pool); it != choose_arg_sets.end()) return &it->second;
  if (auto it = choose_arg_sets.find(default_choose_args); it != choose_arg_sets.end())
    return &it->second;
  return nullptr;
}

std::uint32_t bucket_item_weight(const bucket& b, std::size_t pos) noexcept {
  if (pos >= b.items.size()) return 0;
  switch (b.alg) {
    case bucket_alg::uniform:
      return b.uniform_item_weight;
    case bucket_alg::tree: {
      const std::size_t node = ((pos + 1) << 1) - 1;
      return node < b.node_weights.size() ? b.node_weights[node] : 0;
    }
    case bucket_alg::list:
    case bucket_alg::straw:
    case bucket_alg::straw2:
      break;
  }
  return pos < b.item_weights.size() ? b.item_weights[pos] : 0;
}

choose_args ceph_kept_choose_args(const crush_map& map, const choose_args& args) {
  std::size_t positions = 1;
  for (const auto& a : args) {
    if (!a.weight_set.empty()) {
      positions = a.weight_set.size();
      break;
    }
  }
  choose_args kept = args;
  kept.resize(map.buckets.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const bucket* b = map.buckets[i] ? &*map.buckets[i] : nullptr;
    if (!b || b->alg != bucket_alg::straw2) {
      kept[i] = choose_arg{};
      continue;
    }
    if (kept[i].weight_set.size() != positions) continue;
    for (auto& weights : kept[i].weight_set) weights.resize(b->size(), 0);
  }
  return kept;
}

int find_rule(const crush_map& map, int ruleset, int type, int size) noexcept {
  for (std::size_t i = 0; i < map.rules.size(); ++i) {
    const auto& r = map.rules[i];
    if (r && r->ruleset == ruleset && r->type == type && r->min_size <= size && r->max_size >= size)
      return static_cast<int>(i);
  }
  return -1;
}

int find_rule_by_name(const crush_map& map, const std::string& name) noexcept {
  for (const auto& [id, rule_name] : map.rule_names)
    if (rule_name == name && map.find_rule_by_id(id)) return id;
  return -1;
}

}  // namespace radosio::crush
