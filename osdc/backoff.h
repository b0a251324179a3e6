#pragma once
// OSD backoffs (MOSDBackoff): an OSD that cannot serve a range of a PG for now (peering,
// not active, an unfound object) says BLOCK instead of replying, and drops the ops. The
// client acks, holds every op in the range until UNBLOCK, and then resends them.
//
// Ranges are half-open [begin, end) in the OSD's object order (Ceph's bitwise hobject_t
// order: max, pool, bit-reversed hash, namespace, effective key, name, snap); a range whose
// begin equals its end names that one object.

#include <cstdint>
#include <vector>

#include "common/types/object.h"
#include "common/types/pg.h"

namespace radosio::osdc {

// <0, 0, >0 as Ceph's cmp(hobject_t, hobject_t) with bitwise sort.
[[nodiscard]] int compare_hobjects(const hobject& a, const hobject& b) noexcept;

struct backoff_range {
  spg_id pgid;
  std::uint64_t id = 0;
  hobject begin;
  hobject end;

  [[nodiscard]] bool contains(const spg_id& pg, const hobject& h) const noexcept;
};

// The backoffs one OSD session holds (backoffs do not outlive a connection).
class backoff_set {
 public:
  void add(backoff_range r) { ranges_.push_back(std::move(r)); }
  // Removes the backoff with this PG and id; false if there was none.
  bool remove(const spg_id& pg, std::uint64_t id);
  [[nodiscard]] const backoff_range* find(const spg_id& pg, const hobject& h) const noexcept;
  [[nodiscard]] bool empty() const noexcept { return ranges_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return ranges_.size(); }

 private:
  std::vector<backoff_range> ranges_;
};

}  // namespace radosio::osdc
