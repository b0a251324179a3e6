#include "crush/workspace.h"

namespace radosio::crush {

workspace::workspace(const crush_map& map, std::size_t max_result) : max_result_(max_result) {
  perms_.resize(map.buckets.size());
  std::uint32_t total = 0;
  for (std::size_t i = 0; i < map.buckets.size(); ++i) {
    perms_[i].offset = total;
    perms_[i].size = map.buckets[i] ? map.buckets[i]->size() : 0;
    total += perms_[i].size;
  }
  perm_slots_.resize(total);
  scratch_.resize(3 * max_result_);
}

bool workspace::fits(const crush_map& map) const noexcept {
  if (perms_.size() != map.buckets.size()) return false;
  for (std::size_t i = 0; i < perms_.size(); ++i) {
    const std::uint32_t size = map.buckets[i] ? map.buckets[i]->size() : 0;
    if (perms_[i].size != size) return false;
  }
  return true;
}

}  // namespace radosio::crush
