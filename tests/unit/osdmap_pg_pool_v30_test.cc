// pg_pool_t v30: the stretch-pool fields an OSDMap may carry (common/types/pg_pool).

#include <gtest/gtest.h>

#include <cstring>

#include "common/types/pg_pool.h"
#include "test_util.h"

namespace radosio {
namespace {

pg_pool plain_pool() {
  pg_pool p;
  p.size = 4;
  p.min_size = 2;
  p.pg_num = p.pgp_num = p.pg_num_target = p.pgp_num_target = p.pg_num_pending = 16;
  p.flags = pool_flag::hashpspool;
  return p;
}

TEST(OsdmapPgPoolV30, PlainPoolsStayV29) {
  const auto p = plain_pool();
  EXPECT_FALSE(p.is_stretch_pool());
  EXPECT_EQ(test::encoded_hex(p).substr(0, 4), "1d05");  // v29, compat 5
}

TEST(OsdmapPgPoolV30, StretchPoolRoundTripsAsV30) {
  auto p = plain_pool();
  p.encoded_version = 30;
  p.peering_crush_bucket_count = 2;
  p.peering_crush_bucket_target = 2;
  p.peering_crush_bucket_barrier = 8;  // a "datacenter" type id
  p.peering_crush_mandatory_member = -5;
  const auto bytes = wire::encode_to_bytes(p);
  EXPECT_EQ(test::to_hex(bytes).substr(0, 4), "1e05");  // v30, compat 5
  // The four fields are the last 16 bytes of the section.
  EXPECT_EQ(test::to_hex(bytes).substr(test::to_hex(bytes).size() - 32),
            "02000000"
            "02000000"
            "08000000"
            "fbffffff");
  pg_pool decoded;
  std::string message;
  ASSERT_FALSE(wire::decode_exact(bytes, decoded, &message)) << message;
  EXPECT_EQ(decoded, p);
  EXPECT_TRUE(decoded.is_stretch_pool());
}

TEST(OsdmapPgPoolV30, V29LeavesStretchFieldsAtDefaults) {
  const auto bytes = wire::encode_to_bytes(plain_pool());
  pg_pool decoded;
  ASSERT_FALSE(wire::decode_exact(bytes, decoded));
  EXPECT_EQ(decoded.peering_crush_bucket_count, 0u);
  EXPECT_EQ(decoded.peering_crush_mandatory_member, 0x7fffffff);  // CRUSH_ITEM_NONE
}

TEST(OsdmapPgPoolV30, TruncatedV30IsAnError) {
  auto p = plain_pool();
  p.peering_crush_bucket_count = 3;
  auto bytes = wire::encode_to_bytes(p);
  // Drop the last field but keep the section length consistent with what remains.
  bytes.resize(bytes.size() - 4);
  std::uint32_t length = 0;
  std::memcpy(&length, bytes.data() + 2, 4);
  length -= 4;
  std::memcpy(bytes.data() + 2, &length, 4);
  pg_pool decoded;
  EXPECT_TRUE(wire::decode_exact(bytes, decoded));
}

}  // namespace
}  // namespace radosio
