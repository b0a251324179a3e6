#pragma once
// OSDMap::Incremental: the difference between epoch-1 and epoch, as the monitor sends it
// in MOSDMap.
//
//   ENCODE_START(8, 7)                 wrapper
//     ENCODE_START(8, 1)  client part  (decoded field by field)
//     ENCODE_START(9, 1)  OSD-only part (read up to require_osd_release, the rest skipped)
//     le32 inc_crc   = crc32c(crc32c(-1, every byte before inc_crc), the 4 bytes of full_crc)
//     le32 full_crc  = crc of the full map this incremental produces (0 if unknown)

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/buffer.h"
#include "common/result.h"
#include "common/types/basic.h"
#include "common/types/entity_addr.h"
#include "common/types/pg.h"
#include "common/types/pg_pool.h"
#include "osdc/osdmap_types.h"

namespace radosio::osdc {

struct osdmap_incremental {
  // ---- client part ----
  std::uint8_t client_version = 8;
  uuid fsid;
  std::uint32_t epoch = 0;  // the epoch this incremental produces
  utime modified;
  std::int64_t new_pool_max = -1;  // -1: unchanged
  std::int32_t new_flags = -1;     // negative: unchanged
  buffer fullmap;                  // non-empty: a whole map replaces the base
  buffer crush;                    // non-empty: the new CRUSH map, encoded
  std::int32_t new_max_osd = -1;   // negative: unchanged
  std::map<std::int64_t, pg_pool> new_pools;
  std::map<std::int64_t, std::string> new_pool_names;
  std::set<std::int64_t> old_pools;
  std::map<std::int32_t, entity_addrvec> new_up_client;
  // State bits to XOR into osd_state (0 means "toggle UP", i.e. mark down).
  std::map<std::int32_t, std::uint32_t> new_state;
  std::map<std::int32_t, std::uint32_t> new_weight;
  std::map<pg_id, std::vector<std::int32_t>> new_pg_temp;  // empty vector: remove
  std::map<pg_id, std::int32_t> new_primary_temp;          // -1: remove
  std::map<std::int32_t, std::uint32_t> new_primary_affinity;
  erasure_code_profile_map new_erasure_code_profiles;
  std::vector<std::string> old_erasure_code_profiles;
  std::map<pg_id, std::vector<std::int32_t>> new_pg_upmap;
  std::set<pg_id> old_pg_upmap;
  std::map<pg_id, pg_upmap_items_list> new_pg_upmap_items;
  std::set<pg_id> old_pg_upmap_items;
  std::map<std::int64_t, snap_interval_set> new_removed_snaps;
  std::map<std::int64_t, snap_interval_set> new_purged_snaps;
  utime new_last_up_change;  // zero: unchanged
  utime new_last_in_change;

  // ---- OSD-only part: what a client's view of the map depends on ----
  std::uint8_t osd_only_version = 0;
  std::map<entity_addr, utime> new_blocklist;
  std::vector<entity_addr> old_blocklist;
  std::uint64_t encode_features = 0;
  float new_nearfull_ratio = -1;  // negative: unchanged
  float new_full_ratio = -1;
  float new_backfillfull_ratio = -1;
  std::uint8_t new_require_min_compat_client = release::unknown;  // unknown: unchanged
  std::uint8_t new_require_osd_release = release::not_set;        // not_set: unchanged
  // The OSD-only section as decoded (header included), written back verbatim by encode.
  buffer osd_only_raw;

  // ---- trailer ----
  bool has_crc = false;  // wrapper v8 and later
  std::uint32_t inc_crc = 0;
  std::uint32_t full_crc = 0;
};

// Decodes one incremental occupying all of `bytes` and verifies inc_crc (errc::bad_crc on
// mismatch). full_crc is returned for apply() to report on.
[[nodiscard]] result<osdmap_incremental> decode_incremental(const buffer& bytes);

// Encodes `inc` (client part v8; OSD-only part from osd_only_raw, or a minimal v6 section
// built from the fields above when that is empty) and computes inc_crc. A decoded Pacific
// incremental re-encodes to its original bytes.
[[nodiscard]] buffer encode_incremental(const osdmap_incremental& inc);

}  // namespace radosio::osdc
