#include "common/types/pg_pool.h"

#include <gtest/gtest.h>

#include <limits>

#include "test_util.h"

namespace radosio {
namespace {

pg_pool sample_pool() {
  pg_pool p;
  p.size = 3;
  p.min_size = 2;
  p.crush_rule = 0;
  p.pg_num = p.pgp_num = p.pg_num_target = p.pgp_num_target = p.pg_num_pending = 32;
  p.flags = pool_flag::hashpspool | pool_flag::selfmanaged_snaps;
  p.snaps[3] = {3, {123, 4}, "asdf"};
  p.removed_snaps[2] = 1;
  p.application_metadata["rados"] = {{"k", "v"}};
  p.opts[1] = std::int64_t{7};
  p.opts[2] = std::string("text");
  p.opts[3] = 0.5;
  p.create_time = {1700000000, 5};
  p.last_pg_merge_meta.source_pgid = {1, 2};
  p.last_pg_merge_meta.source_version = {9, 8};
  return p;
}

TEST(PgPool, RoundTripsEveryField) {
  const auto p = sample_pool();
  const auto bytes = wire::encode_to_bytes(p);
  EXPECT_EQ(test::to_hex(bytes).substr(0, 4), "1d05");  // v29, compat 5
  pg_pool decoded;
  std::string message;
  ASSERT_FALSE(wire::decode_exact(bytes, decoded, &message)) << message;
  EXPECT_EQ(decoded, p);
  EXPECT_EQ(wire::encode_to_bytes(decoded), bytes);
}

TEST(PgPool, RefusesPreFireflyEncodings) {
  // v13 with a length, compat 5.
  const auto bytes = test::from_hex("0d 05 01000000 01");
  pg_pool p;
  EXPECT_EQ(wire::decode_exact(bytes, p), errc::unsupported_version);
}

TEST(PgPool, EveryTruncationIsReportedNotCrashed) {
  const auto bytes = wire::encode_to_bytes(sample_pool());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    pg_pool p;
    const auto ec = wire::decode_exact(bytes_view(bytes.data(), n), p);
    EXPECT_TRUE(ec) << "prefix of " << n << " bytes decoded";
  }
}

TEST(PgPool, UnknownOptionTypeIsMalformed) {
  auto p = sample_pool();
  p.opts.clear();
  auto bytes = wire::encode_to_bytes(p);
  // Find the empty pool_opts_t section (02 01 04000000 00000000) and give it one option of
  // type 9, fixing up the lengths of both sections.
  const auto hex = test::to_hex(bytes);
  const auto at = hex.find("02010400000000000000");
  ASSERT_NE(at, std::string::npos);
  auto patched = hex.substr(0, at) + "02010c000000" "01000000" "05000000" "09000000" +
                 hex.substr(at + 20);
  auto patched_bytes = test::from_hex(patched);
  const std::uint32_t outer = static_cast<std::uint32_t>(patched_bytes.size() - 6);
  std::memcpy(patched_bytes.data() + 2, &outer, 4);
  pg_pool decoded;
  std::string message;
  EXPECT_EQ(wire::decode_exact(patched_bytes, decoded, &message), errc::malformed);
  EXPECT_NE(message.find("pool option 5 has type 9"), std::string::npos) << message;
}

}  // namespace
}  // namespace radosio

namespace radosio {
namespace {

TEST(PgPool, NanOptionRoundTripsByteForByte) {
  // Found by fuzzing: a double option holding NaN is valid data; it must survive a decode and
  // re-encode unchanged even though NaN never compares equal to itself.
  pg_pool p = sample_pool();
  p.opts[9] = std::numeric_limits<double>::quiet_NaN();
  const auto bytes = wire::encode_to_bytes(p);
  pg_pool decoded;
  ASSERT_FALSE(wire::decode_exact(bytes, decoded));
  EXPECT_EQ(wire::encode_to_bytes(decoded), bytes);
}

}  // namespace
}  // namespace radosio
