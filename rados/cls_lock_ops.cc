#include "rados/cls_lock_ops.h"

#include <fmt/format.h>

namespace radosio::detail {
namespace {

// Each structure is one ENCODE_START(1, 1) section; decoding accepts any later version
// whose compat is still 1 (DECODE_START_LEGACY_COMPAT_LEN(1, 1, 1)).
template <class Body>
void encode_section(wire::encoder& e, Body&& body) {
  e.versioned(1, 1, std::forward<Body>(body));
}
template <class Body>
void decode_section(wire::decoder& d, const char* name, Body&& body) {
  d.versioned(name, 1, [&](wire::decoder& s, std::uint8_t) { body(s); });
}

template <class T>
result<T> decode_whole(const buffer_list& out, const char* what) {
  const buffer bytes = out.contiguous();
  T value;
  std::string why;
  if (auto ec = wire::decode_exact(bytes.view(), value, &why)) {
    return error{ec, fmt::format("malformed {} output: {}", what, why)};
  }
  return value;
}

}  // namespace

void encode(wire::encoder& e, const cls_lock_lock_op& v) {
  encode_section(e, [&](wire::encoder& s) {
    encode(s, v.name);
    encode(s, v.type);
    encode(s, v.cookie);
    encode(s, v.tag);
    encode(s, v.description);
    encode(s, v.duration);
    encode(s, v.flags);
  });
}

void decode(wire::decoder& d, cls_lock_lock_op& v) {
  decode_section(d, "cls_lock_lock_op", [&](wire::decoder& s) {
    decode(s, v.name);
    decode(s, v.type);
    decode(s, v.cookie);
    decode(s, v.tag);
    decode(s, v.description);
    decode(s, v.duration);
    decode(s, v.flags);
  });
}

void encode(wire::encoder& e, const cls_lock_unlock_op& v) {
  encode_section(e, [&](wire::encoder& s) {
    encode(s, v.name);
    encode(s, v.cookie);
  });
}

void decode(wire::decoder& d, cls_lock_unlock_op& v) {
  decode_section(d, "cls_lock_unlock_op", [&](wire::decoder& s) {
    decode(s, v.name);
    decode(s, v.cookie);
  });
}

void encode(wire::encoder& e, const cls_lock_break_op& v) {
  encode_section(e, [&](wire::encoder& s) {
    encode(s, v.name);
    encode(s, v.locker);
    encode(s, v.cookie);
  });
}

void decode(wire::decoder& d, cls_lock_break_op& v) {
  decode_section(d, "cls_lock_break_op", [&](wire::decoder& s) {
    decode(s, v.name);
    decode(s, v.locker);
    decode(s, v.cookie);
  });
}

void encode(wire::encoder& e, const cls_lock_get_info_op& v) {
  encode_section(e, [&](wire::encoder& s) { encode(s, v.name); });
}

void decode(wire::decoder& d, cls_lock_get_info_op& v) {
  decode_section(d, "cls_lock_get_info_op", [&](wire::decoder& s) { decode(s, v.name); });
}

void encode(wire::encoder& e, const cls_locker_id& v) {
  encode_section(e, [&](wire::encoder& s) {
    encode(s, v.locker);
    encode(s, v.cookie);
  });
}

void decode(wire::decoder& d, cls_locker_id& v) {
  decode_section(d, "locker_id_t", [&](wire::decoder& s) {
    decode(s, v.locker);
    decode(s, v.cookie);
  });
}

void encode(wire::encoder& e, const cls_locker_info& v) {
  encode_section(e, [&](wire::encoder& s) {
    encode(s, v.expiration);
    encode(s, v.addr);
    encode(s, v.description);
  });
}

void decode(wire::decoder& d, cls_locker_info& v) {
  decode_section(d, "locker_info_t", [&](wire::decoder& s) {
    decode(s, v.expiration);
    decode(s, v.addr);
    decode(s, v.description);
  });
}

void encode(wire::encoder& e, const cls_lock_get_info_reply& v) {
  encode_section(e, [&](wire::encoder& s) {
    encode(s, static_cast<std::uint32_t>(v.lockers.size()));
    for (const auto& [id, info] : v.lockers) {
      encode(s, id);
      encode(s, info);
    }
    encode(s, v.type);
    encode(s, v.tag);
  });
}

void decode(wire::decoder& d, cls_lock_get_info_reply& v) {
  decode_section(d, "cls_lock_get_info_reply", [&](wire::decoder& s) {
    // Each entry is two sections of at least 6 header bytes and a few fields.
    const auto n = s.read_count(12, "lockers");
    v.lockers.clear();
    for (std::uint32_t i = 0; i < n && s.ok(); ++i) {
      auto& [id, info] = v.lockers.emplace_back();
      decode(s, id);
      decode(s, info);
    }
    decode(s, v.type);
    decode(s, v.tag);
  });
}

void encode(wire::encoder& e, const cls_lock_list_locks_reply& v) {
  encode_section(e, [&](wire::encoder& s) { encode(s, v.locks); });
}

void decode(wire::decoder& d, cls_lock_list_locks_reply& v) {
  decode_section(d, "cls_lock_list_locks_reply", [&](wire::decoder& s) { decode(s, v.locks); });
}

result<cls_lock_get_info_reply> decode_lock_info_reply(const buffer_list& out) {
  return decode_whole<cls_lock_get_info_reply>(out, "lock.get_info");
}

result<cls_lock_list_locks_reply> decode_list_locks_reply(const buffer_list& out) {
  return decode_whole<cls_lock_list_locks_reply>(out, "lock.list_locks");
}

}  // namespace radosio::detail
