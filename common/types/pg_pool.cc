#include "common/types/pg_pool.h"

#include <algorithm>

#include <fmt/format.h>

namespace radosio {
namespace {

constexpr std::uint8_t oldest_understood_version = 14;
constexpr std::uint8_t newest_understood_version = 31;
constexpr std::uint8_t plain_pool_version = 29;
constexpr std::uint8_t stretch_pool_version = 30;

// pool_opts_t value tags.
enum : std::int32_t { opt_string = 0, opt_int = 1, opt_double = 2 };

void decode_opts(wire::decoder& d, std::map<std::int32_t, pool_opt_value>& opts) {
  d.versioned("pool_opts_t", 2, [&](wire::decoder& s, std::uint8_t v) {
    const auto n = s.read_count(8, "pool options");
    opts.clear();
    for (std::uint32_t i = 0; i < n && s.ok(); ++i) {
      std::int32_t key = 0, tag = 0;
      decode(s, key);
      decode(s, tag);
      switch (tag) {
        case opt_string: {
          std::string text;
          decode(s, text);
          opts[key] = std::move(text);
          break;
        }
        case opt_int:
          if (v >= 2) {
            opts[key] = s.read_le<std::int64_t>("int option");
          } else {
            opts[key] = std::int64_t{s.read_le<std::int32_t>("int option")};
          }
          break;
        case opt_double: opts[key] = s.read_le<double>("double option"); break;
        default: s.fail(errc::malformed, fmt::format("pool option {} has type {}", key, tag));
      }
    }
  });
}

void encode_opts(wire::encoder& e, const std::map<std::int32_t, pool_opt_value>& opts) {
  e.versioned(2, 1, [&](wire::encoder& s) {
    encode(s, static_cast<std::uint32_t>(opts.size()));
    for (const auto& [key, value] : opts) {
      encode(s, key);
      if (const auto* text = std::get_if<std::string>(&value)) {
        encode(s, std::int32_t{opt_string});
        encode(s, *text);
      } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
        encode(s, std::int32_t{opt_int});
        encode(s, *i);
      } else {
        encode(s, std::int32_t{opt_double});
        s.write_le(std::get<double>(value));
      }
    }
  });
}

void decode(wire::decoder& d, pg_merge_meta& m) {
  d.versioned("pg_merge_meta_t", 1, [&](wire::decoder& s, std::uint8_t) {
    decode(s, m.source_pgid);
    decode(s, m.ready_epoch);
    decode(s, m.last_epoch_started);
    decode(s, m.last_epoch_clean);
    decode(s, m.source_version);
    decode(s, m.target_version);
  });
}

void encode(wire::encoder& e, const pg_merge_meta& m) {
  e.versioned(1, 1, [&](wire::encoder& s) {
    encode(s, m.source_pgid);
    encode(s, m.ready_epoch);
    encode(s, m.last_epoch_started);
    encode(s, m.last_epoch_clean);
    encode(s, m.source_version);
    encode(s, m.target_version);
  });
}

// HitSet::Params matters only to cache tiers, so it stays encoded; the common "none" form
// is kept as an empty buffer, the same value a default-constructed pool has.
buffer take_hit_set_params(wire::decoder& d) {
  auto raw = d.take_section_raw("HitSet::Params");
  constexpr std::uint8_t none_section[] = {1, 1, 1, 0, 0, 0, 0};
  if (raw.view().size() == sizeof(none_section) &&
      std::equal(raw.view().begin(), raw.view().end(), none_section)) {
    return {};
  }
  return raw;
}

}  // namespace

void decode(wire::decoder& d, pool_snap_info& s) {
  d.versioned_legacy("pool_snap_info_t", 2, 2, 2, [&](wire::decoder& b, std::uint8_t) {
    decode(b, s.snap);
    decode(b, s.stamp);
    decode(b, s.name);
  });
}

void encode(wire::encoder& e, const pool_snap_info& s) {
  e.versioned(2, 2, [&](wire::encoder& b) {
    encode(b, s.snap);
    encode(b, s.stamp);
    encode(b, s.name);
  });
}

