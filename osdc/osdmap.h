#pragma once
// The cluster's OSDMap as a client sees it: pools, OSD states, weights and addresses, the
// temporary and explicit PG mappings, and the CRUSH map (kept encoded; crush/ decodes it).
//
// An osdmap is immutable once built and is shared as std::shared_ptr<const osdmap>: the
// objecter hands the same map to every op placed in one epoch, and a new epoch is a new map
// (decode_osdmap() for a full map, apply() for an incremental). Builders work on the plain
// osdmap_state and wrap it at the end.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/buffer.h"
#include "common/types/basic.h"
#include "common/types/entity_addr.h"
#include "common/types/pg.h"
#include "common/types/pg_pool.h"
#include "osdc/osdmap_types.h"

namespace radosio::osdc {

// The most OSDs a map may declare (max_osd). Per-OSD tables are sized by max_osd, so a
// hostile or corrupt map claiming 2^31 OSDs must be refused before anything is allocated;
// the largest real clusters have tens of thousands (Ceph's mon_max_osd defaults to 10,000).
inline constexpr std::int32_t max_sane_osds = 1 << 20;

// How far a map's crc could be checked.
enum class crc_status : std::uint8_t {
  verified,      // decoded from bytes whose trailing crc matched
  unverifiable,  // built by apply(): we do not re-encode the OSD-only part, so the crc the
                 // incremental announced (osdmap_state::crc) could not be recomputed
  absent,        // no crc to check (an incremental that carried full_crc 0, or a built map)
};

// Every field of the full map a client uses. Plain data: decode and apply fill it in.
struct osdmap_state {
  // ---- client part (ENCODE_START(9, 1) in a Pacific map) ----
  std::uint8_t client_version = 9;  // the version the client part was decoded from
  uuid fsid;
  std::uint32_t epoch = 0;
  utime created;
  utime modified;
  std::map<std::int64_t, pg_pool> pools;
  std::map<std::int64_t, std::string> pool_names;
  std::int32_t pool_max = -1;
  std::uint32_t flags = 0;  // osdmap_flag bits
  std::int32_t max_osd = 0;
  // Indexed by OSD id, max_osd entries each (a malformed map may disagree; queries check).
  std::vector<std::uint32_t> osd_state;   // osd_state_bit
  std::vector<std::uint32_t> osd_weight;  // 16.16, weight_in = 0x10000
  std::vector<entity_addrvec> client_addrs;
  std::map<pg_id, std::vector<std::int32_t>> pg_temp;
  std::map<pg_id, std::int32_t> primary_temp;
  std::vector<std::uint32_t> primary_affinity;  // empty: every OSD has the default
  buffer crush;                                 // CrushWrapper encoding, uninterpreted here
  erasure_code_profile_map erasure_code_profiles;
  std::map<pg_id, std::vector<std::int32_t>> pg_upmap;
  std::map<pg_id, pg_upmap_items_list> pg_upmap_items;
  std::int32_t crush_version = 1;
  std::map<std::int64_t, snap_interval_set> new_removed_snaps;
  std::map<std::int64_t, snap_interval_set> new_purged_snaps;
  utime last_up_change;
  utime last_in_change;

  // ---- from the OSD-only part: the few fields that change what a client does ----
  std::uint8_t osd_only_version = 0;
  std::map<entity_addr, utime> blocklist;  // clients (not OSDs) that may not do I/O
  float nearfull_ratio = 0;
  float full_ratio = 0;
  float backfillfull_ratio = 0;
  std::uint8_t require_min_compat_client = release::unknown;
  std::uint8_t require_osd_release = release::unknown;
  // The whole OSD-only section as decoded (header included), so a decoded map re-encodes
  // to its original bytes. apply() leaves the base's copy here: it is not kept current.
  buffer osd_only_raw;

  // ---- integrity ----
  std::uint32_t crc = 0;  // the map's own crc, or the full_crc an incremental announced
  crc_status crc_check = crc_status::absent;
};

class osdmap {
 public:
  osdmap() = default;
  explicit osdmap(osdmap_state state) : s_(std::move(state)) {}

  [[nodiscard]] const osdmap_state& state() const noexcept { return s_; }

