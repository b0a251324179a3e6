#include "osdc/osdmap_apply.h"

#include <fmt/format.h>

#include <optional>

#include "osdc/osdmap_codec.h"

namespace radosio::osdc {
namespace {

error invalid(std::string message) {
  return error{make_error_code(errc::malformed), std::move(message)};
}

// Ceph's set_max_osd(): per-OSD tables grow with "does not exist, out, no address" entries
// (and default primary affinity, if the map carries affinities at all) or shrink.
void set_max_osd(osdmap_state& m, std::int32_t n) {
  const auto size = static_cast<std::size_t>(n);
  m.max_osd = n;
  m.osd_state.resize(size, 0);
  m.osd_weight.resize(size, weight_out);
  m.client_addrs.resize(size);
  if (!m.primary_affinity.empty()) m.primary_affinity.resize(size, default_primary_affinity);
}

// Ceph's set_primary_affinity(): the first non-default value materialises the table.
void set_primary_affinity(osdmap_state& m, std::size_t osd, std::uint32_t value) {
  if (m.primary_affinity.empty())
    m.primary_affinity.assign(static_cast<std::size_t>(m.max_osd), default_primary_affinity);
  m.primary_affinity[osd] = value;
}

// The vectors indexed by OSD id can be shorter than max_osd in a malformed base map;
// bring them to max_osd before indexing so no index below can go out of bounds.
void normalise_osd_tables(osdmap_state& m) { set_max_osd(m, m.max_osd); }

template <class Map>
std::optional<std::int32_t> first_out_of_range(const Map& by_osd, std::int32_t max_osd) {
  for (const auto& entry : by_osd)
    if (entry.first < 0 || entry.first >= max_osd) return entry.first;
  return std::nullopt;
}

status check_osd_ids(const osdmap_incremental& inc, std::int32_t max_osd) {
  const auto report = [&](std::optional<std::int32_t> osd, const char* field) -> status {
    if (!osd) return ok_status();
    return invalid(fmt::format("OSDMap::Incremental epoch {}: {} names osd.{} but max_osd is {}",
                               inc.epoch, field, *osd, max_osd));
  };
  if (auto s = report(first_out_of_range(inc.new_state, max_osd), "new_state"); !s) return s;
  if (auto s = report(first_out_of_range(inc.new_up_client, max_osd), "new_up_client"); !s)
    return s;
  if (auto s = report(first_out_of_range(inc.new_weight, max_osd), "new_weight"); !s) return s;
  return report(first_out_of_range(inc.new_primary_affinity, max_osd), "new_primary_affinity");
}

result<osdmap_ref> take_embedded_full_map(const osdmap_incremental& inc) {
  auto full = decode_osdmap_state(inc.fullmap);
  if (!full) {
    return error{full.err().code, fmt::format("OSDMap::Incremental epoch {}: embedded map: {}",
                                              inc.epoch, full.err().what())};
  }
  if (full->epoch != inc.epoch) {
    return invalid(fmt::format("OSDMap::Incremental epoch {} embeds the map of epoch {}", inc.epoch,
                               full->epoch));
  }
  if (inc.full_crc != 0 && full->crc_check == crc_status::verified && full->crc != inc.full_crc) {
    return error{make_error_code(errc::bad_crc),
                 fmt::format("OSDMap::Incremental epoch {}: full_crc {:#010x} but the embedded "
                             "map's crc is {:#010x}",
                             inc.epoch, inc.full_crc, full->crc)};
  }
  return std::make_shared<const osdmap>(std::move(full).value());
}

void apply_pools(osdmap_state& m, const osdmap_incremental& inc) {
  if (inc.new_pool_max != -1) m.pool_max = static_cast<std::int32_t>(inc.new_pool_max);
  for (const auto& [id, pool] : inc.new_pools) {
    auto& p = m.pools[id] = pool;
    p.last_change = m.epoch;  // Ceph stamps every changed pool with the new epoch
  }
  // Only the latest epoch's removals are carried in the map, so these replace, not merge.
  m.new_removed_snaps = inc.new_removed_snaps;
  m.new_purged_snaps = inc.new_purged_snaps;
  if (inc.new_last_up_change != utime{}) m.last_up_change = inc.new_last_up_change;
  if (inc.new_last_in_change != utime{}) m.last_in_change = inc.new_last_in_change;
  for (const auto& [id, name] : inc.new_pool_names) m.pool_names[id] = name;
  for (const auto id : inc.old_pools) {
    m.pools.erase(id);
    m.pool_names.erase(id);
  }
}

void apply_osds(osdmap_state& m, const osdmap_incremental& inc) {
  for (const auto& [osd, w] : inc.new_weight) {
    const auto i = static_cast<std::size_t>(osd);
    m.osd_weight[i] = w;
    // Marking an OSD in clears "auto-marked out" and "never marked in".
    if (w != weight_out) m.osd_state[i] &= ~(osd_state_bit::autoout | osd_state_bit::is_new);
  }
  for (const auto& [osd, a] : inc.new_primary_affinity)
    set_primary_affinity(m, static_cast<std::size_t>(osd), a);

  for (const auto& name : inc.old_erasure_code_profiles) m.erasure_code_profiles.erase(name);
  for (const auto& [name, profile] : inc.new_erasure_code_profiles)
    m.erasure_code_profiles[name] = profile;

  // new_state is XORed in. A zero entry is the pre-Luminous spelling of "mark down" (toggle
  // UP). Toggling EXISTS on an existing OSD destroys it: its state, address and affinity are
  // reset. Marking an OSD down keeps its last address, as Ceph does.
  for (const auto& [osd, bits] : inc.new_state) {
    const auto i = static_cast<std::size_t>(osd);
    const std::uint32_t x = bits != 0 ? bits : osd_state_bit::up;
    if ((m.osd_state[i] & osd_state_bit::exists) && (x & osd_state_bit::exists)) {
      set_primary_affinity(m, i, default_primary_affinity);
      m.client_addrs[i] = {};
      m.osd_state[i] = 0;
    } else {
      m.osd_state[i] ^= x;
    }
  }
  for (const auto& [osd, addrs] : inc.new_up_client) {
    const auto i = static_cast<std::size_t>(osd);
    m.osd_state[i] |= osd_state_bit::exists | osd_state_bit::up;
    m.osd_state[i] &= ~osd_state_bit::stop;
    m.client_addrs[i] = addrs;
  }
}

void apply_pg_mappings(osdmap_state& m, const osdmap_incremental& inc) {
  for (const auto& [pg, osds] : inc.new_pg_temp) {
    if (osds.empty())
      m.pg_temp.erase(pg);
    else
      m.pg_temp[pg] = osds;
  }
  for (const auto& [pg, osd] : inc.new_primary_temp) {
    if (osd == -1)
      m.primary_temp.erase(pg);
    else
      m.primary_temp[pg] = osd;
  }
  for (const auto& [pg, osds] : inc.new_pg_upmap) m.pg_upmap[pg] = osds;
  for (const auto& pg : inc.old_pg_upmap) m.pg_upmap.erase(pg);
  for (const auto& [pg, items] : inc.new_pg_upmap_items) m.pg_upmap_items[pg] = items;
  for (const auto& pg : inc.old_pg_upmap_items) m.pg_upmap_items.erase(pg);
}

void apply_cluster_settings(osdmap_state& m, const osdmap_incremental& inc) {
  for (const auto& [addr, until] : inc.new_blocklist) m.blocklist[addr] = until;
  for (const auto& addr : inc.old_blocklist) m.blocklist.erase(addr);

  if (inc.new_nearfull_ratio >= 0) m.nearfull_ratio = inc.new_nearfull_ratio;
  if (inc.new_backfillfull_ratio >= 0) m.backfillfull_ratio = inc.new_backfillfull_ratio;
  if (inc.new_full_ratio >= 0) m.full_ratio = inc.new_full_ratio;
  if (release_rank(inc.new_require_min_compat_client) > release::unknown)
    m.require_min_compat_client = inc.new_require_min_compat_client;
  // not_set (0xff) ranks below "unknown" and is skipped; "unknown" itself is applied.
  if (release_rank(inc.new_require_osd_release) >= release::unknown) {
    m.require_osd_release = inc.new_require_osd_release;
    const int rank = release_rank(m.require_osd_release);
    if (rank >= release::luminous) {
      m.flags &= ~osdmap_flag::legacy_require_flags;
      m.flags |= osdmap_flag::recovery_deletes;
    }
    if (rank >= release::nautilus) m.flags |= osdmap_flag::pglog_hardlimit;
  }

  // CRUSH goes last, as in Ceph. crush_version only counts for Luminous-era maps: older
  // encodings do not carry it, and bumping it there would diverge from the monitor.
  if (!inc.crush.empty()) {
    m.crush = inc.crush;
    if (release_rank(m.require_osd_release) >= release::luminous) ++m.crush_version;
  }
}

}  // namespace

result<osdmap_ref> apply(const osdmap& base, const osdmap_incremental& inc) {
  const auto& b = base.state();
  if (inc.epoch != b.epoch + 1) {
    return error{make_error_code(errc::protocol_error),
                 fmt::format("OSDMap gap: incremental for epoch {} does not follow epoch {} "
                             "(need epoch {} or a full map)",
                             inc.epoch, b.epoch, b.epoch + 1)};
  }
  if (inc.epoch != 1 && inc.fsid != b.fsid) {
    return invalid(fmt::format("OSDMap::Incremental epoch {} is for cluster {}, not {}", inc.epoch,
                               inc.fsid.to_string(), b.fsid.to_string()));
  }
  if (!inc.fullmap.empty()) return take_embedded_full_map(inc);

  const std::int32_t max_osd = inc.new_max_osd >= 0 ? inc.new_max_osd : b.max_osd;
  if (max_osd < 0 || max_osd > max_sane_osds) {
    return error{make_error_code(errc::length_too_large),
                 fmt::format("OSDMap epoch {}: max_osd {} (at most {} OSDs are accepted)",
                             inc.epoch, max_osd, max_sane_osds)};
  }
  if (auto s = check_osd_ids(inc, max_osd); !s) return s.err();

  osdmap_state m = b;
  m.epoch = inc.epoch;
  if (inc.epoch == 1) m.fsid = inc.fsid;
  m.modified = inc.modified;
  if (inc.new_flags >= 0) {
    m.flags = static_cast<std::uint32_t>(inc.new_flags);
    // A freshly upgraded monitor may still set the legacy flags; they imply a minimum.
    if ((m.flags & osdmap_flag::require_kraken) &&
        release_rank(m.require_osd_release) < release::kraken) {
      m.require_osd_release = release::kraken;
    } else if ((m.flags & osdmap_flag::require_jewel) &&
               release_rank(m.require_osd_release) < release::jewel) {
      m.require_osd_release = release::jewel;
    }
  }
  normalise_osd_tables(m);
  if (inc.new_max_osd >= 0) set_max_osd(m, inc.new_max_osd);

  apply_pools(m, inc);
  apply_osds(m, inc);
  apply_pg_mappings(m, inc);
  apply_cluster_settings(m, inc);

  m.crc = inc.full_crc;
  m.crc_check = inc.full_crc != 0 ? crc_status::unverifiable : crc_status::absent;
  return std::make_shared<const osdmap>(std::move(m));
}

}  // namespace radosio::osdc
