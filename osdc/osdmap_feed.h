#pragma once
// The newest OSDMap the monitor has sent us: its newest full map with every later
// incremental applied in order.

#include "common/result.h"
#include "monclient/mon_client.h"
#include "osdc/osdmap.h"

namespace radosio::osdc {

[[nodiscard]] result<osdmap_ref> newest_osdmap(const mon::osdmap_feed& feed);

// The newest map reachable from `current` with what the feed holds: the incrementals that
// follow it applied in order; across a gap, the newest full map beyond it (and the
// incrementals after that). Returns `current` itself when the feed holds nothing newer.
// A null `current` is the same as newest_osdmap().
[[nodiscard]] result<osdmap_ref> advance_osdmap(osdmap_ref current, const mon::osdmap_feed& feed);

}  // namespace radosio::osdc