  [[nodiscard]] const uuid& fsid() const noexcept { return s_.fsid; }
  [[nodiscard]] std::uint32_t epoch() const noexcept { return s_.epoch; }
  [[nodiscard]] const utime& created() const noexcept { return s_.created; }
  [[nodiscard]] const utime& modified() const noexcept { return s_.modified; }
  [[nodiscard]] std::uint32_t flags() const noexcept { return s_.flags; }
  [[nodiscard]] bool test_flag(std::uint32_t f) const noexcept { return (s_.flags & f) != 0; }
  [[nodiscard]] std::int32_t max_osd() const noexcept { return s_.max_osd; }
  [[nodiscard]] std::int32_t pool_max() const noexcept { return s_.pool_max; }
  [[nodiscard]] std::int32_t crush_version() const noexcept { return s_.crush_version; }
  [[nodiscard]] const std::map<std::int64_t, pg_pool>& pools() const noexcept { return s_.pools; }
  [[nodiscard]] const std::map<std::int64_t, std::string>& pool_names() const noexcept {
    return s_.pool_names;
  }
  [[nodiscard]] const buffer& crush_bytes() const noexcept { return s_.crush; }
  [[nodiscard]] const std::map<pg_id, std::vector<std::int32_t>>& pg_temp() const noexcept {
    return s_.pg_temp;
  }
  [[nodiscard]] const std::map<pg_id, std::int32_t>& primary_temp() const noexcept {
    return s_.primary_temp;
  }
  [[nodiscard]] const std::map<pg_id, std::vector<std::int32_t>>& pg_upmap() const noexcept {
    return s_.pg_upmap;
  }
  [[nodiscard]] const std::map<pg_id, pg_upmap_items_list>& pg_upmap_items() const noexcept {
    return s_.pg_upmap_items;
  }
  [[nodiscard]] const erasure_code_profile_map& erasure_code_profiles() const noexcept {
    return s_.erasure_code_profiles;
  }
  [[nodiscard]] std::uint32_t crc() const noexcept { return s_.crc; }
  [[nodiscard]] crc_status crc_check() const noexcept { return s_.crc_check; }

  // ---- per-OSD queries; ids outside [0, max_osd) are answered "no" / 0 ----
  [[nodiscard]] bool exists(std::int32_t osd) const noexcept;
  [[nodiscard]] bool is_up(std::int32_t osd) const noexcept;
  [[nodiscard]] bool is_down(std::int32_t osd) const noexcept { return !is_up(osd); }
  [[nodiscard]] bool is_in(std::int32_t osd) const noexcept { return weight(osd) != weight_out; }
  [[nodiscard]] bool is_out(std::int32_t osd) const noexcept { return !is_in(osd); }
  // 16.16 fixed point (0x10000 = in); 0 for an OSD that does not exist.
  [[nodiscard]] std::uint32_t weight(std::int32_t osd) const noexcept;
  [[nodiscard]] double weightf(std::int32_t osd) const noexcept {
    return static_cast<double>(weight(osd)) / weight_in;
  }
  [[nodiscard]] std::uint32_t state_bits(std::int32_t osd) const noexcept;
  // default_primary_affinity when the map carries none.
  [[nodiscard]] std::uint32_t primary_affinity(std::int32_t osd) const noexcept;
  // The addresses clients use to reach the OSD; empty when unknown.
  [[nodiscard]] const entity_addrvec& client_addrs(std::int32_t osd) const noexcept;
  // The msgr2 address we connect to, if the OSD exists, is up and advertises one.
  [[nodiscard]] std::optional<entity_addr> osd_v2_addr(std::int32_t osd) const;

  // ---- pools ----
  [[nodiscard]] const pg_pool* pool(std::int64_t id) const noexcept;
  // The id of the pool called `name`, or -1.
  [[nodiscard]] std::int64_t lookup_pool(std::string_view name) const noexcept;
  [[nodiscard]] const pg_pool* pool_by_name(std::string_view name) const noexcept {
    return pool(lookup_pool(name));
  }
  // Empty if the pool is unknown.
  [[nodiscard]] std::string pool_name(std::int64_t id) const;

  // Is this client address blocklisted (exact entry, or its whole IP)?
  [[nodiscard]] bool is_blocklisted(const entity_addr& addr) const;

 private:
  osdmap_state s_;
};

using osdmap_ref = std::shared_ptr<const osdmap>;

}  // namespace radosio::osdc
