#pragma once
// Producing epoch N+1 from the map of epoch N and the incremental for N+1, with the
// semantics of Ceph's OSDMap::apply_incremental as far as client-visible state goes.

#include "common/result.h"
#include "osdc/osdmap.h"
#include "osdc/osdmap_incremental.h"

namespace radosio::osdc {

// Fails (the base stays valid) when:
//   - inc.epoch != base.epoch() + 1: a gap (or a replay); the caller must fetch the missing
//     epochs or a full map;
//   - the fsids differ (except for epoch 1, which sets the fsid);
//   - the incremental names an OSD outside [0, max_osd) after its own new_max_osd;
//   - an embedded full map does not decode, is not of inc.epoch, or has a crc other than a
//     non-zero inc.full_crc.
// The result's crc() is inc.full_crc with crc_check() == crc_status::unverifiable (we do not
// keep the OSD-only part current, so we cannot re-encode the exact map Ceph would), or
// absent when full_crc is 0; a map taken from an embedded full map is verified.
[[nodiscard]] result<osdmap_ref> apply(const osdmap& base, const osdmap_incremental& inc);

}  // namespace radosio::osdc
