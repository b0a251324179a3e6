#include "crush/hash.h"

#include <gtest/gtest.h>

#include <cmath>

#include "crush/ln.h"

namespace radosio::crush {
namespace {

TEST(crush_hash, protocol_vector) {
  // shared/guide/protocol.md §c.4, checked against Ceph.
  EXPECT_EQ(hash32_2(hash_rjenkins1, 6, 1), 3614737657u);
}

TEST(crush_hash, unknown_hash_type_gives_zero_like_ceph) {
  EXPECT_EQ(hash32(1, 5), 0u);
  EXPECT_EQ(hash32_2(7, 6, 1), 0u);
  EXPECT_EQ(hash32_3(1, 1, 2, 3), 0u);
  EXPECT_EQ(hash32_4(1, 1, 2, 3, 4), 0u);
  EXPECT_EQ(hash32_5(1, 1, 2, 3, 4, 5), 0u);
}

TEST(crush_hash, arities_differ_and_are_deterministic) {
  const auto a = hash32(hash_rjenkins1, 42);
  const auto b = hash32_2(hash_rjenkins1, 42, 0);
  const auto c = hash32_3(hash_rjenkins1, 42, 0, 0);
  const auto d = hash32_4(hash_rjenkins1, 42, 0, 0, 0);
  const auto e = hash32_5(hash_rjenkins1, 42, 0, 0, 0, 0);
  EXPECT_NE(a, b);
  EXPECT_NE(b, c);
  EXPECT_NE(c, d);
  EXPECT_NE(d, e);
  EXPECT_EQ(c, hash32_3(hash_rjenkins1, 42, 0, 0));
  // Argument order matters.
  EXPECT_NE(hash32_2(hash_rjenkins1, 1, 2), hash32_2(hash_rjenkins1, 2, 1));
}

TEST(crush_ln, exact_powers_of_two) {
  // 2^44 * log2(u + 1) is exact when u + 1 is a power of two.
  EXPECT_EQ(crush_ln(0), 0u);
  for (unsigned k = 1; k < 16; ++k)
    EXPECT_EQ(crush_ln((1u << k) - 1), static_cast<std::uint64_t>(k) << 44) << k;
  // 0x10000 itself uses the table's final pair: slightly below 16 << 44.
  EXPECT_EQ(crush_ln(0xffff), 0xfffff0000000ull);
}

TEST(crush_ln, close_to_log2_everywhere) {
  for (std::uint32_t u = 0; u <= 0xffff; ++u) {
    const double exact = std::ldexp(std::log2(static_cast<double>(u) + 1.0), 44);
    const double got = static_cast<double>(crush_ln(u));
    ASSERT_LT(std::fabs(got - exact), std::ldexp(1.0, 33)) << u;
  }
}

}  // namespace
}  // namespace radosio::crush
