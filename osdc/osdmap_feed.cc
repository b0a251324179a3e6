#include "osdc/osdmap_feed.h"

#include <fmt/format.h>

#include "common/error.h"
#include "osdc/osdmap_apply.h"
#include "osdc/osdmap_codec.h"
#include "osdc/osdmap_incremental.h"

namespace radosio::osdc {

namespace {

result<osdmap_ref> decode_full(std::uint32_t epoch, const buffer& bytes) {
  auto map = decode_osdmap(bytes);
  if (!map) return error{map.err().code, fmt::format("OSDMap epoch {}: {}", epoch, map.err().what())};
  return osdmap_ref(std::move(*map));
}

// Applies the incrementals that follow `current`, in order, until the feed has no next one.
result<osdmap_ref> apply_following(osdmap_ref current, const mon::osdmap_feed& feed) {
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

}  // namespace

result<osdmap_ref> newest_osdmap(const mon::osdmap_feed& feed) {
  if (feed.full.empty()) {
    return error{make_error_code(errc::protocol_error), "the monitor has sent no full OSDMap yet"};
  }
  const auto& [full_epoch, full_bytes] = *feed.full.rbegin();
  auto map = decode_full(full_epoch, full_bytes);
  if (!map) return map;
  return apply_following(std::move(*map), feed);
}

result<osdmap_ref> advance_osdmap(osdmap_ref current, const mon::osdmap_feed& feed) {
  if (!current) return newest_osdmap(feed);
  auto advanced = apply_following(current, feed);
  if (!advanced) return advanced;
  current = std::move(*advanced);
  // A newer full map than anything the incrementals reached: start again from it.
  if (!feed.full.empty() && feed.full.rbegin()->first > current->epoch()) {
    const auto& [epoch, bytes] = *feed.full.rbegin();
    auto map = decode_full(epoch, bytes);
    if (!map) return map;
    return apply_following(std::move(*map), feed);
  }
  return current;
}

}  // namespace radosio::osdc
