#pragma once
// Per-caller mutable state for the CRUSH mapper, so the map itself stays immutable and
// do_rule() never allocates: built once per map (sized from it), then reused for every
// mapping. One workspace per thread; it is not shared.
//
// It holds the uniform buckets' permutation cache (Ceph keeps that inside each bucket) and
// the three scratch vectors crush_do_rule works in.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "crush/crush_map.h"

namespace radosio::crush {

namespace detail {
class rule_runner;
}

class workspace {
 public:
  // `max_result` bounds the result span do_rule() accepts (Ceph's CRUSH_MAX_SET is far lower
  // than the default in practice: pools have at most a few dozen replicas or shards).
  explicit workspace(const crush_map& map, std::size_t max_result = 64);

  [[nodiscard]] std::size_t max_result() const noexcept { return max_result_; }
  // True if this workspace was sized for a map with `map`'s bucket layout.
  [[nodiscard]] bool fits(const crush_map& map) const noexcept;
  // Number of bucket slots it was sized for (do_rule's cheap shape check).
  [[nodiscard]] std::size_t bucket_slots() const noexcept { return perms_.size(); }

 private:
  friend class detail::rule_runner;

  // Ceph's crush_work_bucket: the permutation of bucket item slots computed so far for
  // input `x`. n == 0 means "nothing cached"; n == 0xffff means only slot 0 is valid (the
  // cheap r == 0 shortcut).
  struct perm_state {
    std::uint32_t x = 0;
    std::uint32_t n = 0;
    std::uint32_t offset = 0;  // into perm_slots_
    std::uint32_t size = 0;
  };

  std::vector<perm_state> perms_;          // by bucket index
  std::vector<std::uint32_t> perm_slots_;  // every bucket's permutation, back to back
  std::vector<int> scratch_;               // 3 * max_result_
  std::size_t max_result_;
};

}  // namespace radosio::crush
