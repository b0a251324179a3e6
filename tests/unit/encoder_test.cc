#include "common/encoding/encoder.h"

#include <gtest/gtest.h>

#include "common/encoding/decoder.h"
#include "test_util.h"

namespace radosio::wire {
namespace {

using test::to_hex;

TEST(Encoder, IntegersStringsAndContainers) {
  encoder e;
  encode(e, std::uint8_t{1});
  encode(e, std::uint16_t{0x0302});
  encode(e, std::int32_t{-1});
  encode(e, std::string("hi"));
  encode(e, std::vector<std::uint16_t>{7, 8});
  encode(e, std::map<std::string, std::uint8_t>{{"a", 1}});
  encode(e, true);
  EXPECT_EQ(to_hex(e.view()),
            "01" "0203" "ffffffff" "020000006869" "0200000007000800" "01000000" "0100000061" "01" "01");
}

TEST(Encoder, VersionedPatchesTheLength) {
  encoder e;
  e.versioned(3, 1, [](encoder& s) {
    encode(s, std::uint32_t{0xdeadbeef});
    s.versioned(1, 1, [](encoder& inner) { encode(inner, std::uint8_t{9}); });
  });
  EXPECT_EQ(to_hex(e.view()), "03010b000000" "efbeadde" "010101000000" "09");
}

TEST(Encoder, RoundTripsThroughDecoder) {
  const std::map<std::int64_t, std::vector<std::string>> original{{-3, {"x", ""}}, {5, {}}};
  const auto bytes = encode_to_bytes(original);
  std::map<std::int64_t, std::vector<std::string>> decoded;
  ASSERT_FALSE(decode_exact(bytes, decoded));
  EXPECT_EQ(decoded, original);
}

}  // namespace
}  // namespace radosio::wire
