#pragma once
// How ops name objects: locator (pool, namespace, key), full hashed identity (hobject_t),
// request ids and snapshot contexts.

#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "common/types/entity.h"

namespace radosio {

using snapid = std::uint64_t;
inline constexpr snapid snap_head = std::numeric_limits<std::uint64_t>::max() - 1;  // CEPH_NOSNAP
inline constexpr snapid snap_dir = std::numeric_limits<std::uint64_t>::max();      // CEPH_SNAPDIR

// object_locator_t: where an object lives. `key`, when set, replaces the name for hashing;
// `hash`, when not -1, replaces the hash of the name outright.
struct object_locator {
  std::int64_t pool = -1;
  std::string key;
  std::string nspace;
  std::int64_t hash = -1;
  friend auto operator<=>(const object_locator&, const object_locator&) = default;
};

void decode(wire::decoder& d, object_locator& loc);
void encode(wire::encoder& e, const object_locator& loc);

// hobject_t: an object with its hash, as OSDs order and list them (PGNLS cursors).
struct hobject {
  std::string key;
  std::string name;
  snapid snap = snap_head;
  std::uint32_t hash = 0;
  bool max = false;  // the "end of everything" sentinel
  std::string nspace;
  std::int64_t pool = std::numeric_limits<std::int64_t>::min();
  friend auto operator<=>(const hobject&, const hobject&) = default;
};

void decode(wire::decoder& d, hobject& h);
void encode(wire::encoder& e, const hobject& h);

// osd_reqid_t: (client, tid, incarnation), what an OSD uses to spot a resent op.
struct osd_reqid {
  entity_num name;
  std::uint64_t tid = 0;
  std::int32_t inc = 0;
  friend auto operator<=>(const osd_reqid&, const osd_reqid&) = default;
};

void decode(wire::decoder& d, osd_reqid& r);
void encode(wire::encoder& e, const osd_reqid& r);

// SnapContext: the newest snapshot a write must preserve and the existing snaps, newest first.
struct snap_context {
  snapid seq = 0;
  std::vector<snapid> snaps;
  friend auto operator<=>(const snap_context&, const snap_context&) = default;
  // Ceph's rule: snaps strictly descending and none above seq.
  [[nodiscard]] bool is_valid() const noexcept;
};

void decode(wire::decoder& d, snap_context& s);
void encode(wire::encoder& e, const snap_context& s);

}  // namespace radosio
