#include "osdc/op_target.h"

#include <fmt/format.h>

#include <cerrno>

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

std::optional<full_refusal> full_state(const osdmap& map, std::int64_t pool_id) {
  const pg_pool* pool = map.pool(pool_id);
  const bool pool_full = pool && (pool->has_flag(pool_flag::full) || pool->has_flag(pool_flag::full_quota));
  if (!pool_full && !map.test_flag(osdmap_flag::full)) return std::nullopt;
  const std::string name = map.pool_name(pool_id);
  if (pool && pool->has_flag(pool_flag::full_quota)) {
    std::string quota;
    if (pool->quota_max_objects > 0) quota = fmt::format("max_objects {}", pool->quota_max_objects);
    if (pool->quota_max_bytes > 0)
      quota += fmt::format("{}max_bytes {}", quota.empty() ? "" : ", ", pool->quota_max_bytes);
    return full_refusal{std::error_code(EDQUOT, std::generic_category()),
                        fmt::format("pool full: pool '{}' reached its quota{}", name,
                                    quota.empty() ? std::string() : " (" + quota + ")")};
  }
  std::string osds;
  for (std::int32_t osd = 0; osd < map.max_osd(); ++osd) {
    if (map.exists(osd) && (map.state_bits(osd) & osd_state_bit::full) != 0)
      osds += fmt::format("{}osd.{}", osds.empty() ? "" : ", ", osd);
  }
  const float ratio = map.state().full_ratio;
  std::string why = osds.empty() ? fmt::format("cluster full: pool '{}' is marked full", name)
                                 : fmt::format("cluster full: {} passed the full ratio", osds);
  if (ratio > 0) why += fmt::format("{}{:g}", osds.empty() ? " (full ratio " : " ", ratio);
  if (osds.empty() && ratio > 0) why += ")";
  return full_refusal{std::make_error_code(std::errc::no_space_on_device), std::move(why)};
}

}  // namespace radosio::osdc
