#pragma once
// Where a PG, and so an object, lives: Ceph's OSDMap::_pg_to_up_acting_osds pipeline
// (protocol.md b.6), bit-exact with Ceph Pacific.
//
//   object --hash (rjenkins or linux dcache; "nspace\x1f" + name, or the locator key)--> raw pg
//   raw pg --stable_mod(pg_num)--> pg;  --stable_mod(pgp_num), crush_hash32_2 with the pool
//   (HASHPSPOOL)--> pps --CRUSH rule, choose_args of the pool--> raw OSDs
//   --drop nonexistent--> --pg_upmap, pg_upmap_items--> --drop down (replicated: shift;
//   erasure: holes)--> up --primary affinity--> up primary --pg_temp, primary_temp--> acting
//
// A placement is built once per OSDMap epoch (it decodes that epoch's CRUSH map) and is then
// immutable; mapping needs only a caller-owned CRUSH workspace.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/types/pg.h"
#include "crush/crush_map.h"
#include "crush/workspace.h"
#include "osdc/osdmap.h"

namespace radosio::osdc {

inline constexpr std::int32_t no_osd = crush::item_none;  // a hole in an erasure-coded set

struct pg_mapping {
  std::vector<std::int32_t> raw;  // CRUSH's answer, nonexistent OSDs dropped, before upmaps
  std::vector<std::int32_t> up;
  std::vector<std::int32_t> acting;
  std::int32_t raw_primary = -1;
  std::int32_t up_primary = -1;
  std::int32_t acting_primary = -1;
};

// Ceph's object name hashes (pg_pool_t::object_hash).
enum class object_hash_type : std::uint8_t { linux_dcache = 1, rjenkins = 2 };
[[nodiscard]] std::uint32_t object_name_hash(object_hash_type type, std::string_view text) noexcept;

class placement {
 public:
  // Decodes the map's CRUSH map. Fails if it cannot be decoded.
  static result<std::shared_ptr<const placement>> build(osdmap_ref map);

  [[nodiscard]] const osdmap& map() const noexcept { return *map_; }
  [[nodiscard]] const osdmap_ref& map_ref() const noexcept { return map_; }
  [[nodiscard]] const crush::crush_map& crush() const noexcept { return crush_; }

  // A workspace sized for this epoch's CRUSH map; reuse it for every mapping of the epoch.
  [[nodiscard]] crush::workspace make_workspace() const { return crush::workspace(crush_); }

  // The raw PG of an object: its seed is the full 32-bit hash (what `ceph osd map` prints as
  // raw_pgid). `key` (the locator key), when not empty, is hashed instead of the name.
  [[nodiscard]] result<pg_id> object_to_raw_pg(std::int64_t pool, std::string_view name,
                                               std::string_view key = {},
                                               std::string_view nspace = {}) const;
  // The PG a raw PG falls in: its seed folded onto pg_num.
  [[nodiscard]] static pg_id raw_to_pg(const pg_pool& pool, pg_id raw) noexcept;
  // The placement seed CRUSH is given for a PG.
  [[nodiscard]] static std::uint32_t placement_seed(const pg_pool& pool, pg_id pg) noexcept;

  // Everything about where `pg` (raw or folded) lives. A pool that does not exist gives
  // empty sets and -1 primaries.
  void map_pg(pg_id pg, crush::workspace& ws, pg_mapping& out) const;

 private:
  placement(osdmap_ref map, crush::crush_map crush) : map_(std::move(map)), crush_(std::move(crush)) {}

  void raw_osds(const pg_pool& pool, pg_id pg, crush::workspace& ws, std::vector<std::int32_t>& out,
                std::uint32_t& pps) const;
  void apply_upmap(pg_id pg, std::vector<std::int32_t>& raw) const;
  // Drops (replicated) or holes (erasure) the OSDs that are missing or down, in place.
  void raw_to_up(const pg_pool& pool, std::vector<std::int32_t>& osds) const;
  void apply_primary_affinity(std::uint32_t pps, const pg_pool& pool, std::vector<std::int32_t>& up,
                              std::int32_t& primary) const;
  void temp_osds(const pg_pool& pool, pg_id pg, std::vector<std::int32_t>& acting,
                 std::int32_t& primary) const;
  [[nodiscard]] bool target_is_out(std::int32_t osd) const noexcept;

  osdmap_ref map_;
  crush::crush_map crush_;
  std::vector<std::uint32_t> weights_;  // osd_weight as CRUSH wants it
};

using placement_ref = std::shared_ptr<const placement>;

}  // namespace radosio::osdc
