#pragma once
// Network addresses as Ceph encodes them (entity_addr_t, entity_addrvec_t).
//
// Two encodings exist. The versioned one (marker byte 1) is what msgr2 peers use: address
// type, nonce, then a sockaddr whose family field is little-endian. The legacy one (marker 0)
// carries a 128-byte sockaddr_storage with a big-endian family; we decode it for old maps and
// never send it. An addrvec (marker 2) lists the v2 and v1 addresses of one daemon.

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"

namespace radosio {

enum class addr_type : std::uint32_t {
  none = 0,
  legacy = 1,  // msgr1
  msgr2 = 2,
  any = 3,     // what a client calls its own address: "whatever the server sees"
  cidr = 4,
};

// Linux's address family numbers, which is what travels on the wire.
inline constexpr std::uint16_t family_inet = 2;
inline constexpr std::uint16_t family_inet6 = 10;

struct entity_addr {
  addr_type type = addr_type::none;
  std::uint32_t nonce = 0;
  std::uint16_t family = 0;  // 0 (no address), family_inet or family_inet6
  // The sockaddr bytes after its family field, as in memory: port (big-endian), then the
  // address (for IPv6: flowinfo, 16 address bytes, scope id). Unused bytes stay zero.
  std::array<std::uint8_t, 26> sockaddr_tail{};
  // Size of the whole sockaddr on the wire (family included): 16 for IPv4, 28 for IPv6, 0
  // for none. Kept as received because peers may send a full sockaddr_in6-sized blob for
  // family 0.
  std::uint8_t sockaddr_len = 0;

  friend auto operator<=>(const entity_addr&, const entity_addr&) = default;

  [[nodiscard]] std::uint16_t port() const noexcept;
  void set_port(std::uint16_t port) noexcept;
  // "127.0.0.1" or "::1"; empty when there is no address.
  [[nodiscard]] std::string ip_string() const;
  // Ceph's notation: "v2:127.0.0.1:3300/0", "v1:[::1]:6789/12", "-" for none, no prefix
  // for "any" ("10.0.0.1:0/7").
  [[nodiscard]] std::string to_string() const;

  static entity_addr ipv4(addr_type type, std::array<std::uint8_t, 4> ip, std::uint16_t port,
                          std::uint32_t nonce = 0);
  static entity_addr ipv6(addr_type type, std::array<std::uint8_t, 16> ip, std::uint16_t port,
                          std::uint32_t nonce = 0);
};

// Decodes either encoding (legacy or versioned), as Ceph does.
void decode(wire::decoder& d, entity_addr& a);
// Encodes the versioned (msgr2-era) form.
void encode(wire::encoder& e, const entity_addr& a);

struct entity_addrvec {
  std::vector<entity_addr> addrs;
  friend bool operator==(const entity_addrvec&, const entity_addrvec&) = default;

  // The first address of the given type, if any (e.g. a daemon's msgr2 address).
  [[nodiscard]] std::optional<entity_addr> find(addr_type type) const;
  // "[v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0]", the single address bare, "" when empty.
  [[nodiscard]] std::string to_string() const;
};

// Accepts all three markers: a legacy or versioned single address becomes a one-entry vector.
void decode(wire::decoder& d, entity_addrvec& v);
void encode(wire::encoder& e, const entity_addrvec& v);

}  // namespace radosio
