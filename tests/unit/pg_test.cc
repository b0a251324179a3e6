#include "common/types/pg.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace radosio {
namespace {

using test::encoded_hex;
using test::from_hex;

TEST(PgId, BytesMatchCeph) {
  // From the 16.2.0 corpus: pool 0x7a, seed 2, preferred -1.
  const pg_id pg{0x7a, 2};
  EXPECT_EQ(encoded_hex(pg), "01" "7a00000000000000" "02000000" "ffffffff");
  EXPECT_EQ(pg.to_string(), "122.2");
  EXPECT_EQ((pg_id{3, 0x1f}).to_string(), "3.1f");
}

TEST(PgId, RejectsUnknownVersion) {
  pg_id pg;
  EXPECT_EQ(wire::decode_exact(from_hex("02 7a00000000000000 02000000 ffffffff"), pg),
            errc::unsupported_version);
}

TEST(SpgId, WrapsPgAndShard) {
  const spg_id spg{{1, 0x10}, 2};
  EXPECT_EQ(encoded_hex(spg), "010112000000" "01" "0100000000000000" "10000000" "ffffffff" "02");
  EXPECT_EQ(spg.to_string(), "1.10s2");
  spg_id decoded;
  ASSERT_FALSE(wire::decode_exact(from_hex(encoded_hex(spg)), decoded));
  EXPECT_EQ(decoded, spg);
  EXPECT_EQ((spg_id{{1, 0x10}, no_shard}).to_string(), "1.10");
}

TEST(Eversion, VersionThenEpoch) {
  EXPECT_EQ(encoded_hex(eversion{5, 3}), "0500000000000000" "03000000");
}

}  // namespace
}  // namespace radosio
