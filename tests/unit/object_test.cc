#include "common/types/object.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace radosio {
namespace {

using test::encoded_hex;
using test::from_hex;

TEST(ObjectLocator, V6Bytes) {
  object_locator loc;
  loc.pool = 3;
  loc.nspace = "ns";
  EXPECT_EQ(encoded_hex(loc),
            "06031e000000" "0300000000000000" "ffffffff" "00000000" "020000006e73"
            "ffffffffffffffff");
}

TEST(ObjectLocator, DecodesOlderVersions) {
  // v2 (pool already 64-bit) without namespace or hash; compat byte and length present
  // since v3 only, so v2 has neither.
  const auto bytes = from_hex("02" "0500000000000000" "ffffffff" "03000000" "6b6579");
  object_locator loc;
  ASSERT_FALSE(wire::decode_exact(bytes, loc));
  EXPECT_EQ(loc.pool, 5);
  EXPECT_EQ(loc.key, "key");
  EXPECT_EQ(loc.nspace, "");
  EXPECT_EQ(loc.hash, -1);
}

TEST(Hobject, RoundTrip) {
  const hobject h{.key = "", .name = "foo", .snap = snap_head, .hash = 0x7fc1f406, .max = false, .nspace = "ns", .pool = 1};
  const auto bytes = wire::encode_to_bytes(h);
  EXPECT_EQ(test::to_hex(bytes).substr(0, 4), "0403");
  hobject decoded;
  ASSERT_FALSE(wire::decode_exact(bytes, decoded));
  EXPECT_EQ(decoded, h);
}

TEST(OsdReqid, Bytes) {
  const osd_reqid r{{8, 4123}, 7, 1};
  EXPECT_EQ(encoded_hex(r), "020215000000" "08" "1b10000000000000" "0700000000000000" "01000000");
}

TEST(SnapContext, BytesAndValidity) {
  const snap_context sc{10, {9, 4}};
  EXPECT_EQ(encoded_hex(sc), "0a00000000000000" "02000000" "0900000000000000" "0400000000000000");
  EXPECT_TRUE(sc.is_valid());
  EXPECT_FALSE((snap_context{3, {4}}).is_valid());
  EXPECT_FALSE((snap_context{10, {4, 9}}).is_valid());
  EXPECT_TRUE((snap_context{}).is_valid());
}

}  // namespace
}  // namespace radosio
