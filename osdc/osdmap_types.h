#pragma once
// Constants and small aliases shared by the OSDMap, its incrementals and the code that
// applies one to the other. Values are Ceph's wire values (rados.h, ceph_releases.h).

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/buffer.h"
#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "common/types/basic.h"
#include "common/types/pg.h"

namespace radosio::osdc {

// Per-OSD state bits (osd_state[i]; CEPH_OSD_* in rados.h).
namespace osd_state_bit {
inline constexpr std::uint32_t exists = 1u << 0;
inline constexpr std::uint32_t up = 1u << 1;
inline constexpr std::uint32_t autoout = 1u << 2;  // marked out by the monitor, not by hand
inline constexpr std::uint32_t is_new = 1u << 3;   // created, never marked in
inline constexpr std::uint32_t full = 1u << 4;
inline constexpr std::uint32_t nearfull = 1u << 5;
inline constexpr std::uint32_t backfillfull = 1u << 6;
inline constexpr std::uint32_t destroyed = 1u << 7;
inline constexpr std::uint32_t noup = 1u << 8;
inline constexpr std::uint32_t nodown = 1u << 9;
inline constexpr std::uint32_t noin = 1u << 10;
inline constexpr std::uint32_t noout = 1u << 11;
inline constexpr std::uint32_t stop = 1u << 12;
}  // namespace osd_state_bit

// Map-wide flags (CEPH_OSDMAP_* in rados.h).
namespace osdmap_flag {
inline constexpr std::uint32_t nearfull = 1u << 0;
inline constexpr std::uint32_t full = 1u << 1;
inline constexpr std::uint32_t pauserd = 1u << 2;
inline constexpr std::uint32_t pausewr = 1u << 3;
inline constexpr std::uint32_t pauserec = 1u << 4;
inline constexpr std::uint32_t noup = 1u << 5;
inline constexpr std::uint32_t nodown = 1u << 6;
inline constexpr std::uint32_t noout = 1u << 7;
inline constexpr std::uint32_t noin = 1u << 8;
inline constexpr std::uint32_t nobackfill = 1u << 9;
inline constexpr std::uint32_t norecover = 1u << 10;
inline constexpr std::uint32_t noscrub = 1u << 11;
inline constexpr std::uint32_t nodeep_scrub = 1u << 12;
inline constexpr std::uint32_t notieragent = 1u << 13;
inline constexpr std::uint32_t norebalance = 1u << 14;
inline constexpr std::uint32_t sortbitwise = 1u << 15;
inline constexpr std::uint32_t require_jewel = 1u << 16;
inline constexpr std::uint32_t require_kraken = 1u << 17;
inline constexpr std::uint32_t require_luminous = 1u << 18;
inline constexpr std::uint32_t recovery_deletes = 1u << 19;
inline constexpr std::uint32_t purged_snapdirs = 1u << 20;
inline constexpr std::uint32_t nosnaptrim = 1u << 21;
inline constexpr std::uint32_t pglog_hardlimit = 1u << 22;
// The pre-Luminous "require_*_osds" flags, which require_osd_release replaced.
inline constexpr std::uint32_t legacy_require_flags =
    require_jewel | require_kraken | require_luminous;
}  // namespace osdmap_flag

// osd_weight is 16.16 fixed point: 0x10000 is fully "in", 0 is "out".
inline constexpr std::uint32_t weight_in = 0x10000;
inline constexpr std::uint32_t weight_out = 0;
inline constexpr std::uint32_t default_primary_affinity = 0x10000;

// Ceph releases as ceph_release_t numbers. The type is a u8, but Ceph compares it as a
// signed byte so that 0xff ("not set" in an incremental) sorts below every release.
namespace release {
inline constexpr std::uint8_t unknown = 0;
inline constexpr std::uint8_t jewel = 10;
inline constexpr std::uint8_t kraken = 11;
inline constexpr std::uint8_t luminous = 12;
inline constexpr std::uint8_t mimic = 13;
inline constexpr std::uint8_t nautilus = 14;
inline constexpr std::uint8_t octopus = 15;
inline constexpr std::uint8_t pacific = 16;
inline constexpr std::uint8_t not_set = 0xff;
}  // namespace release

[[nodiscard]] constexpr int release_rank(std::uint8_t r) noexcept {
  return static_cast<std::int8_t>(r);
}

// interval_set<snapid_t>, encoded as its map of start -> length.
using snap_interval_set = std::map<std::uint64_t, std::uint64_t>;
using erasure_code_profile_map = std::map<std::string, std::map<std::string, std::string>>;
using pg_upmap_items_list = std::vector<std::pair<std::int32_t, std::int32_t>>;

// A versioned section we carry but do not interpret (osd_xinfo_t and friends), header
// included.
struct raw_section {
  buffer bytes;
  friend bool operator==(const raw_section&, const raw_section&) = default;
};
inline void decode(wire::decoder& d, raw_section& s) { s.bytes = d.take_section_raw("section"); }
inline void encode(wire::encoder& e, const raw_section& s) { e.write_bytes(s.bytes.view()); }

}  // namespace radosio::osdc
