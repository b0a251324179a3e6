#include "osdc/osdmap_feed.h"

#include <fmt/format.h>

#include "common/error.h"
#include "osdc/osdmap_apply.h"
#include "osdc/osdmap_codec.h"
#include "osdc/osdmap_incremental.h"

namespace radosio::osdc {

result<osdmap_ref> newest_osdmap(const mon::osdmap_feed& feed) {
  if (feed.full.empty()) {
    return error{make_error_code(errc::protocol_error), "the monitor has sent no full OSDMap yet"};
  }
  const auto& [full_epoch, full_bytes] = *feed.full.rbegin();
  auto map = decode_osdmap(full_bytes);
  if (!map) {
    return error{map.err().code, fmt::format("OSDMap epoch {}: {}", full_epoch, map.err().what())};
  }
  osdmap_ref current = std::move(*map);
  for (auto it = feed.incremental.upper_bound(current->epoch()); it != feed.incremental.end(); ++it) {
    if (it->first != current->epoch() + 1) break;  // a gap: stop at the last complete epoch
    auto inc = decode_incremental(it->second);
    if (!inc) return error{inc.err().code, fmt::format("OSDMap incremental {}: {}", it->first, inc.err().what())};
    auto next = apply(*current, *inc);
    if (!next) return error{next.err().code, fmt::format("OSDMap incremental {}: {}", it->first, next.err().what())};
    current = std::move(*next);
  }
  return current;
}

}  // namespace radosio::osdc
