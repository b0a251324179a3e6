#include "rados/op_codecs.h"

#include <fmt/format.h>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "common/types/basic.h"
#include "common/types/entity.h"
#include "common/types/entity_addr.h"

namespace radosio::detail {
namespace {

// Runs `body` over the op's output and insists it is consumed exactly.
template <class T, class Body>
result<T> decode_output(const buffer_list& out, const char* what, Body&& body) {
  const buffer bytes = out.contiguous();
  wire::decoder d(bytes, what);
  T value{};
  body(d, value);
  if (d.ok() && !d.at_end()) d.fail(errc::malformed, fmt::format("{} unread bytes", d.remaining()));
  if (!d.ok()) return error{d.error(), fmt::format("malformed {} output: {}", what, d.message())};
  return value;
}

void decode_bl_map(wire::decoder& d, std::map<std::string, buffer_list>& out) {
  const auto n = d.read_count(8, "map");
  for (std::uint32_t i = 0; i < n && d.ok(); ++i) {
    std::string key;
    buffer value;
    decode(d, key);
    decode(d, value);
    out[std::move(key)] = buffer_list(std::move(value));
  }
}

}  // namespace

buffer encode_omap_map(const std::map<std::string, buffer_list>& values) {
  std::size_t total = 4;
  for (const auto& [k, v] : values) total += 8 + k.size() + v.size();
  wire::encoder e(total);
  encode(e, static_cast<std::uint32_t>(values.size()));
  for (const auto& [k, v] : values) {
    encode(e, k);
    encode(e, static_cast<std::uint32_t>(v.size()));
    for (const auto& piece : v.segments()) e.write_bytes(piece.view());
  }
  return std::move(e).finish();
}

buffer encode_key_set(const std::set<std::string>& keys) {
  std::size_t total = 4;
  for (const auto& k : keys) total += 4 + k.size();
  wire::encoder e(total);
  encode(e, keys);
  return std::move(e).finish();
}

buffer encode_omap_keys_request(std::string_view start_after, std::uint64_t max) {
  wire::encoder e(16 + start_after.size());
  encode(e, start_after);
  encode(e, max);
  return std::move(e).finish();
}

buffer encode_omap_vals_request(std::string_view start_after, std::uint64_t max, std::string_view prefix) {
  wire::encoder e(24 + start_after.size() + prefix.size());
  encode(e, start_after);
  encode(e, max);
  encode(e, prefix);
  return std::move(e).finish();
}

buffer encode_cursor(const hobject& cursor) {
  wire::encoder e(64 + cursor.name.size() + cursor.key.size() + cursor.nspace.size());
  encode(e, cursor);
  return std::move(e).finish();
}

buffer encode_copy_source(std::string_view oid, const object_locator& where) {
  wire::encoder e(48 + oid.size() + where.key.size() + where.nspace.size());
  encode(e, oid);
  encode(e, where);
  return std::move(e).finish();
}

result<object_stat> decode_stat(const buffer_list& out) {
  return decode_output<object_stat>(out, "stat", [](wire::decoder& d, object_stat& s) {
    utime mtime;
    decode(d, s.size);
    decode(d, mtime);
    s.mtime = object_time(std::chrono::seconds(mtime.sec) + std::chrono::nanoseconds(mtime.nsec));
  });
}

result<std::map<std::string, buffer_list>> decode_xattrs(const buffer_list& out) {
  return decode_output<std::map<std::string, buffer_list>>(out, "getxattrs", decode_bl_map);
}

result<std::map<std::string, buffer_list>> decode_omap_map(const buffer_list& out) {
  return decode_output<std::map<std::string, buffer_list>>(out, "omap-get-vals-by-keys", decode_bl_map);
}

result<omap_keys_page> decode_omap_keys(const buffer_list& out) {
  return decode_output<omap_keys_page>(out, "omap-get-keys", [](wire::decoder& d, omap_keys_page& p) {
    decode(d, p.keys);
    std::uint8_t more = 0;
    decode(d, more);
    p.more = more != 0;
  });
}

result<omap_vals_page> decode_omap_vals(const buffer_list& out) {
  return decode_output<omap_vals_page>(out, "omap-get-vals", [](wire::decoder& d, omap_vals_page& p) {
    decode_bl_map(d, p.values);
    std::uint8_t more = 0;
    decode(d, more);
    p.more = more != 0;
  });
}

result<sparse_extents> decode_sparse_read(const buffer_list& out) {
  return decode_output<sparse_extents>(out, "sparse-read", [](wire::decoder& d, sparse_extents& s) {
    const auto n = d.read_count(16, "extents");
    for (std::uint32_t i = 0; i < n && d.ok(); ++i) {
      std::uint64_t offset = 0;
      std::uint64_t length = 0;
      decode(d, offset);
      decode(d, length);
      s.extents[offset] = length;
    }
    buffer data;
    decode(d, data);
    s.data = buffer_list(std::move(data));
  });
}

result<pgnls_page> decode_pgnls(const buffer_list& out) {
  return decode_output<pgnls_page>(out, "pgnls", [](wire::decoder& d, pgnls_page& p) {
    d.versioned("pg_nls_response_t", 1, [&](wire::decoder& body, std::uint8_t) {
      decode(body, p.next);
      const auto n = body.read_count(12, "entries");
      p.entries.reserve(n);
      for (std::uint32_t i = 0; i < n && body.ok(); ++i) {
        auto& entry = p.entries.emplace_back();
        decode(body, entry.nspace);
        decode(body, entry.name);
        decode(body, entry.locator);
      }
    });
  });
}

result<std::vector<object_watcher>> decode_watchers(const buffer_list& out) {
  return decode_output<std::vector<object_watcher>>(out, "list-watchers", [](wire::decoder& d,
                                                                              std::vector<object_watcher>& w) {
    d.versioned("obj_list_watch_response_t", 1, [&](wire::decoder& body, std::uint8_t) {
      const auto n = body.read_count(6, "watchers");
      for (std::uint32_t i = 0; i < n && body.ok(); ++i) {
        body.versioned("watch_item_t", 2, [&](wire::decoder& item, std::uint8_t) {
          entity_num name;
          auto& watcher = w.emplace_back();
          decode(item, name);
          decode(item, watcher.cookie);
          decode(item, watcher.timeout_seconds);
          entity_addr addr;
          decode(item, addr);
          watcher.entity = name.to_string();
          watcher.address = addr.to_string();
        });
      }
    });
  });
}

result<notify_result> decode_notify_acks(const buffer_list& data) {
  if (data.empty()) return notify_result{};
  return decode_output<notify_result>(data, "notify completion", [](wire::decoder& d, notify_result& r) {
    const auto n = d.read_count(20, "acks");
    for (std::uint32_t i = 0; i < n && d.ok(); ++i) {
      auto& ack = r.acks.emplace_back();
      buffer reply;
      decode(d, ack.watcher_id);
      decode(d, ack.cookie);
      decode(d, reply);
      ack.reply = buffer_list(std::move(reply));
    }
    const auto m = d.read_count(16, "missed");
    for (std::uint32_t i = 0; i < m && d.ok(); ++i) {
      auto& missed = r.timed_out.emplace_back();
      decode(d, missed.first);
      decode(d, missed.second);
    }
  });
}

buffer_list encode_notify_ack(std::uint64_t notify_id, std::uint64_t cookie, const buffer_list& reply) {
  wire::encoder e(20);
  encode(e, notify_id);
  encode(e, cookie);
  encode(e, static_cast<std::uint32_t>(reply.size()));
  buffer_list in(std::move(e).finish());
  in.append(reply);
  return in;
}

}  // namespace radosio::detail
