#pragma once
// The inputs and outputs of individual OSD ops (protocol.md b.8): what goes in an op's
// slice of the request data and what comes back in its slice of the reply. Pure codecs.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/buffer.h"
#include "common/result.h"
#include "common/types/object.h"
#include "radosio/types.h"

namespace radosio::detail {

// ---- inputs ----
[[nodiscard]] buffer encode_omap_map(const std::map<std::string, buffer_list>& values);
[[nodiscard]] buffer encode_key_set(const std::set<std::string>& keys);
// OMAPGETKEYS: string start_after | le64 max
[[nodiscard]] buffer encode_omap_keys_request(std::string_view start_after, std::uint64_t max);
// OMAPGETVALS: string start_after | le64 max | string prefix
[[nodiscard]] buffer encode_omap_vals_request(std::string_view start_after, std::uint64_t max,
                                              std::string_view prefix);
// The PGNLS cursor.
[[nodiscard]] buffer encode_cursor(const hobject& cursor);
// COPY_FROM: object_t src (a string) | object_locator_t src_oloc
[[nodiscard]] buffer encode_copy_source(std::string_view oid, const object_locator& where);

// ---- outputs ----
[[nodiscard]] result<object_stat> decode_stat(const buffer_list& out);
[[nodiscard]] result<std::map<std::string, buffer_list>> decode_xattrs(const buffer_list& out);
struct omap_keys_page {
  std::set<std::string> keys;
  bool more = false;
};
[[nodiscard]] result<omap_keys_page> decode_omap_keys(const buffer_list& out);
struct omap_vals_page {
  std::map<std::string, buffer_list> values;
  bool more = false;
};
[[nodiscard]] result<omap_vals_page> decode_omap_vals(const buffer_list& out);
[[nodiscard]] result<std::map<std::string, buffer_list>> decode_omap_map(const buffer_list& out);
struct sparse_extents {
  std::map<std::uint64_t, std::uint64_t> extents;
  buffer_list data;
};
[[nodiscard]] result<sparse_extents> decode_sparse_read(const buffer_list& out);
struct pgnls_page {
  hobject next;  // where to continue (MAX after the last PG)
  std::vector<object_entry> entries;
};
[[nodiscard]] result<pgnls_page> decode_pgnls(const buffer_list& out);
[[nodiscard]] result<std::vector<object_watcher>> decode_watchers(const buffer_list& out);
// NOTIFY_COMPLETE's data: map<(gid, cookie), bufferlist> acks | list<(gid, cookie)> missed.
[[nodiscard]] result<notify_result> decode_notify_acks(const buffer_list& data);
// NOTIFY_ACK's input: le64 notify_id | le64 cookie | bufferlist reply.
[[nodiscard]] buffer_list encode_notify_ack(std::uint64_t notify_id, std::uint64_t cookie, const buffer_list& reply);

}  // namespace radosio::detail
