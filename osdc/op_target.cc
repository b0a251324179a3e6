#include "osdc/op_target.h"

#include "osdc/osdmap_types.h"

namespace radosio::osdc {

bool target_paused(const osdmap& map, const pg_pool& pool, const op_target& target) noexcept {
  if (target.is_write) {
    if (map.test_flag(osdmap_flag::pausewr)) return true;
    const bool full = map.test_flag(osdmap_flag::full) || pool.has_flag(pool_flag::full) ||
                      pool.has_flag(pool_flag::full_quota);
    return full && !target.full_try;
  }
  return map.test_flag(osdmap_flag::pauserd);
}

target_action calc_target(const placement& p, crush::workspace& ws, op_target& t) {
  const osdmap& map = p.map();
  const pg_pool* pool = map.pool(t.pool);
  if (pool == nullptr) return target_action::pool_gone;

  // The pool asks every client to resend ops sent before this epoch (e.g. after a cache
  // tier change or a pg_num change that needs it).
  const bool forced = t.placed && pool->last_force_op_resend > t.epoch;

  std::uint32_t hash = t.pg_seed;
  if (!t.pg_op) {
    auto raw = p.object_to_raw_pg(t.pool, t.name, t.key, t.nspace);
    if (!raw) return target_action::pool_gone;  // only fails for a missing pool
    hash = raw->seed;
  }
  const pg_id pgid = placement::raw_to_pg(*pool, pg_id{t.pool, hash});

  pg_mapping m;
  p.map_pg(pgid, ws, m);

  const bool interval_changed = !t.placed || pgid != t.pgid || m.acting_primary != t.osd ||
                                m.acting != t.acting || m.up != t.up || m.up_primary != t.up_primary ||
                                pool->size != t.size || pool->min_size != t.min_size ||
                                pool->pg_num != t.pg_num || pool->pgp_num != t.pgp_num;
  const bool was_paused = t.paused;
  const bool paused = target_paused(map, *pool, t);

  t.epoch = map.epoch();
  t.hash = hash;
  t.pgid = pgid;
  t.osd = m.acting_primary;
  t.shard = no_shard;
  if (pool->is_erasure()) {
    // An erasure-coded PG is held in shards; ops go to the primary's shard.
    for (std::size_t i = 0; i < m.acting.size(); ++i)
      if (m.acting[i] == m.acting_primary) t.shard = static_cast<std::int8_t>(i);
  }
  t.up = std::move(m.up);
  t.acting = std::move(m.acting);
  t.up_primary = m.up_primary;
  t.size = pool->size;
  t.min_size = pool->min_size;
  t.pg_num = pool->pg_num;
  t.pgp_num = pool->pgp_num;
  t.placed = true;
  t.paused = paused;

  if (paused) return target_action::paused;
  if (t.osd < 0) return target_action::no_primary;
  if (interval_changed || forced || was_paused) return target_action::send;
  return target_action::keep;
}

}  // namespace radosio::osdc
