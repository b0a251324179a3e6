#pragma once
// A pool's description as the OSDMap carries it (Ceph's pg_pool_t).
//
// Every field is kept, including cache-tiering ones a client never acts on, so that a
// decoded pool re-encodes to the same bytes: that is how the tests prove no field is misread.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <variant>

#include "common/buffer.h"
#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "common/types/basic.h"
#include "common/types/object.h"
#include "common/types/pg.h"

namespace radosio {

enum class pool_type : std::uint8_t { replicated = 1, erasure = 3 };

// Pool flags (FLAG_* in pg_pool_t) that change what a client does.
namespace pool_flag {
inline constexpr std::uint64_t hashpspool = 1ull << 0;  // placement seeds mixed with the pool id
inline constexpr std::uint64_t full = 1ull << 1;
inline constexpr std::uint64_t full_quota = 1ull << 10;
inline constexpr std::uint64_t nearfull = 1ull << 11;
inline constexpr std::uint64_t backfillfull = 1ull << 12;
inline constexpr std::uint64_t selfmanaged_snaps = 1ull << 13;
inline constexpr std::uint64_t pool_snaps = 1ull << 14;
inline constexpr std::uint64_t creating = 1ull << 15;
}  // namespace pool_flag

struct pool_snap_info {
  snapid snap = 0;
  utime stamp;
  std::string name;
  friend bool operator==(const pool_snap_info&, const pool_snap_info&) = default;
};

void decode(wire::decoder& d, pool_snap_info& s);
void encode(wire::encoder& e, const pool_snap_info& s);

// pool_opts_t values: a string, an integer or a floating point number, keyed by option id.
using pool_opt_value = std::variant<std::string, std::int64_t, double>;

struct pg_merge_meta {
  pg_id source_pgid;
  std::uint32_t ready_epoch = 0;
  std::uint32_t last_epoch_started = 0;
  std::uint32_t last_epoch_clean = 0;
  eversion source_version;
  eversion target_version;
  friend bool operator==(const pg_merge_meta&, const pg_merge_meta&) = default;
};

struct pg_pool {
  std::uint8_t encoded_version = 29;  // the version we decoded (informational)
  pool_type type = pool_type::replicated;
  std::uint8_t size = 0;
  std::uint8_t crush_rule = 0;
  std::uint8_t object_hash = 2;  // 2 = rjenkins
  std::uint32_t pg_num = 0;
  std::uint32_t pgp_num = 0;
  std::uint32_t last_change = 0;
  snapid snap_seq = 0;
  std::uint32_t snap_epoch = 0;
  std::map<snapid, pool_snap_info> snaps;
  std::map<snapid, snapid> removed_snaps;  // interval_set: start -> length
  std::uint64_t auid = 0;
  std::uint64_t flags = 0;
  std::uint8_t min_size = 0;
  std::uint64_t quota_max_bytes = 0;
  std::uint64_t quota_max_objects = 0;
  std::set<std::int64_t> tiers;
  std::int64_t tier_of = -1;
  std::uint8_t cache_mode = 0;
  std::int64_t read_tier = -1;
  std::int64_t write_tier = -1;
  std::map<std::string, std::string> properties;
  buffer hit_set_params;  // HitSet::Params, kept encoded: only cache tiering uses it
  std::uint32_t hit_set_period = 0;
  std::uint32_t hit_set_count = 0;
  std::uint32_t stripe_width = 0;
  std::uint64_t target_max_bytes = 0;
  std::uint64_t target_max_objects = 0;
  std::uint32_t cache_target_dirty_ratio_micro = 0;
  std::uint32_t cache_target_full_ratio_micro = 0;
  std::uint32_t cache_min_flush_age = 0;
  std::uint32_t cache_min_evict_age = 0;
  std::string erasure_code_profile;
  std::uint32_t last_force_op_resend_preluminous = 0;
  std::int32_t min_read_recency_for_promote = 0;
  std::uint64_t expected_num_objects = 0;
  std::uint32_t cache_target_dirty_high_ratio_micro = 0;
  std::int32_t min_write_recency_for_promote = 0;
  bool use_gmt_hitset = false;
  bool fast_read = false;
  std::int32_t hit_set_grade_decay_rate = 0;
  std::int32_t hit_set_search_last_n = 0;
  std::map<std::int32_t, pool_opt_value> opts;
  std::uint32_t last_force_op_resend_prenautilus = 0;
  std::map<std::string, std::map<std::string, std::string>> application_metadata;
  utime create_time;
  std::uint32_t pg_num_target = 0;
  std::uint32_t pgp_num_target = 0;
  std::uint32_t pg_num_pending = 0;
  std::uint32_t last_force_op_resend = 0;
  std::uint8_t pg_autoscale_mode = 0;
  pg_merge_meta last_pg_merge_meta;
  // Stretch pools (v30): peering needs OSDs under at least `count` distinct CRUSH buckets of
  // type `barrier`, optionally including `mandatory_member`. A zero count means "not a
  // stretch pool", and such pools still encode as v29 so older peers can read them.
  std::uint32_t peering_crush_bucket_count = 0;
  std::uint32_t peering_crush_bucket_target = 0;
  std::uint32_t peering_crush_bucket_barrier = 0;
  std::int32_t peering_crush_mandatory_member = 0x7fffffff;  // CRUSH_ITEM_NONE

  friend bool operator==(const pg_pool&, const pg_pool&) = default;

  [[nodiscard]] bool has_flag(std::uint64_t f) const noexcept { return (flags & f) != 0; }
  [[nodiscard]] bool is_erasure() const noexcept { return type == pool_type::erasure; }
  [[nodiscard]] bool is_stretch_pool() const noexcept { return peering_crush_bucket_count != 0; }
};

// Decodes v14 and later (everything since Firefly's OSDENC); older encodings are refused.
void decode(wire::decoder& d, pg_pool& p);
// Encodes v29, what a Pacific monitor sends to a client with Nautilus features, or v30 for a
// stretch pool (the only pools Pacific encodes at v30).
void encode(wire::encoder& e, const pg_pool& p);

}  // namespace radosio