void decode(wire::decoder& d, pg_pool& p) {
  d.versioned_legacy("pg_pool_t", newest_understood_version, 5, 5, [&](wire::decoder& s,
                                                                       std::uint8_t v) {
    p.encoded_version = v;
    if (v < oldest_understood_version) {
      s.fail(errc::unsupported_version,
             fmt::format("pg_pool_t v{} predates v{}", v, oldest_understood_version));
      return;
    }
    std::uint8_t type = 0;
    decode(s, type);
    p.type = static_cast<pool_type>(type);
    decode(s, p.size);
    decode(s, p.crush_rule);
    decode(s, p.object_hash);
    decode(s, p.pg_num);
    decode(s, p.pgp_num);
    s.skip(8, "lpg_num and lpgp_num");  // localized PGs, long gone, always zero
    decode(s, p.last_change);
    decode(s, p.snap_seq);
    decode(s, p.snap_epoch);
    decode(s, p.snaps);
    decode(s, p.removed_snaps);
    decode(s, p.auid);
    decode(s, p.flags);
    s.skip(4, "crash_replay_interval");
    decode(s, p.min_size);
    decode(s, p.quota_max_bytes);
    decode(s, p.quota_max_objects);
    decode(s, p.tiers);
    decode(s, p.tier_of);
    decode(s, p.cache_mode);
    decode(s, p.read_tier);
    decode(s, p.write_tier);
    decode(s, p.properties);
    p.hit_set_params = take_hit_set_params(s);
    decode(s, p.hit_set_period);
    decode(s, p.hit_set_count);
    decode(s, p.stripe_width);
    decode(s, p.target_max_bytes);
    decode(s, p.target_max_objects);
    decode(s, p.cache_target_dirty_ratio_micro);
    decode(s, p.cache_target_full_ratio_micro);
    decode(s, p.cache_min_flush_age);
    decode(s, p.cache_min_evict_age);
    decode(s, p.erasure_code_profile);
    if (v >= 15) decode(s, p.last_force_op_resend_preluminous);
    p.min_read_recency_for_promote = 1;
    if (v >= 16) decode(s, p.min_read_recency_for_promote);
    if (v >= 17) decode(s, p.expected_num_objects);
    p.cache_target_dirty_high_ratio_micro = p.cache_target_dirty_ratio_micro;
    if (v >= 19) decode(s, p.cache_target_dirty_high_ratio_micro);
    p.min_write_recency_for_promote = 1;
    if (v >= 20) decode(s, p.min_write_recency_for_promote);
    if (v >= 21) decode(s, p.use_gmt_hitset);
    if (v >= 22) decode(s, p.fast_read);
    p.hit_set_search_last_n = 1;
    if (v >= 23) {
      decode(s, p.hit_set_grade_decay_rate);
      decode(s, p.hit_set_search_last_n);
    }
    if (v >= 24) decode_opts(s, p.opts);
    p.last_force_op_resend_prenautilus = p.last_force_op_resend_preluminous;
    if (v >= 25) decode(s, p.last_force_op_resend_prenautilus);
    if (v >= 26) decode(s, p.application_metadata);
    if (v >= 27) decode(s, p.create_time);
    if (v >= 28) {
      decode(s, p.pg_num_target);
      decode(s, p.pgp_num_target);
      decode(s, p.pg_num_pending);
      decode(s, p.last_pg_merge_meta.last_epoch_started);  // pre-v29 home of these two
      decode(s, p.last_pg_merge_meta.last_epoch_clean);
      decode(s, p.last_force_op_resend);
      decode(s, p.pg_autoscale_mode);
      if (v >= 29) decode(s, p.last_pg_merge_meta);
    } else {
      p.pg_num_target = p.pg_num;
      p.pgp_num_target = p.pgp_num;
      p.pg_num_pending = p.pg_num;
      p.last_force_op_resend = p.last_force_op_resend_prenautilus;
    }
    if (v == stretch_pool_version) {
      decode(s, p.peering_crush_bucket_count);
      decode(s, p.peering_crush_bucket_target);
      decode(s, p.peering_crush_bucket_barrier);
      decode(s, p.peering_crush_mandatory_member);
    } else if (v > stretch_pool_version) {
      // Reef moved the same four values into an optional tuple (absent for plain pools).
      bool present = false;
      decode(s, present);
      if (present) {
        decode(s, p.peering_crush_bucket_count);
        decode(s, p.peering_crush_bucket_target);
        decode(s, p.peering_crush_bucket_barrier);
        decode(s, p.peering_crush_mandatory_member);
      }
    }
  });
}

