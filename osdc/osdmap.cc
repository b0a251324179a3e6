#include "osdc/osdmap.h"

namespace radosio::osdc {
namespace {

// Vectors indexed by OSD id are only trusted as far as both max_osd and their own size go:
// a map whose vectors disagree with max_osd must not make a query read out of bounds.
template <class T>
const T* at_osd(const std::vector<T>& v, std::int32_t max_osd, std::int32_t osd) noexcept {
  if (osd < 0 || osd >= max_osd || static_cast<std::size_t>(osd) >= v.size()) return nullptr;
  return &v[static_cast<std::size_t>(osd)];
}

}  // namespace

std::uint32_t osdmap::state_bits(std::int32_t osd) const noexcept {
  const auto* s = at_osd(s_.osd_state, s_.max_osd, osd);
  return s ? *s : 0;
}

bool osdmap::exists(std::int32_t osd) const noexcept {
  return (state_bits(osd) & osd_state_bit::exists) != 0;
}

bool osdmap::is_up(std::int32_t osd) const noexcept {
  // Ceph's is_up() also requires exists: a stale UP bit on a destroyed id means nothing.
  const auto bits = state_bits(osd);
  return (bits & osd_state_bit::exists) && (bits & osd_state_bit::up);
}

std::uint32_t osdmap::weight(std::int32_t osd) const noexcept {
  if (!exists(osd)) return weight_out;
  const auto* w = at_osd(s_.osd_weight, s_.max_osd, osd);
  return w ? *w : weight_out;
}

std::uint32_t osdmap::primary_affinity(std::int32_t osd) const noexcept {
  const auto* a = at_osd(s_.primary_affinity, s_.max_osd, osd);
  return a ? *a : default_primary_affinity;
}

const entity_addrvec& osdmap::client_addrs(std::int32_t osd) const noexcept {
  static const entity_addrvec none;
  const auto* a = at_osd(s_.client_addrs, s_.max_osd, osd);
  return a ? *a : none;
}

std::optional<entity_addr> osdmap::osd_v2_addr(std::int32_t osd) const {
  if (!is_up(osd)) return std::nullopt;
  return client_addrs(osd).find(addr_type::msgr2);
}

const pg_pool* osdmap::pool(std::int64_t id) const noexcept {
  const auto it = s_.pools.find(id);
  return it == s_.pools.end() ? nullptr : &it->second;
}

std::int64_t osdmap::lookup_pool(std::string_view name) const noexcept {
  for (const auto& [id, n] : s_.pool_names)
    if (n == name) return id;
  return -1;
}

std::string osdmap::pool_name(std::int64_t id) const {
  const auto it = s_.pool_names.find(id);
  return it == s_.pool_names.end() ? std::string{} : it->second;
}

bool osdmap::is_blocklisted(const entity_addr& addr) const {
  if (s_.blocklist.empty()) return false;
  // Since Nautilus the monitor records blocklist entries with type "any"; before, "legacy".
  entity_addr probe = addr;
  probe.type = release_rank(s_.require_osd_release) >= release::nautilus ? addr_type::any
                                                                         : addr_type::legacy;
  if (s_.blocklist.contains(probe)) return true;
  // An entry with port 0 and nonce 0 blocks the whole IP.
  probe.set_port(0);
  probe.nonce = 0;
  return s_.blocklist.contains(probe);
}

}  // namespace radosio::osdc
