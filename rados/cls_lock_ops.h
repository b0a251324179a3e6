#pragma once
// The inputs and outputs of the `lock` object class's methods (Ceph's cls/lock/cls_lock_ops.h
// and cls_lock_types.h), as pure codecs. Every structure is ENCODE_START(1, 1):
//
//   lock        cls_lock_lock_op        string name | u8 type | string cookie | string tag
//                                       | string description | utime duration | u8 flags
//   unlock      cls_lock_unlock_op      string name | string cookie
//   break_lock  cls_lock_break_op       string name | entity_name_t locker | string cookie
//   get_info    cls_lock_get_info_op    string name
//               -> cls_lock_get_info_reply  map<locker_id_t, locker_info_t> lockers | u8 type |
//               string tag
//   list_locks  (no input) -> cls_lock_list_locks_reply  list<string> locks
//
//   locker_id_t    entity_name_t locker (u8 type, le64 num) | string cookie
//   locker_info_t  utime expiration | entity_addr_t addr | string description
//
// The reply's layout is also that of the lock's xattr on the object ("lock.NAME"), which is
// how the unit tests check it against bytes the real class wrote.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "common/result.h"
#include "common/types/basic.h"
#include "common/types/entity.h"
#include "common/types/entity_addr.h"

namespace radosio::detail {

struct cls_lock_lock_op {
  std::string name;
  std::uint8_t type = 0;  // ClsLockType
  std::string cookie;
  std::string tag;
  std::string description;
  utime duration;  // 0: held until unlocked
  std::uint8_t flags = 0;
  friend bool operator==(const cls_lock_lock_op&, const cls_lock_lock_op&) = default;
};

struct cls_lock_unlock_op {
  std::string name;
  std::string cookie;
  friend bool operator==(const cls_lock_unlock_op&, const cls_lock_unlock_op&) = default;
};

struct cls_lock_break_op {
  std::string name;
  entity_num locker;
  std::string cookie;
  friend bool operator==(const cls_lock_break_op&, const cls_lock_break_op&) = default;
};

struct cls_lock_get_info_op {
  std::string name;
  friend bool operator==(const cls_lock_get_info_op&, const cls_lock_get_info_op&) = default;
};

struct cls_locker_id {
  entity_num locker;
  std::string cookie;
  friend bool operator==(const cls_locker_id&, const cls_locker_id&) = default;
};

struct cls_locker_info {
  utime expiration;  // 0: never
  entity_addr addr;
  std::string description;
  friend bool operator==(const cls_locker_info&, const cls_locker_info&) = default;
};

struct cls_lock_get_info_reply {
  // The map's entries in the order they came (the class keeps them sorted by locker id).
  std::vector<std::pair<cls_locker_id, cls_locker_info>> lockers;
  std::uint8_t type = 0;
  std::string tag;
  friend bool operator==(const cls_lock_get_info_reply&, const cls_lock_get_info_reply&) = default;
};

struct cls_lock_list_locks_reply {
  std::vector<std::string> locks;
  friend bool operator==(const cls_lock_list_locks_reply&,
                         const cls_lock_list_locks_reply&) = default;
};

void encode(wire::encoder& e, const cls_lock_lock_op& v);
void decode(wire::decoder& d, cls_lock_lock_op& v);
void encode(wire::encoder& e, const cls_lock_unlock_op& v);
void decode(wire::decoder& d, cls_lock_unlock_op& v);
void encode(wire::encoder& e, const cls_lock_break_op& v);
void decode(wire::decoder& d, cls_lock_break_op& v);
void encode(wire::encoder& e, const cls_lock_get_info_op& v);
void decode(wire::decoder& d, cls_lock_get_info_op& v);
void encode(wire::encoder& e, const cls_locker_id& v);
void decode(wire::decoder& d, cls_locker_id& v);
void encode(wire::encoder& e, const cls_locker_info& v);
void decode(wire::decoder& d, cls_locker_info& v);
void encode(wire::encoder& e, const cls_lock_get_info_reply& v);
void decode(wire::decoder& d, cls_lock_get_info_reply& v);
void encode(wire::encoder& e, const cls_lock_list_locks_reply& v);
void decode(wire::decoder& d, cls_lock_list_locks_reply& v);

// A whole value as a method's input bytes, and a method's output decoded to its last byte.
template <class T>
[[nodiscard]] buffer encode_cls_input(const T& value) {
  wire::encoder e(64);
  encode(e, value);
  return std::move(e).finish();
}
[[nodiscard]] result<cls_lock_get_info_reply> decode_lock_info_reply(const buffer_list& out);
[[nodiscard]] result<cls_lock_list_locks_reply> decode_list_locks_reply(const buffer_list& out);

}  // namespace radosio::detail
