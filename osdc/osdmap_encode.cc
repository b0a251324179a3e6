// Encoding of the full OSDMap (see osdmap_codec.h). Used to prove the decoder reads every
// client field exactly, and by tests to build maps.

#include "common/crc32c.h"
#include "common/encoding/encoder.h"
#include "osdc/osdmap_codec.h"

namespace radosio::osdc {
namespace {

void encode_client_part(wire::encoder& c, const osdmap_state& m) {
  encode(c, m.fsid);
  encode(c, m.epoch);
  encode(c, m.created);
  encode(c, m.modified);
  encode(c, m.pools);
  encode(c, m.pool_names);
  encode(c, m.pool_max);
  encode(c, m.flags);
  encode(c, m.max_osd);
  encode(c, m.osd_state);
  encode(c, m.osd_weight);
  encode(c, m.client_addrs);
  encode(c, m.pg_temp);
  encode(c, m.primary_temp);
  encode(c, m.primary_affinity);
  encode(c, m.crush);
  encode(c, m.erasure_code_profiles);
  encode(c, m.pg_upmap);
  encode(c, m.pg_upmap_items);
  encode(c, m.crush_version);
  encode(c, m.new_removed_snaps);
  encode(c, m.new_purged_snaps);
  encode(c, m.last_up_change);
  encode(c, m.last_in_change);
}

// A v5 OSD-only section with empty per-OSD tables: enough for our decoder (and for tests),
// not a map an OSD could run with.
void encode_minimal_osd_only_part(wire::encoder& e, const osdmap_state& m) {
  e.versioned(5, 1, [&](wire::encoder& o) {
    encode(o, std::uint32_t{0});  // hb_back_addrs
    encode(o, std::uint32_t{0});  // osd_info
    encode(o, m.blocklist);
    encode(o, std::uint32_t{0});    // cluster_addrs
    encode(o, std::uint32_t{0});    // cluster_snapshot_epoch
    encode(o, std::string_view{});  // cluster_snapshot
    encode(o, std::uint32_t{0});    // osd_uuid
    encode(o, std::uint32_t{0});    // osd_xinfo
    encode(o, std::uint32_t{0});    // hb_front_addrs
    o.write_le(m.nearfull_ratio);
    o.write_le(m.full_ratio);
    o.write_le(m.backfillfull_ratio);
    encode(o, m.require_min_compat_client);
    encode(o, m.require_osd_release);
  });
}

}  // namespace

buffer encode_osdmap(const osdmap_state& m) {
  wire::encoder e;
  std::size_t crc_at = 0;
  e.versioned(8, 7, [&](wire::encoder& w) {
    w.versioned(9, 1, [&](wire::encoder& c) { encode_client_part(c, m); });
    if (!m.osd_only_raw.empty()) {
      w.write_bytes(m.osd_only_raw.view());
    } else {
      encode_minimal_osd_only_part(w, m);
    }
    crc_at = w.size();
    encode(w, std::uint32_t{0});  // crc, filled in below
  });
  e.patch_le32(crc_at, crc32c(0xffffffff, e.view().first(crc_at)));
  return std::move(e).finish();
}

}  // namespace radosio::osdc