void encode(wire::encoder& e, const pg_pool& p) {
  // Like Ceph, only stretch pools pay for v30: everything else stays readable by v29 peers.
  const std::uint8_t version = p.is_stretch_pool() ? stretch_pool_version : plain_pool_version;
  e.versioned(version, 5, [&](wire::encoder& s) {
    encode(s, static_cast<std::uint8_t>(p.type));
    encode(s, p.size);
    encode(s, p.crush_rule);
    encode(s, p.object_hash);
    encode(s, p.pg_num);
    encode(s, p.pgp_num);
    encode(s, std::uint64_t{0});  // lpg_num, lpgp_num
    encode(s, p.last_change);
    encode(s, p.snap_seq);
    encode(s, p.snap_epoch);
    encode(s, p.snaps);
    encode(s, p.removed_snaps);
    encode(s, p.auid);
    encode(s, p.flags);
    encode(s, std::uint32_t{0});  // crash_replay_interval
    encode(s, p.min_size);
    encode(s, p.quota_max_bytes);
    encode(s, p.quota_max_objects);
    encode(s, p.tiers);
    encode(s, p.tier_of);
    encode(s, p.cache_mode);
    encode(s, p.read_tier);
    encode(s, p.write_tier);
    encode(s, p.properties);
    if (p.hit_set_params.empty()) {
      s.versioned(1, 1, [](wire::encoder& h) { encode(h, std::uint8_t{0}); });  // type none
    } else {
      s.write_bytes(p.hit_set_params.view());
    }
    encode(s, p.hit_set_period);
    encode(s, p.hit_set_count);
    encode(s, p.stripe_width);
    encode(s, p.target_max_bytes);
    encode(s, p.target_max_objects);
    encode(s, p.cache_target_dirty_ratio_micro);
    encode(s, p.cache_target_full_ratio_micro);
    encode(s, p.cache_min_flush_age);
    encode(s, p.cache_min_evict_age);
    encode(s, p.erasure_code_profile);
    encode(s, p.last_force_op_resend_preluminous);
    encode(s, p.min_read_recency_for_promote);
    encode(s, p.expected_num_objects);
    encode(s, p.cache_target_dirty_high_ratio_micro);
    encode(s, p.min_write_recency_for_promote);
    encode(s, p.use_gmt_hitset);
    encode(s, p.fast_read);
    encode(s, p.hit_set_grade_decay_rate);
    encode(s, p.hit_set_search_last_n);
    encode_opts(s, p.opts);
    encode(s, p.last_force_op_resend_prenautilus);
    encode(s, p.application_metadata);
    encode(s, p.create_time);
    encode(s, p.pg_num_target);
    encode(s, p.pgp_num_target);
    encode(s, p.pg_num_pending);
    encode(s, std::uint64_t{0});  // the two retired merge epochs, written as zero since v29
    encode(s, p.last_force_op_resend);
    encode(s, p.pg_autoscale_mode);
    encode(s, p.last_pg_merge_meta);
    if (version >= stretch_pool_version) {
      encode(s, p.peering_crush_bucket_count);
      encode(s, p.peering_crush_bucket_target);
      encode(s, p.peering_crush_bucket_barrier);
      encode(s, p.peering_crush_mandatory_member);
    }
  });
}

}  // namespace radosio
