#include "common/object_hash.h"

#include <gtest/gtest.h>

#include <string>

namespace radosio {
namespace {

TEST(Rjenkins, KnownVectorsFromProtocolNotes) {
  EXPECT_EQ(str_hash_rjenkins("foo"), 0x7fc1f406u);
  EXPECT_EQ(str_hash_rjenkins(std::string("myns\x1f" "foo")), 0xa9011cd6u);
}

TEST(Rjenkins, EveryTailLengthIsMixedIn) {
  // Names of 0..30 bytes exercise the 12-byte loop and each tail case; all must differ.
  std::string name;
  std::vector<std::uint32_t> seen;
  for (int i = 0; i <= 30; ++i) {
    const auto h = str_hash_rjenkins(name);
    for (auto s : seen) EXPECT_NE(h, s) << "length " << i;
    seen.push_back(h);
    name.push_back(static_cast<char>('a' + i % 26));
  }
}

TEST(Rjenkins, HighBitBytesAreUnsigned) {
  // Bytes >= 0x80 must be taken as unsigned, as Ceph does.
  EXPECT_NE(str_hash_rjenkins("\xff"), str_hash_rjenkins("\x7f"));
}

TEST(StableMod, FoldsLikeCeph) {
  // pg_num 12: mask 15. Seeds whose low 4 bits are < 12 keep them; others drop a bit.
  constexpr auto mask = stable_mod_mask(12);
  static_assert(mask == 15);
  EXPECT_EQ(stable_mod(0x7fc1f406, 12, mask), 6u);
  EXPECT_EQ(stable_mod(13, 12, mask), 5u);
  EXPECT_EQ(stable_mod(15, 12, mask), 7u);
  EXPECT_EQ(stable_mod(11, 12, mask), 11u);
}

TEST(StableMod, MaskForPowersOfTwo) {
  EXPECT_EQ(stable_mod_mask(1), 0u);
  EXPECT_EQ(stable_mod_mask(2), 1u);
  EXPECT_EQ(stable_mod_mask(8), 7u);
  EXPECT_EQ(stable_mod_mask(9), 15u);
  EXPECT_EQ(stable_mod_mask(32), 31u);
  for (std::uint32_t x = 0; x < 1000; ++x) EXPECT_EQ(stable_mod(x, 32, 31), x % 32);
}

}  // namespace
}  // namespace radosio
