#pragma once
// The newest OSDMap the monitor has sent us: its newest full map with every later
// incremental applied in order.

#include "common/result.h"
#include "monclient/mon_client.h"
#include "osdc/osdmap.h"

namespace radosio::osdc {

[[nodiscard]] result<osdmap_ref> newest_osdmap(const mon::osdmap_feed& feed);

}  // namespace radosio::osdc
