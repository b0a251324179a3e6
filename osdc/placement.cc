#include "osdc/placement.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "common/object_hash.h"
#include "crush/decode.h"
#include "crush/hash.h"
#include "crush/mapper.h"

namespace radosio::osdc {
namespace {

// Namespaces and names are joined with this byte before hashing.
constexpr char namespace_separator = '\x1f';
constexpr std::uint32_t max_primary_affinity = 0x10000;

// Replicated pools close ranks when an OSD is missing; erasure-coded pools keep positions
// (a shard's position is its identity), leaving holes.
bool can_shift(const pg_pool& pool) noexcept { return !pool.is_erasure(); }

std::int32_t first_present(const std::vector<std::int32_t>& osds) noexcept {
  for (auto o : osds)
    if (o != no_osd) return o;
  return -1;
}

}  // namespace

std::uint32_t object_name_hash(object_hash_type type, std::string_view text) noexcept {
  if (type == object_hash_type::linux_dcache) {
    // The Linux dcache string hash; Ceph computes it in an unsigned long and keeps the low
    // 32 bits, which is what 32-bit arithmetic yields too.
    std::uint32_t hash = 0;
    for (unsigned char c : text) hash = (hash + (static_cast<std::uint32_t>(c) << 4) + (c >> 4)) * 11;
    return hash;
  }
  return str_hash_rjenkins(text);
}

result<placement_ref> placement::build(osdmap_ref map) {
  auto crush = crush::decode_crush_map(map->crush_bytes().view());
  if (!crush) {
    return error{crush.err().code,
                 fmt::format("OSDMap epoch {}: CRUSH map: {}", map->epoch(), crush.err().what())};
  }
  auto p = placement_ref(new placement(std::move(map), std::move(*crush)));
  auto& self = const_cast<placement&>(*p);
  self.weights_.resize(static_cast<std::size_t>(std::max(self.map_->max_osd(), 0)));
  for (std::int32_t osd = 0; osd < self.map_->max_osd(); ++osd)
    self.weights_[static_cast<std::size_t>(osd)] = self.map_->weight(osd);
  return p;
}

result<pg_id> placement::object_to_raw_pg(std::int64_t pool_id, std::string_view name,
                                          std::string_view key, std::string_view nspace) const {
  const auto* pool = map_->pool(pool_id);
  if (!pool) {
    return error{std::make_error_code(std::errc::no_such_file_or_directory),
                 fmt::format("pool {} does not exist in OSDMap epoch {}", pool_id, map_->epoch())};
  }
  const std::string_view hashed = key.empty() ? name : key;
  const auto type = static_cast<object_hash_type>(pool->object_hash);
  std::uint32_t hash = 0;
  if (nspace.empty()) {
    hash = object_name_hash(type, hashed);
  } else {
    std::string joined;
    joined.reserve(nspace.size() + 1 + hashed.size());
    joined.append(nspace).push_back(namespace_separator);
    joined.append(hashed);
    hash = object_name_hash(type, joined);
  }
  return pg_id{pool_id, hash};
}

pg_id placement::raw_to_pg(const pg_pool& pool, pg_id raw) noexcept {
  return {raw.pool, stable_mod(raw.seed, pool.pg_num, stable_mod_mask(pool.pg_num))};
}

std::uint32_t placement::placement_seed(const pg_pool& pool, pg_id pg) noexcept {
  const auto folded = stable_mod(pg.seed, pool.pgp_num, stable_mod_mask(pool.pgp_num));
  if (pool.has_flag(pool_flag::hashpspool)) {
    // Mixing in the pool id keeps PG n of every pool from landing on the same OSDs.
    return crush::hash32_2(crush::hash_rjenkins1, folded, static_cast<std::uint32_t>(pg.pool));
  }
  return folded + static_cast<std::uint32_t>(pg.pool);
}

void placement::raw_osds(const pg_pool& pool, pg_id pg, crush::workspace& ws,
                         std::vector<std::int32_t>& out, std::uint32_t& pps) const {
  out.clear();
  pps = placement_seed(pool, pg);
  const int rule = crush::find_rule(crush_, pool.crush_rule, static_cast<int>(pool.type), pool.size);
  if (rule < 0) return;
  std::array<int, 64> result{};
  const auto want = std::min<std::size_t>(pool.size, std::min(result.size(), ws.max_result()));
  const int n = crush::do_rule(crush_, rule, static_cast<int>(pps), std::span<int>(result.data(), want),
                               weights_, ws, crush_.choose_args_for(pg.pool));
  for (int i = 0; i < n; ++i) {
    const auto osd = result[static_cast<std::size_t>(i)];
    // OSDs CRUSH knows but the map does not (never created, or destroyed) are dropped.
    if (osd != no_osd && !map_->exists(osd)) {
      if (can_shift(pool)) continue;
      out.push_back(no_osd);
    } else {
      out.push_back(osd);
    }
  }
}

bool placement::target_is_out(std::int32_t osd) const noexcept {
  return osd != no_osd && osd >= 0 && osd < map_->max_osd() && map_->weight(osd) == weight_out;
}

void placement::apply_upmap(pg_id pg, std::vector<std::int32_t>& raw) const {
  if (const auto p = map_->pg_upmap().find(pg); p != map_->pg_upmap().end()) {
    // An explicit mapping with any target marked out is ignored altogether.
    const bool usable = std::none_of(p->second.begin(), p->second.end(),
                                     [&](std::int32_t osd) { return target_is_out(osd); });
    if (!usable) return;
    raw.assign(p->second.begin(), p->second.end());
  }
  if (const auto q = map_->pg_upmap_items().find(pg); q != map_->pg_upmap_items().end()) {
    for (const auto& [from, to] : q->second) {
      // Each pair replaces `from` by `to` unless `to` is already in the set or is out.
      bool present = false;
      std::ptrdiff_t at = -1;
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == to) {
          present = true;
          break;
        }
        if (raw[i] == from && at < 0 && !target_is_out(to)) at = static_cast<std::ptrdiff_t>(i);
      }
      if (!present && at >= 0) raw[static_cast<std::size_t>(at)] = to;
    }
  }
}

