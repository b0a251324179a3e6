// Decoding and encoding of OSDMap::Incremental (layout in osdmap_incremental.h).

#include "osdc/osdmap_incremental.h"

#include <fmt/format.h>

#include <cstring>
#include <optional>

#include "common/crc32c.h"
#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"

namespace radosio::osdc {
namespace {

constexpr std::uint8_t wrapper_understood = 8;
constexpr std::uint8_t first_modern_wrapper = 7;
constexpr std::uint8_t first_crc_wrapper = 8;
constexpr std::uint8_t client_understood = 8;
constexpr std::uint8_t osd_only_understood = 10;

void decode_client_part(wire::decoder& c, std::uint8_t v, osdmap_incremental& inc) {
  inc.client_version = v;
  decode(c, inc.fsid);
  decode(c, inc.epoch);
  decode(c, inc.modified);
  decode(c, inc.new_pool_max);
  decode(c, inc.new_flags);
  decode(c, inc.fullmap);
  decode(c, inc.crush);
  decode(c, inc.new_max_osd);
  decode(c, inc.new_pools);
  decode(c, inc.new_pool_names);
  decode(c, inc.old_pools);
  decode(c, inc.new_up_client);
  if (v >= 5) {
    decode(c, inc.new_state);
  } else {
    std::map<std::int32_t, std::uint8_t> narrow;  // one byte of state per OSD before Mimic
    decode(c, narrow);
    for (const auto& [osd, bits] : narrow) inc.new_state[osd] = bits;
  }
  decode(c, inc.new_weight);
  decode(c, inc.new_pg_temp);
  decode(c, inc.new_primary_temp);
  if (v >= 2) decode(c, inc.new_primary_affinity);
  if (v >= 3) {
    decode(c, inc.new_erasure_code_profiles);
    decode(c, inc.old_erasure_code_profiles);
  }
  if (v >= 4) {
    decode(c, inc.new_pg_upmap);
    decode(c, inc.old_pg_upmap);
    decode(c, inc.new_pg_upmap_items);
    decode(c, inc.old_pg_upmap_items);
  }
  if (v >= 6) {
    decode(c, inc.new_removed_snaps);
    decode(c, inc.new_purged_snaps);
  }
  if (v >= 8) {
    decode(c, inc.new_last_up_change);
    decode(c, inc.new_last_in_change);
  }
  // v9 (Reef) adds pg_upmap_primary changes: Pacific has no such mapping, skipped by length.
}

template <class T>
void skip_value(wire::decoder& d) {
  T ignored{};
  decode(d, ignored);
}

void decode_osd_only_part(wire::decoder& o, std::uint8_t v, osdmap_incremental& inc) {
  inc.osd_only_version = v;
  skip_value<std::map<std::int32_t, entity_addrvec>>(o);                           // new_hb_back_up
  skip_value<std::map<std::int32_t, std::uint32_t>>(o);                            // new_up_thru
  skip_value<std::map<std::int32_t, std::pair<std::uint32_t, std::uint32_t>>>(o);  // clean
  skip_value<std::map<std::int32_t, std::uint32_t>>(o);                            // new_lost
  decode(o, inc.new_blocklist);
  decode(o, inc.old_blocklist);
  skip_value<std::map<std::int32_t, entity_addrvec>>(o);  // new_up_cluster
  skip_value<std::string>(o);                             // cluster_snapshot
  skip_value<std::map<std::int32_t, uuid>>(o);            // new_uuid
  skip_value<std::map<std::int32_t, raw_section>>(o);     // new_xinfo
  skip_value<std::map<std::int32_t, entity_addrvec>>(o);  // new_hb_front_up
  if (v >= 2) decode(o, inc.encode_features);
  if (v >= 3) {
    inc.new_nearfull_ratio = o.read_le<float>("new_nearfull_ratio");
    inc.new_full_ratio = o.read_le<float>("new_full_ratio");
  }
  if (v >= 4) inc.new_backfillfull_ratio = o.read_le<float>("new_backfillfull_ratio");
  if (v == 5) skip_value<std::string>(o);  // release name as text (Luminous dev builds)
  if (v >= 6) {
    decode(o, inc.new_require_min_compat_client);
    decode(o, inc.new_require_osd_release);
  } else {
    // Older monitors expressed the release through flags; Ceph maps them like this, and
    // otherwise sets "unknown" (which, unlike not_set, does get applied).
    const bool has_flags = inc.new_flags >= 0;
    const auto flags = static_cast<std::uint32_t>(inc.new_flags);
    if (has_flags && (flags & osdmap_flag::require_luminous)) {
      inc.new_require_osd_release = release::luminous;
      inc.new_flags = static_cast<std::int32_t>(flags & ~osdmap_flag::legacy_require_flags);
    } else if (has_flags && (flags & osdmap_flag::require_kraken)) {
      inc.new_require_osd_release = release::kraken;
    } else if (has_flags && (flags & osdmap_flag::require_jewel)) {
      inc.new_require_osd_release = release::jewel;
    } else {
      inc.new_require_osd_release = release::unknown;
    }
  }
  // crush node / device class flags and stretch-mode changes follow; not client concerns.
}

void encode_client_part(wire::encoder& c, const osdmap_incremental& inc) {
  encode(c, inc.fsid);
  encode(c, inc.epoch);
  encode(c, inc.modified);
  encode(c, inc.new_pool_max);
  encode(c, inc.new_flags);
  encode(c, inc.fullmap);
  encode(c, inc.crush);
  encode(c, inc.new_max_osd);
  encode(c, inc.new_pools);
  encode(c, inc.new_pool_names);
  encode(c, inc.old_pools);
  encode(c, inc.new_up_client);
  encode(c, inc.new_state);
  encode(c, inc.new_weight);
  encode(c, inc.new_pg_temp);
  encode(c, inc.new_primary_temp);
  encode(c, inc.new_primary_affinity);
  encode(c, inc.new_erasure_code_profiles);
  encode(c, inc.old_erasure_code_profiles);
  encode(c, inc.new_pg_upmap);
  encode(c, inc.old_pg_upmap);
  encode(c, inc.new_pg_upmap_items);
  encode(c, inc.old_pg_upmap_items);
  encode(c, inc.new_removed_snaps);
  encode(c, inc.new_purged_snaps);
  encode(c, inc.new_last_up_change);
  encode(c, inc.new_last_in_change);
}

void encode_minimal_osd_only_part(wire::encoder& e, const osdmap_incremental& inc) {
  e.versioned(6, 1, [&](wire::encoder& o) {
    encode(o, std::uint32_t{0});  // new_hb_back_up
    encode(o, std::uint32_t{0});  // new_up_thru
    encode(o, std::uint32_t{0});  // new_last_clean_interval
    encode(o, std::uint32_t{0});  // new_lost
    encode(o, inc.new_blocklist);
    encode(o, inc.old_blocklist);
    encode(o, std::uint32_t{0});    // new_up_cluster
    encode(o, std::string_view{});  // cluster_snapshot
    encode(o, std::uint32_t{0});    // new_uuid
    encode(o, std::uint32_t{0});    // new_xinfo
    encode(o, std::uint32_t{0});    // new_hb_front_up
    encode(o, inc.encode_features);
    o.write_le(inc.new_nearfull_ratio);
    o.write_le(inc.new_full_ratio);
    o.write_le(inc.new_backfillfull_ratio);
    encode(o, inc.new_require_min_compat_client);
    encode(o, inc.new_require_osd_release);
  });
}

// A v8+ incremental ends with inc_crc and full_crc, so damage can be reported as such before
// any field is read.
std::optional<error> precheck_crc(bytes_view view) {
  constexpr std::size_t header = 6;
  if (view.size() < header + 8 || view[0] < first_crc_wrapper) return std::nullopt;
  std::uint32_t length = 0;
  std::memcpy(&length, view.data() + 2, 4);
  if (length != view.size() - header) return std::nullopt;  // the decoder will explain
  const std::size_t inc_crc_at = view.size() - 8;
  std::uint32_t stored = 0;
  std::memcpy(&stored, view.data() + inc_crc_at, 4);
  const auto computed =
      crc32c(crc32c(0xffffffff, view.first(inc_crc_at)), view.subspan(inc_crc_at + 4));
  if (stored == computed) return std::nullopt;
  return error{make_error_code(errc::bad_crc),
               fmt::format("OSDMap::Incremental: stored inc_crc {:#010x} != computed {:#010x}",
                           stored, computed)};
}

error decoder_error(const wire::decoder& d) {
  return error{d.error(), fmt::format("OSDMap::Incremental: {}", d.message())};
}

}  // namespace

result<osdmap_incremental> decode_incremental(const buffer& bytes) {
  if (auto damaged = precheck_crc(bytes.view())) return *damaged;
  osdmap_incremental inc;
  wire::decoder d(bytes, "OSDMap::Incremental");
  buffer osd_only;
  std::size_t inc_crc_at = 0;
  d.versioned_legacy(
      "OSDMap::Incremental", wrapper_understood, 7, 7, [&](wire::decoder& w, std::uint8_t v) {
        if (v < first_modern_wrapper) {
          w.fail(errc::unsupported_version,
                 fmt::format("OSDMap::Incremental v{} uses the pre-Giant classic layout", v));
          return;
        }
        w.versioned("OSDMap::Incremental client data", client_understood,
                    [&](wire::decoder& c, std::uint8_t cv) { decode_client_part(c, cv, inc); });
        osd_only = w.take_section_raw("OSDMap::Incremental OSD-only data");
        if (v >= first_crc_wrapper) {
          inc_crc_at = w.position();
          decode(w, inc.inc_crc);
          decode(w, inc.full_crc);
          inc.has_crc = true;
        }
      });
  if (!d.ok()) return decoder_error(d);
  if (!d.at_end()) {
    return error{make_error_code(errc::malformed),
                 fmt::format("OSDMap::Incremental: {} bytes after it", d.remaining())};
  }

  wire::decoder o(osd_only, "OSDMap::Incremental OSD-only data");
  o.versioned("OSDMap::Incremental OSD-only data", osd_only_understood,
              [&](wire::decoder& s, std::uint8_t v) { decode_osd_only_part(s, v, inc); });
  if (!o.ok()) return decoder_error(o);
  inc.osd_only_raw = osd_only;

  if (inc.has_crc) {
    // inc_crc skips its own four bytes: front, then everything after it (full_crc).
    const auto view = bytes.view();
    const auto front = crc32c(0xffffffff, view.first(inc_crc_at));
    const auto computed = crc32c(front, view.subspan(inc_crc_at + 4));
    if (computed != inc.inc_crc) {
      return error{make_error_code(errc::bad_crc),
                   fmt::format("OSDMap::Incremental epoch {}: stored inc_crc {:#010x} != "
                               "computed {:#010x}",
                               inc.epoch, inc.inc_crc, computed)};
    }
  }
  return inc;
}

buffer encode_incremental(const osdmap_incremental& inc) {
  wire::encoder e;
  std::size_t inc_crc_at = 0;
  e.versioned(8, 7, [&](wire::encoder& w) {
    w.versioned(8, 1, [&](wire::encoder& c) { encode_client_part(c, inc); });
    if (!inc.osd_only_raw.empty()) {
      w.write_bytes(inc.osd_only_raw.view());
    } else {
      encode_minimal_osd_only_part(w, inc);
    }
    inc_crc_at = w.size();
    encode(w, std::uint32_t{0});  // inc_crc, filled in below
    encode(w, inc.full_crc);
  });
  const auto front = crc32c(0xffffffff, e.view().first(inc_crc_at));
  e.patch_le32(inc_crc_at, crc32c(front, e.view().subspan(inc_crc_at + 4)));
  return std::move(e).finish();
}

}  // namespace radosio::osdc
