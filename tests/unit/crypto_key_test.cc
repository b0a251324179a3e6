#include "auth/crypto_key.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace radosio::auth {
namespace {

using test::from_hex;

TEST(CryptoKey, LayoutIsTypeCreatedLengthSecret) {
  crypto_key k;
  k.created = {0x11223344, 5};
  k.secret.assign(16, 0xab);
  const auto hex = test::encoded_hex(k);
  EXPECT_EQ(hex, "0100" "44332211" "05000000" "1000" "abababababababababababababababab");
  crypto_key decoded;
  ASSERT_FALSE(wire::decode_exact(from_hex(hex), decoded));
  EXPECT_EQ(decoded, k);
}

TEST(CryptoKey, RefusesAbsurdLengthsAndUnknownAlgorithms) {
  crypto_key k;
  EXPECT_EQ(wire::decode_exact(from_hex("0100 00000000 00000000 ffff"), k),
            errc::length_too_large);
  EXPECT_EQ(wire::decode_exact(from_hex("0900 00000000 00000000 0000"), k), errc::malformed);
  EXPECT_EQ(wire::decode_exact(from_hex("0100 00000000 00000000 1000 abab"), k),
            errc::truncated);
}

}  // namespace
}  // namespace radosio::auth
