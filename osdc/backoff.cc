#include "osdc/backoff.h"

#include <algorithm>

#include "common/bits.h"

namespace radosio::osdc {
namespace {

template <class T>
int three_way(const T& a, const T& b) noexcept {
  return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace

int compare_hobjects(const hobject& a, const hobject& b) noexcept {
  if (int c = three_way(a.max, b.max)) return c;
  if (a.max) return 0;  // every MAX is the same MAX
  if (int c = three_way(a.pool, b.pool)) return c;
  if (int c = three_way(reverse_bits(a.hash), reverse_bits(b.hash))) return c;
  if (int c = three_way(a.nspace, b.nspace)) return c;
  if (!(a.key.empty() && b.key.empty())) {
    const std::string& ka = a.key.empty() ? a.name : a.key;
    const std::string& kb = b.key.empty() ? b.name : b.key;
    if (int c = three_way(ka, kb)) return c;
  }
  if (int c = three_way(a.name, b.name)) return c;
  return three_way(a.snap, b.snap);
}

bool backoff_range::contains(const spg_id& pg, const hobject& h) const noexcept {
  if (pg != pgid) return false;
  if (compare_hobjects(begin, end) == 0) return compare_hobjects(h, begin) == 0;
  return compare_hobjects(begin, h) <= 0 && compare_hobjects(h, end) < 0;
}

bool backoff_set::remove(const spg_id& pg, std::uint64_t id) {
  const auto before = ranges_.size();
  std::erase_if(ranges_, [&](const backoff_range& r) { return r.pgid == pg && r.id == id; });
  return ranges_.size() != before;
}

const backoff_range* backoff_set::find(const spg_id& pg, const hobject& h) const noexcept {
  for (const auto& r : ranges_)
    if (r.contains(pg, h)) return &r;
  return nullptr;
}

}  // namespace radosio::osdc
