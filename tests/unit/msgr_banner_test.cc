#include "messenger/banner.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "common/error.h"
#include "messenger/msgr_error.h"
#include "test_util.h"

namespace radosio::msgr {
namespace {

using bytes = std::vector<std::uint8_t>;

bytes banner_with(std::uint64_t supported, std::uint64_t required) {
  const auto b = encode_banner({supported, required});
  return bytes(b.begin(), b.end());
}

bytes from_text(std::string_view text) { return bytes(text.begin(), text.end()); }

TEST(MsgrBanner, OursIsTheTwentySixBytesCephSends) {
  const auto b = encode_banner();
  EXPECT_EQ(test::to_hex(b),
            "636570682076320a"
            "1000"
            "0100000000000000"
            "0000000000000000");
  EXPECT_EQ(b.size(), banner_size);
}

TEST(MsgrBanner, ParsesAPacificPeer) {
  banner_features peer;
  const auto b = encode_banner();
  ASSERT_FALSE(parse_banner(b, our_banner_features, peer));
  EXPECT_EQ(peer.supported, msgr2_feature_revision_1);
  EXPECT_EQ(peer.required, 0u);
}

TEST(MsgrBanner, StepwiseWithALongerFuturePayload) {
  bytes b = banner_with(msgr2_feature_revision_1 | msgr2_feature_compression, 0);
  const std::uint16_t longer = 24;
  std::memcpy(b.data() + 8, &longer, 2);
  b.resize(10 + 24, 0xab);
  std::uint16_t length = 0;
  ASSERT_FALSE(parse_banner_prefix(bytes_view(b).first(10), length));
  ASSERT_EQ(length, 24);
  banner_features peer;
  ASSERT_FALSE(parse_banner_payload(bytes_view(b).subspan(10), our_banner_features, peer));
  EXPECT_EQ(peer.supported, 3u);  // it may offer compression; we just do not use it
  EXPECT_FALSE(parse_banner(b, our_banner_features, peer));
}

TEST(MsgrBanner, Msgr1PeerIsNamed) {
  // msgr1: "ceph v027" then the peer's legacy entity_addr_t.
  bytes b = from_text("ceph v027");
  b.resize(banner_size, 0);
  banner_features peer;
  const auto ec = parse_banner(b, our_banner_features, peer);
  EXPECT_EQ(ec, msgr_errc::msgr1_peer);
  EXPECT_NE(ec.message().find("msgr1"), std::string::npos);
  std::uint16_t length = 0;
  EXPECT_EQ(parse_banner_prefix(bytes_view(b).first(10), length), msgr_errc::msgr1_peer);
}

TEST(MsgrBanner, AnythingElseIsNotMsgr2) {
  banner_features peer;
  for (std::string_view text : {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "SSH-2.0-OpenSSH_9.2p1 Debian",
                                "ceph v3\n                  ", "CEPH V2\n                  "}) {
    bytes b = from_text(text);
    b.resize(banner_size, 0);
    const auto ec = parse_banner(b, our_banner_features, peer);
    EXPECT_EQ(ec, msgr_errc::not_msgr2) << text;
    EXPECT_EQ(ec.message(), "not a Ceph msgr2 peer");
  }
}

TEST(MsgrBanner, FeatureNegotiation) {
  banner_features peer;
  // The peer requires compression, which we lack.
  EXPECT_EQ(parse_banner(banner_with(3, msgr2_feature_compression), our_banner_features, peer),
            msgr_errc::missing_features);
  // The peer requires an unknown future feature.
  EXPECT_EQ(parse_banner(banner_with(1 | (1ull << 40), 1ull << 40), our_banner_features, peer),
            msgr_errc::missing_features);
  // It requires revision 1 itself: fine.
  EXPECT_FALSE(parse_banner(banner_with(1, 1), our_banner_features, peer));
  // A msgr2.0-only peer.
  EXPECT_EQ(parse_banner(banner_with(0, 0), our_banner_features, peer), msgr_errc::no_revision_1);
  // We require something the peer does not offer.
  EXPECT_EQ(parse_banner(banner_with(1, 0), banner_features{3, 2}, peer),
            msgr_errc::missing_features);
}

TEST(MsgrBanner, MalformedLengthsAndSizes) {
  bytes b = banner_with(1, 0);
  const std::uint16_t shorter = 8;
  std::memcpy(b.data() + 8, &shorter, 2);
  std::uint16_t length = 0;
  EXPECT_EQ(parse_banner_prefix(bytes_view(b).first(10), length), msgr_errc::bad_banner);
  banner_features peer;
  EXPECT_EQ(parse_banner_payload(bytes_view(b).subspan(10, 8), our_banner_features, peer),
            msgr_errc::bad_banner);
  const auto good = encode_banner();
  EXPECT_EQ(parse_banner_prefix(bytes_view(good).first(9), length), errc::truncated);
  EXPECT_EQ(parse_banner(bytes_view(good).first(25), our_banner_features, peer), errc::truncated);
  EXPECT_EQ(parse_banner(bytes_view(good).first(3), our_banner_features, peer), errc::truncated);
}

}  // namespace
}  // namespace radosio::msgr