void placement::raw_to_up(const pg_pool& pool, std::vector<std::int32_t>& osds) const {
  const auto unusable = [&](std::int32_t osd) {
    return osd == no_osd || !map_->exists(osd) || !map_->is_up(osd);
  };
  if (can_shift(pool)) {
    std::erase_if(osds, unusable);
  } else {
    for (auto& osd : osds)
      if (unusable(osd)) osd = no_osd;
  }
}

void placement::apply_primary_affinity(std::uint32_t pps, const pg_pool& pool,
                                       std::vector<std::int32_t>& up, std::int32_t& primary) const {
  if (map_->state().primary_affinity.empty()) return;
  const bool any = std::any_of(up.begin(), up.end(), [&](std::int32_t osd) {
    return osd != no_osd && map_->primary_affinity(osd) != default_primary_affinity;
  });
  if (!any) return;
  // Each OSD keeps the primary role for the fraction of PGs its affinity says, decided by a
  // hash of the PG and the OSD; one that declines is still the fallback if nobody accepts.
  std::ptrdiff_t pos = -1;
  for (std::size_t i = 0; i < up.size(); ++i) {
    const auto osd = up[i];
    if (osd == no_osd) continue;
    const auto affinity = map_->primary_affinity(osd);
    if (affinity < max_primary_affinity &&
        (crush::hash32_2(crush::hash_rjenkins1, pps, static_cast<std::uint32_t>(osd)) >> 16) >= affinity) {
      if (pos < 0) pos = static_cast<std::ptrdiff_t>(i);
    } else {
      pos = static_cast<std::ptrdiff_t>(i);
      break;
    }
  }
  if (pos < 0) return;
  primary = up[static_cast<std::size_t>(pos)];
  if (can_shift(pool) && pos > 0) {
    std::rotate(up.begin(), up.begin() + pos, up.begin() + pos + 1);
  }
}

void placement::temp_osds(const pg_pool& pool, pg_id pg, std::vector<std::int32_t>& acting,
                          std::int32_t& primary) const {
  acting.clear();
  primary = -1;
  if (const auto t = map_->pg_temp().find(pg); t != map_->pg_temp().end()) {
    for (const auto osd : t->second) {
      if (!map_->exists(osd) || map_->is_down(osd)) {
        if (!can_shift(pool)) acting.push_back(no_osd);
      } else {
        acting.push_back(osd);
      }
    }
  }
  if (const auto p = map_->primary_temp().find(pg); p != map_->primary_temp().end()) {
    primary = p->second;
  } else {
    primary = first_present(acting);
  }
}

void placement::map_pg(pg_id pg, crush::workspace& ws, pg_mapping& out) const {
  out.raw.clear();
  out.up.clear();
  out.acting.clear();
  out.raw_primary = out.up_primary = out.acting_primary = -1;
  const auto* pool = map_->pool(pg.pool);
  if (!pool) return;
  pg = raw_to_pg(*pool, pg);

  temp_osds(*pool, pg, out.acting, out.acting_primary);
  std::uint32_t pps = 0;
  raw_osds(*pool, pg, ws, out.raw, pps);
  out.raw_primary = first_present(out.raw);
  // The up set is built in place in out.up, whose capacity the caller's pg_mapping keeps
  // from call to call: mapping a whole pool allocates nothing after the first PG.
  out.up.assign(out.raw.begin(), out.raw.end());
  apply_upmap(pg, out.up);
  raw_to_up(*pool, out.up);
  out.up_primary = first_present(out.up);
  apply_primary_affinity(pps, *pool, out.up, out.up_primary);
  if (out.acting.empty()) {
    out.acting = out.up;
    if (out.acting_primary == -1) out.acting_primary = out.up_primary;
  }
}

}  // namespace radosio::osdc
