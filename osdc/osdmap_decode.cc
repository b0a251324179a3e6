// Decoding of the full OSDMap (see osdmap_codec.h for the layout).

#include <fmt/format.h>

#include <cstring>
#include <optional>

#include "common/crc32c.h"
#include "common/encoding/decoder.h"
#include "osdc/osdmap_codec.h"

namespace radosio::osdc {
namespace {

constexpr std::uint8_t wrapper_understood = 8;
constexpr std::uint8_t first_modern_wrapper = 7;  // older maps use the "classic" layout
constexpr std::uint8_t first_crc_wrapper = 8;
constexpr std::uint8_t client_understood = 9;
constexpr std::uint8_t osd_only_understood = 10;
constexpr std::size_t osd_info_size = 25;  // u8 version + six le32 epochs, no length field

void decode_client_part(wire::decoder& c, std::uint8_t v, osdmap_state& m) {
  m.client_version = v;
  decode(c, m.fsid);
  decode(c, m.epoch);
  decode(c, m.created);
  decode(c, m.modified);
  decode(c, m.pools);
  decode(c, m.pool_names);
  decode(c, m.pool_max);
  decode(c, m.flags);  // v < 4 wrote it as a signed le32: the same four bytes
  decode(c, m.max_osd);
  if (c.ok() && (m.max_osd < 0 || m.max_osd > max_sane_osds)) {
    c.fail(errc::length_too_large,
           fmt::format("max_osd {} (at most {} OSDs are accepted)", m.max_osd, max_sane_osds));
    return;
  }
  if (v >= 5) {
    decode(c, m.osd_state);
  } else {
    std::vector<std::uint8_t> narrow;  // one byte per OSD before Mimic
    decode(c, narrow);
    m.osd_state.assign(narrow.begin(), narrow.end());
  }
  decode(c, m.osd_weight);
  decode(c, m.client_addrs);
  decode(c, m.pg_temp);
  decode(c, m.primary_temp);
  if (v >= 2) decode(c, m.primary_affinity);
  decode(c, m.crush);
  if (v >= 3) decode(c, m.erasure_code_profiles);
  if (v >= 4) {
    decode(c, m.pg_upmap);
    decode(c, m.pg_upmap_items);
  }
  if (v >= 6) decode(c, m.crush_version);
  if (v >= 7) {
    decode(c, m.new_removed_snaps);
    decode(c, m.new_purged_snaps);
  }
  if (v >= 9) {
    decode(c, m.last_up_change);
    decode(c, m.last_in_change);
  }
}

// Per-OSD tables only OSDs use: decoded (so their lengths are checked) and dropped.
template <class T>
void skip_vector(wire::decoder& d) {
  std::vector<T> ignored;
  decode(d, ignored);
}

void skip_fixed_vector(wire::decoder& d, std::size_t element_size, const char* what) {
  const auto n = d.read_count(element_size, what);
  d.skip(static_cast<std::size_t>(n) * element_size, what);
}

// Ceph derives flag bits from require_osd_release when it decodes a map (they are not
// always present in the encoded flags of maps written by older monitors); so do we, so
// that flags() agrees with what every Ceph daemon sees.
void derive_release_flags(osdmap_state& m) {
  const int rank = release_rank(m.require_osd_release);
  if (rank >= release::nautilus) m.flags |= osdmap_flag::pglog_hardlimit;
  if (rank >= release::luminous) {
    m.flags &= ~osdmap_flag::legacy_require_flags;
    m.flags |= osdmap_flag::recovery_deletes;
  }
}

void decode_osd_only_part(wire::decoder& o, std::uint8_t v, osdmap_state& m) {
  m.osd_only_version = v;
  skip_vector<entity_addrvec>(o);  // hb_back_addrs
  skip_fixed_vector(o, osd_info_size, "osd_info");
  decode(o, m.blocklist);
  skip_vector<entity_addrvec>(o);  // cluster_addrs
  o.skip(4, "cluster_snapshot_epoch");
  std::string cluster_snapshot;
  decode(o, cluster_snapshot);
  skip_fixed_vector(o, 16, "osd_uuid");
  skip_vector<raw_section>(o);     // osd_xinfo
  skip_vector<entity_addrvec>(o);  // hb_front_addrs
  if (v >= 2) {
    m.nearfull_ratio = o.read_le<float>("nearfull_ratio");
    m.full_ratio = o.read_le<float>("full_ratio");
  }
  if (v >= 3) m.backfillfull_ratio = o.read_le<float>("backfillfull_ratio");
  if (v == 4) {
    std::string release_name;  // Luminous dev builds wrote the release as text; unused
    decode(o, release_name);
  }
  if (v >= 5) {
    decode(o, m.require_min_compat_client);
    decode(o, m.require_osd_release);
    derive_release_flags(m);
  } else if (m.flags & osdmap_flag::require_luminous) {
    m.require_osd_release = release::luminous;
    derive_release_flags(m);
  } else if (m.flags & osdmap_flag::require_kraken) {
    m.require_osd_release = release::kraken;
  } else if (m.flags & osdmap_flag::require_jewel) {
    m.require_osd_release = release::jewel;
  }
  // removed_snaps_queue, crush_node_flags, device_class_flags and stretch-mode state
  // follow; none affects where a client sends an op.
}

// A v8+ map ends with its crc, so damage can be reported as such before any field is read
// (otherwise a flipped length byte surfaces as a confusing "count too large").
std::optional<error> precheck_crc(bytes_view view) {
  constexpr std::size_t header = 6;
  if (view.size() < header + 4 || view[0] < first_crc_wrapper) return std::nullopt;
  std::uint32_t length = 0;
  std::memcpy(&length, view.data() + 2, 4);
  if (length != view.size() - header) return std::nullopt;  // the decoder will explain
  std::uint32_t stored = 0;
  std::memcpy(&stored, view.data() + view.size() - 4, 4);
  const auto computed = crc32c(0xffffffff, view.first(view.size() - 4));
  if (stored == computed) return std::nullopt;
  return error{make_error_code(errc::bad_crc),
               fmt::format("OSDMap: stored crc {:#010x} != computed {:#010x}", stored, computed)};
}

error decoder_error(const wire::decoder& d, const char* what) {
  return error{d.error(), fmt::format("{}: {}", what, d.message())};
}

}  // namespace

result<osdmap_state> decode_osdmap_state(const buffer& bytes) {
  if (auto damaged = precheck_crc(bytes.view())) return *damaged;
  osdmap_state m;
  wire::decoder d(bytes, "OSDMap");
  buffer osd_only;
  std::size_t crc_at = 0;
  bool has_crc = false;
  d.versioned_legacy("OSDMap", wrapper_understood, 7, 7, [&](wire::decoder& w, std::uint8_t v) {
    if (v < first_modern_wrapper) {
      w.fail(errc::unsupported_version,
             fmt::format("OSDMap v{} uses the pre-Giant classic layout", v));
      return;
    }
    w.versioned("OSDMap client data", client_understood,
                [&](wire::decoder& c, std::uint8_t cv) { decode_client_part(c, cv, m); });
    osd_only = w.take_section_raw("OSDMap OSD-only data");
    if (v >= first_crc_wrapper) {
      crc_at = w.position();
      decode(w, m.crc);
      has_crc = true;
    }
  });
  if (!d.ok()) return decoder_error(d, "OSDMap");
  if (!d.at_end()) {
    return error{make_error_code(errc::malformed),
                 fmt::format("OSDMap: {} bytes after the map", d.remaining())};
  }

  wire::decoder o(osd_only, "OSDMap OSD-only data");
  o.versioned("OSDMap OSD-only data", osd_only_understood,
              [&](wire::decoder& s, std::uint8_t v) { decode_osd_only_part(s, v, m); });
  if (!o.ok()) return decoder_error(o, "OSDMap");
  m.osd_only_raw = osd_only;

  if (has_crc) {
    // The crc covers everything before it and anything a newer encoder put after it inside
    // the wrapper (nothing, for every version so far).
    const auto view = bytes.view();
    auto computed = crc32c(0xffffffff, view.first(crc_at));
    if (crc_at + 4 < view.size()) computed = crc32c(computed, view.subspan(crc_at + 4));
    if (computed != m.crc) {
      return error{make_error_code(errc::bad_crc),
                   fmt::format("OSDMap epoch {}: stored crc {:#010x} != computed {:#010x}", m.epoch,
                               m.crc, computed)};
    }
    m.crc_check = crc_status::verified;
  }
  return m;
}

result<osdmap_ref> decode_osdmap(const buffer& bytes) {
  auto state = decode_osdmap_state(bytes);
  if (!state) return state.err();
  return std::make_shared<const osdmap>(std::move(state).value());
}

}  // namespace radosio::osdc
