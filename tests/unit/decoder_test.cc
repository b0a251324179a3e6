#include "common/encoding/decoder.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace radosio::wire {
namespace {

using test::from_hex;

TEST(Decoder, IntegersAreLittleEndian) {
  const auto bytes = from_hex("01 0203 04050607 08090a0b0c0d0e0f");
  decoder d(bytes);
  std::uint8_t a = 0;
  std::uint16_t b = 0;
  std::uint32_t c = 0;
  std::uint64_t e = 0;
  decode(d, a);
  decode(d, b);
  decode(d, c);
  decode(d, e);
  ASSERT_TRUE(d.ok()) << d.message();
  EXPECT_EQ(a, 0x01);
  EXPECT_EQ(b, 0x0302);
  EXPECT_EQ(c, 0x07060504u);
  EXPECT_EQ(e, 0x0f0e0d0c0b0a0908ull);
  EXPECT_TRUE(d.at_end());
}

TEST(Decoder, StringsCarryLe32Length) {
  const auto bytes = from_hex("03000000 666f6f");
  std::string s;
  ASSERT_FALSE(decode_exact(bytes, s));
  EXPECT_EQ(s, "foo");
}

TEST(Decoder, TruncationIsAnErrorNamingWhatWasRead) {
  const auto bytes = from_hex("0500000066");
  std::string s, message;
  const auto ec = decode_exact(bytes, s, &message);
  EXPECT_EQ(ec, errc::truncated);
  EXPECT_NE(message.find("needed 5 bytes for string, 1 left"), std::string::npos) << message;
}

TEST(Decoder, FailureIsStickyAndConsumesNothingMore) {
  const auto bytes = from_hex("0102");
  decoder d(bytes);
  std::uint32_t x = 7;
  decode(d, x);
  EXPECT_FALSE(d.ok());
  EXPECT_EQ(x, 0u);
  std::uint8_t y = 9;
  decode(d, y);
  EXPECT_EQ(y, 0u);  // no read after the failure
  EXPECT_EQ(d.error(), errc::truncated);
}

TEST(Decoder, LyingElementCountFailsBeforeAllocating) {
  // A vector<u64> that claims 0x10000000 elements in 8 bytes.
  const auto bytes = from_hex("00000010 0000000000000000");
  std::vector<std::uint64_t> v;
  std::string message;
  EXPECT_EQ(decode_exact(bytes, v, &message), errc::length_too_large);
  EXPECT_NE(message.find("claims 268435456 elements"), std::string::npos) << message;
}

TEST(Decoder, TrailingBytesAfterExactValueAreAnError) {
  const auto bytes = from_hex("01000000 ff");
  std::uint32_t v = 0;
  EXPECT_EQ(decode_exact(bytes, v), errc::malformed);
}

TEST(Decoder, MapsSetsOptionalsAndBools) {
  const auto bytes = from_hex(
      "02000000 01000000 0a00 02000000 0b00"  // map<u32,u16>{1:10, 2:11}
      "02000000 0500000000000000 0300000000000000"  // set<u64>{5,3} -> {3,5}
      "01 2a000000"  // optional<u32>{42}
      "00"           // optional<u32>{}
      "02");         // bool from a non-zero byte
  decoder d(bytes);
  std::map<std::uint32_t, std::uint16_t> m;
  std::set<std::uint64_t> s;
  std::optional<std::uint32_t> o1, o2 = 5;
  bool flag = false;
  decode(d, m);
  decode(d, s);
  decode(d, o1);
  decode(d, o2);
  decode(d, flag);
  ASSERT_TRUE(d.ok()) << d.message();
  EXPECT_TRUE(d.at_end());
  EXPECT_EQ(m, (std::map<std::uint32_t, std::uint16_t>{{1, 10}, {2, 11}}));
  EXPECT_EQ(s, (std::set<std::uint64_t>{3, 5}));
  EXPECT_EQ(o1, 42u);
  EXPECT_FALSE(o2.has_value());
  EXPECT_TRUE(flag);
}

struct demo {
  std::uint32_t a = 0;
  std::uint32_t b = 0;  // added in v2
};

void decode(decoder& d, demo& v) {
  d.versioned("demo", 2, [&](decoder& s, std::uint8_t version) {
    decode(s, v.a);
    if (version >= 2) decode(s, v.b);
  });
}

TEST(Versioned, SkipsUnknownTrailingFields) {
  // v3 (compat 1) with a field we don't know after a and b; then a trailing u8 outside.
  const auto bytes = from_hex("03 01 0c000000 01000000 02000000 ffffffff 7f");
  decoder d(bytes);
  demo v;
  decode(d, v);
  std::uint8_t after = 0;
  decode(d, after);
  ASSERT_TRUE(d.ok()) << d.message();
  EXPECT_EQ(v.a, 1u);
  EXPECT_EQ(v.b, 2u);
  EXPECT_EQ(after, 0x7f);
}

TEST(Versioned, OlderVersionLeavesNewFieldsAlone) {
  const auto bytes = from_hex("01 01 04000000 05000000");
  demo v;
  v.b = 99;
  ASSERT_FALSE(decode_exact(bytes, v));
  EXPECT_EQ(v.a, 5u);
  EXPECT_EQ(v.b, 99u);
}

TEST(Versioned, CompatNewerThanUnderstoodIsRefused) {
  const auto bytes = from_hex("05 03 04000000 05000000");
  demo v;
  std::string message;
  EXPECT_EQ(decode_exact(bytes, v, &message), errc::unsupported_version);
  EXPECT_NE(message.find("demo is encoded as v5 needing at least v3; we understand v2"),
            std::string::npos)
      << message;
}

TEST(Versioned, LengthBeyondInputIsTruncation) {
  const auto bytes = from_hex("02 01 ff000000 05000000");
  demo v;
  EXPECT_EQ(decode_exact(bytes, v), errc::truncated);
}

TEST(Versioned, BodyCannotReadPastItsSection) {
  // The section says 4 bytes but v2 needs 8: the body must fail, not read the next byte.
  const auto bytes = from_hex("02 01 04000000 05000000 06000000");
  decoder d(bytes);
  demo v;
  decode(d, v);
  EXPECT_EQ(d.error(), errc::truncated);
  EXPECT_NE(d.message().find("demo at byte"), std::string::npos) << d.message();
}

TEST(Versioned, LegacyEncodingsWithoutLengthRunToWhatTheyRead) {
  // Version 1 predates both the compat byte (since 2) and the length (since 2).
  const auto bytes = from_hex("01 05000000 aa");
  decoder d(bytes);
  std::uint32_t a = 0;
  d.versioned_legacy("legacy", 3, 2, 2, [&](decoder& s, std::uint8_t v) {
    EXPECT_EQ(v, 1);
    decode(s, a);
  });
  std::uint8_t after = 0;
  decode(d, after);
  ASSERT_TRUE(d.ok()) << d.message();
  EXPECT_EQ(a, 5u);
  EXPECT_EQ(after, 0xaa);
}

TEST(Decoder, TakeBufferSharesOwnedInput) {
  const auto owned = buffer::adopt(from_hex("03000000 616263"));
  decoder d(owned);
  buffer b;
  decode(d, b);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(b.as_string_view(), "abc");
  EXPECT_EQ(b.data(), owned.data() + 4);
}

TEST(Decoder, TakeSectionRawKeepsHeader) {
  const auto bytes = from_hex("01 01 02000000 aabb cc");
  decoder d(bytes);
  const auto raw = d.take_section_raw("x");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(test::to_hex(raw.view()), "010102000000aabb");
  EXPECT_EQ(d.remaining(), 1u);
  const auto short_bytes = from_hex("01 01 09000000 aa");  // named: the decoder only views it
  decoder bad(short_bytes);
  (void)bad.take_section_raw("x");
  EXPECT_EQ(bad.error(), errc::truncated);
}

}  // namespace
}  // namespace radosio::wire
