// The `lock` object class's inputs and outputs (rados/cls_lock_ops.h) and the public steps
// built on them (radosio/cls_lock.h): byte vectors of known structures, among them the lock
// xattr a real Pacific OSD wrote (`rados lock get` then `rados getxattr OBJ lock.NAME`),
// round trips, truncation at every byte, and the op each step adds.

#include <gtest/gtest.h>

#include <cstring>

#include "osdc/osd_op.h"
#include "rados/cls_lock_ops.h"
#include "rados/op_list.h"
#include "radosio/cls_lock.h"
#include "test_util.h"

namespace radosio {
namespace {

using detail::cls_lock_break_op;
using detail::cls_lock_get_info_op;
using detail::cls_lock_get_info_reply;
using detail::cls_lock_list_locks_reply;
using detail::cls_lock_lock_op;
using detail::cls_lock_unlock_op;
using test::from_hex;
using test::to_hex;

template <class T>
std::string hex_of(const T& value) {
  wire::encoder e;
  encode(e, value);
  return to_hex(e.view());
}

template <class T>
T decoded(const std::vector<std::uint8_t>& bytes) {
  T value;
  std::string why;
  EXPECT_FALSE(wire::decode_exact(bytes_view(bytes), value, &why)) << why;
  return value;
}

// Every strict prefix of a valid encoding fails to decode, without reading past it.
template <class T>
void expect_truncations_fail(const std::vector<std::uint8_t>& bytes) {
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    T value;
    EXPECT_TRUE(wire::decode_exact(bytes_view(bytes.data(), n), value))
        << "prefix of " << n << " bytes";
  }
}

// `rados -p lk lock get vec mylock --lock-type shared --lock-cookie cookie1 --lock-tag tag1
// --lock-description "desc one"`, then `rados -p lk getxattr vec lock.mylock`: the class's
// lock_info_t, whose layout is cls_lock_get_info_reply's.
const std::vector<std::uint8_t> pacific_lock_xattr = from_hex(
    "01 01 64000000"                                // ENCODE_START(1, 1), 100 bytes
    "01000000"                                      // one locker
    "01 01 14000000"                                //   locker_id_t, 20 bytes
    "08 4111000000000000"                           //     client.4417
    "07000000 636f6f6b696531"                       //     "cookie1"
    "01 01 37000000"                                //   locker_info_t, 55 bytes
    "00000000 00000000"                             //     expiration 0: never
    "01 01 01 1c000000"                             //     entity_addr_t (versioned), 28 bytes
    "01000000 6fa433ee"                             //       legacy, nonce 3996361839
    "10000000 0200 0000 7f000001 0000000000000000"  // sockaddr_in 127.0.0.1:0
    "08000000 64657363206f6e65"                     //     "desc one"
    "02"                                            // shared
    "04000000 74616731");                           // "tag1"

TEST(cls_lock, decodes_the_lock_a_pacific_osd_wrote) {
  const auto reply = decoded<cls_lock_get_info_reply>(pacific_lock_xattr);
  ASSERT_EQ(reply.lockers.size(), 1u);
  const auto& [id, info] = reply.lockers[0];
  EXPECT_EQ(id.locker.type, 0x08);
  EXPECT_EQ(id.locker.num, 4417);
  EXPECT_EQ(id.cookie, "cookie1");
  EXPECT_EQ(info.expiration, utime{});
  EXPECT_EQ(info.addr.type, addr_type::legacy);
  EXPECT_EQ(info.addr.nonce, 3996361839u);
  EXPECT_EQ(info.addr.ip_string(), "127.0.0.1");
  EXPECT_EQ(info.description, "desc one");
  EXPECT_EQ(reply.type, 2);
  EXPECT_EQ(reply.tag, "tag1");
  // and it encodes back to the same bytes
  EXPECT_EQ(hex_of(reply), to_hex(pacific_lock_xattr));
  expect_truncations_fail<cls_lock_get_info_reply>(pacific_lock_xattr);
}

TEST(cls_lock, the_public_view_of_a_lock) {
  cls_lock::lock_info info;
  read_op op;
  cls_lock::get_lock_info(op, "mylock", &info);
  auto& steps = op.steps();
  ASSERT_EQ(steps.ops.size(), 1u);
  std::vector<osdc::osd_op> replied(1);
  replied[0].outdata = buffer_list(buffer::copy_of(bytes_view(pacific_lock_xattr)));
  ASSERT_TRUE(detail::deliver(steps, replied));
  EXPECT_EQ(info.type, cls_lock::lock_type::shared);
  EXPECT_EQ(cls_lock::to_string(info.type), "shared");
  EXPECT_EQ(info.tag, "tag1");
  ASSERT_EQ(info.lockers.size(), 1u);
  EXPECT_EQ(info.lockers[0].name.to_string(), "client.4417");
  EXPECT_EQ(info.lockers[0].cookie, "cookie1");
  EXPECT_EQ(info.lockers[0].description, "desc one");
  EXPECT_EQ(info.lockers[0].expiration, object_time{});
  // Ceph's entity_addr_t::get_legacy_str(), as `rados lock info` prints it.
  EXPECT_EQ(info.lockers[0].address, "127.0.0.1:0/3996361839");
}

TEST(cls_lock, lock_op_bytes) {
  cls_lock_lock_op op;
  op.name = "l";
  op.type = 1;
  op.cookie = "c";
  op.duration = utime{30, 0};
  op.flags = 1;
  EXPECT_EQ(hex_of(op), to_hex(from_hex("01 01 1c000000"
                                        "01000000 6c"        // name
                                        "01"                 // exclusive
                                        "01000000 63"        // cookie
                                        "00000000"           // tag
                                        "00000000"           // description
                                        "1e000000 00000000"  // duration 30 s
                                        "01")));             // may_renew
}

TEST(cls_lock, break_op_bytes) {
  cls_lock_break_op op;
  op.name = "l";
  op.locker = entity_num{0x08, 4208};
  op.cookie = "";
  EXPECT_EQ(hex_of(op), to_hex(from_hex("01 01 12000000"
                                        "01000000 6c"
                                        "08 7010000000000000"  // client.4208
                                        "00000000")));
}

TEST(cls_lock, small_ops_and_replies_bytes) {
  cls_lock_unlock_op unlock;
  unlock.name = "a";
  unlock.cookie = "b";
  EXPECT_EQ(hex_of(unlock), to_hex(from_hex("01 01 0a000000 01000000 61 01000000 62")));
  cls_lock_get_info_op info;
  info.name = "ab";
  EXPECT_EQ(hex_of(info), to_hex(from_hex("01 01 06000000 02000000 6162")));
  cls_lock_list_locks_reply list;
  list.locks = {"x", "yz"};
  EXPECT_EQ(hex_of(list), to_hex(from_hex("01 01 0f000000 02000000 01000000 78 02000000 797a")));
}

template <class T>
void expect_round_trip(const T& value) {
  wire::encoder e;
  encode(e, value);
  const std::vector<std::uint8_t> bytes(e.view().begin(), e.view().end());
  EXPECT_EQ(decoded<T>(bytes), value);
  expect_truncations_fail<T>(bytes);
}

TEST(cls_lock, round_trips) {
  cls_lock_lock_op lock;
  lock.name = "lock name";
  lock.type = 2;
  lock.cookie = "cookie";
  lock.tag = "tag";
  lock.description = "described";
  lock.duration = utime{12, 345};
  lock.flags = 2;
  expect_round_trip(lock);
  expect_round_trip(cls_lock_unlock_op{"n", "c"});
  expect_round_trip(cls_lock_break_op{"n", entity_num{0x04, 3}, "c"});
  expect_round_trip(cls_lock_get_info_op{"n"});
  expect_round_trip(cls_lock_list_locks_reply{{"a", "", "c"}});
  cls_lock_get_info_reply reply;
  reply.type = 1;
  reply.tag = "t";
  detail::cls_locker_info held;
  held.expiration = utime{1'800'000'000, 500'000'000};
  held.addr = entity_addr::ipv4(addr_type::any, {10, 0, 0, 1}, 0, 77);
  held.description = "d";
  reply.lockers.emplace_back(detail::cls_locker_id{entity_num{0x08, 1}, "x"}, held);
  reply.lockers.emplace_back(detail::cls_locker_id{entity_num{0x08, 2}, ""},
                             detail::cls_locker_info{});
  expect_round_trip(reply);
}

TEST(cls_lock, later_versions_with_compat_1_decode) {
  // A v2 encoding with one more field than we know: the field is skipped.
  const auto bytes = from_hex("02 01 0a000000 02000000 6162 ffffffff");
  const auto op = decoded<cls_lock_get_info_op>(bytes);
  EXPECT_EQ(op.name, "ab");
  cls_lock_get_info_op refused;
  EXPECT_TRUE(wire::decode_exact(bytes_view(from_hex("02 02 06000000 02000000 6162")), refused));
}

TEST(cls_lock, steps_are_class_calls) {
  write_op w;
  cls_lock::lock_request request;
  request.name = "l";
  request.cookie = "c";
  request.duration = std::chrono::seconds(30);
  request.flags = cls_lock::lock_flag::may_renew;
  cls_lock::lock(w, request);
  cls_lock::unlock(w, "l", "c");
  cls_lock::break_lock(w, "l", "c", cls_lock::locker_name{0x08, 4208});
  const auto& ops = w.steps().ops;
  ASSERT_EQ(ops.size(), 3u);
  EXPECT_NE(w.steps().extra_flags & osdc::osd_flag::write, 0u);
  const char* methods[] = {"lock", "unlock", "break_lock"};
  for (std::size_t i = 0; i < ops.size(); ++i) {
    EXPECT_EQ(ops[i].code, osdc::op_code::call);
    // indata: class name, method name, then the method's input
    const auto in = ops[i].indata.to_string();
    EXPECT_EQ(in.substr(0, 4), "lock");
    EXPECT_EQ(in.substr(4, std::strlen(methods[i])), methods[i]);
  }
  EXPECT_EQ(
      ops[0].indata.to_string().substr(8),
      detail::encode_cls_input(cls_lock_lock_op{"l", 1, "c", "", "", utime{30, 0}, 1}).to_string());
  EXPECT_EQ(
      ops[2].indata.to_string().substr(14),
      detail::encode_cls_input(cls_lock_break_op{"l", entity_num{0x08, 4208}, "c"}).to_string());
}

TEST(cls_lock, list_locks_step_decodes_the_names) {
  std::vector<std::string> names;
  int rval = 1;
  read_op op;
  cls_lock::list_locks(op, &names, &rval);
  ASSERT_EQ(op.steps().ops.size(), 1u);
  EXPECT_EQ(op.steps().ops[0].indata.to_string(), "locklist_locks");
  std::vector<osdc::osd_op> replied(1);
  replied[0].outdata =
      buffer_list(detail::encode_cls_input(cls_lock_list_locks_reply{{"l1", "l2"}}));
  ASSERT_TRUE(detail::deliver(op.steps(), replied));
  EXPECT_EQ(rval, 0);
  EXPECT_EQ(names, (std::vector<std::string>{"l1", "l2"}));
  // A malformed reply is the op's failure, not garbage.
  replied[0].outdata = buffer_list(buffer::copy_of(std::string_view("\x01\x01\xff")));
  EXPECT_FALSE(detail::deliver(op.steps(), replied));
  EXPECT_EQ(rval, -EIO);
}

TEST(cls_lock, locker_names_as_ceph_parses_and_prints_them) {
  using cls_lock::locker_name;
  EXPECT_EQ(locker_name::parse("client.4208"), (locker_name{0x08, 4208}));
  EXPECT_EQ(locker_name::parse("osd.3"), (locker_name{0x04, 3}));
  EXPECT_EQ(locker_name::parse("mon.0"), (locker_name{0x01, 0}));
  EXPECT_EQ(locker_name::parse("mds.-1"), (locker_name{0x02, -1}));
  EXPECT_EQ(locker_name::parse("mgr.+7"), (locker_name{0x10, 7}));
  for (const char* bad :
       {"bogus", "client.", "client. 1", "client.1x", "auth.1", "client4208", "Client.1"}) {
    EXPECT_FALSE(locker_name::parse(bad)) << bad;
  }
  EXPECT_EQ((locker_name{0x08, 4208}).to_string(), "client.4208");
  EXPECT_EQ((locker_name{0x02, -1}).to_string(), "mds.?");
  EXPECT_EQ((locker_name{0x40, 5}).to_string(), "unknown.5");
  EXPECT_EQ(cls_lock::to_string(cls_lock::lock_type::exclusive_ephemeral), "exclusive-ephemeral");
  EXPECT_EQ(cls_lock::to_string(static_cast<cls_lock::lock_type>(9)), "<unknown>");
}

}  // namespace
}  // namespace radosio
