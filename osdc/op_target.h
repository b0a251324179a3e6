#pragma once
// Where an op must go, and whether a new OSDMap moves it (Ceph's Objecter::_calc_target).
//
// An op_target remembers the placement it was last sent with. calc_target() is pure: given
// the placement of an epoch it recomputes the target and says what the objecter must do.
// A resend is due when the PG's interval changed (primary, acting or up set and their
// primaries, size, min_size, pg_num or pgp_num: the OSD would otherwise drop the op as
// belonging to an old interval), when the op's PG changed (a split), when the pool's
// last_force_op_resend moved past the epoch the op was sent in, or when a pause that held
// the op was lifted.

#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "common/types/pg.h"
#include "crush/workspace.h"
#include "osdc/placement.h"

namespace radosio::osdc {

struct op_target {
  // ---- what the op addresses ----
  std::int64_t pool = -1;
  std::string name;
  std::string key;     // locator key: hashed instead of the name when set
  std::string nspace;
  bool is_write = false;
  bool full_try = false;  // go ahead even when the pool or cluster is full (deletes use this)
  // A PG op (listing) names a PG instead of an object: its seed is the hash sent.
  bool pg_op = false;
  std::uint32_t pg_seed = 0;

  // ---- what calc_target found last time ----
  bool placed = false;
  std::uint32_t epoch = 0;   // the map epoch of that placement
  std::uint32_t hash = 0;    // the object's full hash (raw pg seed)
  pg_id pgid;                // folded onto pg_num
  std::int8_t shard = no_shard;  // erasure pools: the primary's position in the acting set
  std::int32_t osd = -1;     // the acting primary: where the op goes
  std::vector<std::int32_t> up;
  std::vector<std::int32_t> acting;
  std::int32_t up_primary = -1;
  std::uint32_t size = 0;
  std::uint32_t min_size = 0;
  std::uint32_t pg_num = 0;
  std::uint32_t pgp_num = 0;
  bool paused = false;

  // The PG and shard the op is addressed to (MOSDOp's spg_t).
  [[nodiscard]] spg_id spg() const noexcept { return spg_id{pgid, shard}; }
};

enum class target_action : std::uint8_t {
  keep,       // nothing changed: leave the op where it is
  send,       // (re)send to target.osd
  pool_gone,  // the pool does not exist in this map: the op fails with ENOENT
  paused,     // held: the cluster or pool is paused/full for this op; re-check on new maps
  no_primary, // the PG has no acting primary in this map: wait for a newer one
};

// Recomputes `target` under `p` (an epoch's placement) and says what to do.
[[nodiscard]] target_action calc_target(const placement& p, crush::workspace& ws, op_target& target);

// Is a write (or any op) held by flags in this map? Full pools pass ops marked full_try.
[[nodiscard]] bool target_paused(const osdmap& map, const pg_pool& pool, const op_target& target) noexcept;

// Why writes to pool `pool_id` are refused as full under `map`, or nothing if they are not.
// A pool quota reached (the monitor sets FULL_QUOTA with FULL) is EDQUOT, "pool full: pool
// 'data' reached its quota (max_objects 10)"; a pool on OSDs past the full ratio (Luminous
// and later flag each such pool FULL) or the old map-wide FULL flag is ENOSPC, "cluster full:
// osd.0, osd.2 passed the full ratio 0.95". The same words explain a write held by
// wait_if_full.
struct full_refusal {
  std::error_code code;
  std::string why;
};
[[nodiscard]] std::optional<full_refusal> full_state(const osdmap& map, std::int64_t pool_id);

}  // namespace radosio::osdc
