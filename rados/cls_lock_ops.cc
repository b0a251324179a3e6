#include "rados/cls_lock_ops.h"

#include <fmt/format.h>

#include <tuple>

namespace radosio::detail {
namespace {

// Each structure is its fields in order, in one ENCODE_START(1, 1) section; decoding accepts
// any later version whose compat is still 1 (DECODE_START_LEGACY_COMPAT_LEN(1, 1, 1)) and
// skips the fields it adds. `fields` lists a structure's members once for both directions.
auto fields(auto& v) {
  using T = std::remove_const_t<std::remove_reference_t<decltype(v)>>;
  if constexpr (std::is_same_v<T, cls_lock_lock_op>) {
    return std::tie(v.name, v.type, v.cookie, v.tag, v.description, v.duration, v.flags);
  } else if constexpr (std::is_same_v<T, cls_lock_unlock_op>) {
    return std::tie(v.name, v.cookie);
  } else if constexpr (std::is_same_v<T, cls_lock_break_op>) {
    return std::tie(v.name, v.locker, v.cookie);
  } else if constexpr (std::is_same_v<T, cls_lock_get_info_op>) {
    return std::tie(v.name);
  } else if constexpr (std::is_same_v<T, cls_locker_id>) {
    return std::tie(v.locker, v.cookie);
  } else if constexpr (std::is_same_v<T, cls_locker_info>) {
    return std::tie(v.expiration, v.addr, v.description);
  } else if constexpr (std::is_same_v<T, cls_lock_get_info_reply>) {
    // The map travels as its entries; a vector of pairs keeps their order.
    return std::tie(v.lockers, v.type, v.tag);
  } else {
    static_assert(std::is_same_v<T, cls_lock_list_locks_reply>);
    return std::tie(v.locks);
  }
}

template <class T>
void encode_fields(wire::encoder& e, const T& v) {
  e.versioned(1, 1, [&](wire::encoder& s) {
    std::apply([&](const auto&... f) { (encode(s, f), ...); }, fields(v));
  });
}

template <class T>
void decode_fields(wire::decoder& d, const char* name, T& v) {
  d.versioned(name, 1, [&](wire::decoder& s, std::uint8_t) {
    std::apply([&](auto&... f) { (decode(s, f), ...); }, fields(v));
  });
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

void encode(wire::encoder& e, const cls_lock_lock_op& v) { encode_fields(e, v); }
void decode(wire::decoder& d, cls_lock_lock_op& v) { decode_fields(d, "cls_lock_lock_op", v); }
void encode(wire::encoder& e, const cls_lock_unlock_op& v) { encode_fields(e, v); }
void decode(wire::decoder& d, cls_lock_unlock_op& v) { decode_fields(d, "cls_lock_unlock_op", v); }
void encode(wire::encoder& e, const cls_lock_break_op& v) { encode_fields(e, v); }
void decode(wire::decoder& d, cls_lock_break_op& v) { decode_fields(d, "cls_lock_break_op", v); }
void encode(wire::encoder& e, const cls_lock_get_info_op& v) { encode_fields(e, v); }
void decode(wire::decoder& d, cls_lock_get_info_op& v) {
  decode_fields(d, "cls_lock_get_info_op", v);
}
void encode(wire::encoder& e, const cls_locker_id& v) { encode_fields(e, v); }
void decode(wire::decoder& d, cls_locker_id& v) { decode_fields(d, "locker_id_t", v); }
void encode(wire::encoder& e, const cls_locker_info& v) { encode_fields(e, v); }
void decode(wire::decoder& d, cls_locker_info& v) { decode_fields(d, "locker_info_t", v); }
void encode(wire::encoder& e, const cls_lock_get_info_reply& v) { encode_fields(e, v); }
void decode(wire::decoder& d, cls_lock_get_info_reply& v) {
  decode_fields(d, "cls_lock_get_info_reply", v);
}
void encode(wire::encoder& e, const cls_lock_list_locks_reply& v) { encode_fields(e, v); }
void decode(wire::decoder& d, cls_lock_list_locks_reply& v) {
  decode_fields(d, "cls_lock_list_locks_reply", v);
}

result<cls_lock_get_info_reply> decode_lock_info_reply(const buffer_list& out) {
  return decode_whole<cls_lock_get_info_reply>(out, "lock.get_info");
}

result<cls_lock_list_locks_reply> decode_list_locks_reply(const buffer_list& out) {
  return decode_whole<cls_lock_list_locks_reply>(out, "lock.list_locks");
}

}  // namespace radosio::detail
