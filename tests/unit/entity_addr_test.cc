#include "common/types/entity_addr.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace radosio {
namespace {

using test::encoded_hex;
using test::from_hex;

// v2 127.0.0.1:3300 nonce 0, the form a HELLO frame carries (family little-endian).
constexpr const char* v2_localhost_3300 =
    "01" "01011c000000" "02000000" "00000000" "10000000" "0200" "0ce4" "7f000001"
    "0000000000000000";

TEST(EntityAddr, VersionedIpv4Bytes) {
  const auto a = entity_addr::ipv4(addr_type::msgr2, {127, 0, 0, 1}, 3300);
  EXPECT_EQ(encoded_hex(a), v2_localhost_3300);
  EXPECT_EQ(a.to_string(), "v2:127.0.0.1:3300/0");
  EXPECT_EQ(a.port(), 3300);
}

TEST(EntityAddr, DecodesVersionedForm) {
  entity_addr a;
  ASSERT_FALSE(wire::decode_exact(from_hex(v2_localhost_3300), a));
  EXPECT_EQ(a.type, addr_type::msgr2);
  EXPECT_EQ(a.family, family_inet);
  EXPECT_EQ(a.ip_string(), "127.0.0.1");
  EXPECT_EQ(a.port(), 3300);
}

TEST(EntityAddr, Ipv6RoundTrip) {
  std::array<std::uint8_t, 16> loopback{};
  loopback[15] = 1;
  const auto a = entity_addr::ipv6(addr_type::legacy, loopback, 6789, 42);
  EXPECT_EQ(a.to_string(), "v1:[::1]:6789/42");
  const auto bytes = wire::encode_to_bytes(a);
  EXPECT_EQ(bytes.size(), 47u);  // marker + header + type + nonce + len + sockaddr_in6
  entity_addr decoded;
  ASSERT_FALSE(wire::decode_exact(bytes, decoded));
  EXPECT_EQ(decoded, a);
}

TEST(EntityAddr, DecodesLegacyFormWithBigEndianFamily) {
  // marker 0 + 3 bytes, nonce 7, then a 128-byte sockaddr_storage: family 2 big-endian,
  // port 6789 (0x1a85), 10.0.0.1.
  std::string hex = "00000000" "07000000" "0002" "1a85" "0a000001";
  hex += std::string((128 - 8) * 2, '0');
  entity_addr a;
  ASSERT_FALSE(wire::decode_exact(from_hex(hex), a));
  EXPECT_EQ(a.type, addr_type::legacy);
  EXPECT_EQ(a.nonce, 7u);
  EXPECT_EQ(a.to_string(), "v1:10.0.0.1:6789/7");
}

TEST(EntityAddr, LegacyPaddingBeyondTheFamilysSockaddrIsIgnored) {
  // Found by fuzzing: junk in sockaddr_storage's padding must not survive into the value,
  // or the address would not re-encode to itself.
  std::string hex = "00000000" "00000000" "0002" "1a85" "0a000001";
  hex += std::string((128 - 8) * 2, 'f');
  entity_addr a;
  ASSERT_FALSE(wire::decode_exact(from_hex(hex), a));
  entity_addr again;
  ASSERT_FALSE(wire::decode_exact(wire::encode_to_bytes(a), again));
  EXPECT_EQ(again, a);
  EXPECT_EQ(a.to_string(), "v1:10.0.0.1:6789/0");
}

TEST(EntityAddr, RejectsBadMarkersAndSizes) {
  entity_addr a;
  EXPECT_EQ(wire::decode_exact(from_hex("07"), a), errc::malformed);
  // sockaddr length 200 is more than any sockaddr.
  EXPECT_EQ(wire::decode_exact(from_hex("01 01010c000000 02000000 00000000 c8000000"), a),
            errc::malformed);
  // IPv6 family in a sockaddr too short for one.
  std::string hex = "01" "01011c000000" "02000000" "00000000" "10000000" "0a00";
  hex += std::string(14 * 2, '0');
  EXPECT_EQ(wire::decode_exact(from_hex(hex), a), errc::malformed);
}

TEST(EntityAddrvec, EncodesMarkerTwoAndList) {
  entity_addrvec v;
  v.addrs.push_back(entity_addr::ipv4(addr_type::msgr2, {127, 0, 0, 1}, 3300));
  v.addrs.push_back(entity_addr::ipv4(addr_type::legacy, {127, 0, 0, 1}, 6789));
  const auto bytes = wire::encode_to_bytes(v);
  EXPECT_EQ(bytes.size(), 1u + 4u + 2 * 35u);
  EXPECT_EQ(test::to_hex(bytes).substr(0, 10), "0202000000");
  entity_addrvec decoded;
  ASSERT_FALSE(wire::decode_exact(bytes, decoded));
  EXPECT_EQ(decoded, v);
  EXPECT_EQ(decoded.to_string(), "[v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0]");
  EXPECT_EQ(decoded.find(addr_type::legacy)->port(), 6789);
  EXPECT_FALSE(decoded.find(addr_type::any));
}

TEST(EntityAddrvec, AcceptsASingleVersionedAddress) {
  entity_addrvec v;
  ASSERT_FALSE(wire::decode_exact(from_hex(v2_localhost_3300), v));
  ASSERT_EQ(v.addrs.size(), 1u);
  EXPECT_EQ(v.addrs[0].port(), 3300);
}

// Ceph's operator<< for the forms a map can hold besides plain v1/v2 addresses (monmaptool
// prints MonMaps with empty vectors and typeless slots; blocklists hold "any" addresses).
TEST(EntityAddr, PrintsEdgeFormsLikeCeph) {
  auto any = entity_addr::ipv4(addr_type::any, {10, 0, 0, 1}, 0, 7);
  EXPECT_EQ(any.to_string(), "10.0.0.1:0/7");
  auto typeless = entity_addr::ipv4(addr_type::none, {10, 0, 0, 1}, 6789);
  EXPECT_EQ(typeless.to_string(), "-");
  entity_addr no_family;
  no_family.type = addr_type::msgr2;
  no_family.nonce = 3;
  EXPECT_EQ(no_family.to_string(), "v2:(unrecognized address family 0)/3");
  EXPECT_EQ(entity_addrvec{}.to_string(), "");
  EXPECT_EQ(entity_addrvec{{entity_addr{}}}.to_string(), "-");
}

}  // namespace
}  // namespace radosio
