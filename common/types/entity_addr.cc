#include "common/types/entity_addr.h"

#include <arpa/inet.h>

#include <algorithm>

#include <fmt/format.h>

namespace radosio {
namespace {

constexpr std::uint8_t marker_legacy = 0;
constexpr std::uint8_t marker_versioned = 1;
constexpr std::uint8_t marker_vector = 2;
constexpr std::size_t legacy_sockaddr_storage_size = 128;
constexpr std::uint32_t max_sockaddr_size = 28;  // sizeof(sockaddr_in6)

std::uint32_t sockaddr_size_for(std::uint16_t family) {
  switch (family) {
    case family_inet: return 16;
    case family_inet6: return 28;
    default: return 0;
  }
}

void decode_legacy_after_marker(wire::decoder& d, entity_addr& a) {
  // The legacy form starts with a le32 "type" whose first byte doubled as the marker.
  d.skip(3, "legacy addr padding");
  decode(d, a.nonce);
  const auto storage = d.take(legacy_sockaddr_storage_size, "sockaddr_storage");
  if (storage.empty()) return;
  a.family = static_cast<std::uint16_t>(storage[0] << 8 | storage[1]);  // big-endian here
  if (a.family != 0 && a.family != family_inet && a.family != family_inet6) {
    d.fail(errc::malformed, fmt::format("unknown address family {}", a.family));
    return;
  }
  // Only the family's own sockaddr counts; the rest of sockaddr_storage is padding.
  a.sockaddr_len = static_cast<std::uint8_t>(sockaddr_size_for(a.family));
  if (a.sockaddr_len > 0)
    std::copy_n(storage.begin() + 2, a.sockaddr_len - 2, a.sockaddr_tail.begin());
  a.type = a.family == 0 ? addr_type::none : addr_type::legacy;
}

void decode_versioned_after_marker(wire::decoder& d, entity_addr& a) {
  d.versioned("entity_addr_t", 1, [&](wire::decoder& s, std::uint8_t) {
    std::uint32_t type = 0;
    decode(s, type);
    a.type = static_cast<addr_type>(type);
    decode(s, a.nonce);
    std::uint32_t size = 0;
    decode(s, size);
    if (!s.ok() || size == 0) return;
    if (size < 2 || size > max_sockaddr_size) {
      s.fail(errc::malformed, fmt::format("sockaddr of {} bytes", size));
      return;
    }
    decode(s, a.family);
    const auto tail = s.take(size - 2, "sockaddr");
    if (!s.ok()) return;
    if (a.family != 0 && size < sockaddr_size_for(a.family)) {
      s.fail(errc::malformed,
             fmt::format("sockaddr of {} bytes for address family {}", size, a.family));
      return;
    }
    std::copy(tail.begin(), tail.end(), a.sockaddr_tail.begin());
    a.sockaddr_len = static_cast<std::uint8_t>(size);
  });
}

}  // namespace

std::uint16_t entity_addr::port() const noexcept {
  return static_cast<std::uint16_t>(sockaddr_tail[0] << 8 | sockaddr_tail[1]);
}

void entity_addr::set_port(std::uint16_t port) noexcept {
  sockaddr_tail[0] = static_cast<std::uint8_t>(port >> 8);
  sockaddr_tail[1] = static_cast<std::uint8_t>(port);
}

std::string entity_addr::ip_string() const {
  char text[INET6_ADDRSTRLEN] = {};
  if (family == family_inet) {
    inet_ntop(AF_INET, sockaddr_tail.data() + 2, text, sizeof(text));
  } else if (family == family_inet6) {
    inet_ntop(AF_INET6, sockaddr_tail.data() + 6, text, sizeof(text));
  }
  return text;
}

std::string entity_addr::to_string() const {
  // Exactly Ceph's operator<<, so what we print can be compared with Ceph's tools: "-" for
  // no address, no prefix for "any", and unknown families named rather than guessed.
  std::string_view prefix;
  switch (type) {
    case addr_type::none: return "-";
    case addr_type::legacy: prefix = "v1:"; break;
    case addr_type::msgr2: prefix = "v2:"; break;
    case addr_type::any: prefix = ""; break;
    case addr_type::cidr: prefix = "cidr:"; break;
    default: prefix = "???:"; break;
  }
  if (family == family_inet) return fmt::format("{}{}:{}/{}", prefix, ip_string(), port(), nonce);
  if (family == family_inet6)
    return fmt::format("{}[{}]:{}/{}", prefix, ip_string(), port(), nonce);
  return fmt::format("{}(unrecognized address family {})/{}", prefix, family, nonce);
}

entity_addr entity_addr::ipv4(addr_type type, std::array<std::uint8_t, 4> ip,
                              std::uint16_t port, std::uint32_t nonce) {
  entity_addr a;
  a.type = type;
  a.nonce = nonce;
  a.family = family_inet;
  a.sockaddr_len = 16;
  a.set_port(port);
  std::copy(ip.begin(), ip.end(), a.sockaddr_tail.begin() + 2);
  return a;
}

entity_addr entity_addr::ipv6(addr_type type, std::array<std::uint8_t, 16> ip,
                              std::uint16_t port, std::uint32_t nonce) {
  entity_addr a;
  a.type = type;
  a.nonce = nonce;
  a.family = family_inet6;
  a.sockaddr_len = 28;
  a.set_port(port);
  std::copy(ip.begin(), ip.end(), a.sockaddr_tail.begin() + 6);  // after port and flowinfo
  return a;
}

void decode(wire::decoder& d, entity_addr& a) {
  a = entity_addr{};
  std::uint8_t marker = 0;
  decode(d, marker);
  if (!d.ok()) return;
  switch (marker) {
    case marker_legacy: decode_legacy_after_marker(d, a); break;
    case marker_versioned: decode_versioned_after_marker(d, a); break;
    default: d.fail(errc::malformed, fmt::format("entity_addr_t marker {}", marker));
  }
}

void encode(wire::encoder& e, const entity_addr& a) {
  encode(e, marker_versioned);
  e.versioned(1, 1, [&](wire::encoder& s) {
    encode(s, static_cast<std::uint32_t>(a.type));
    encode(s, a.nonce);
    const std::uint32_t size = a.sockaddr_len;
    encode(s, size);
    if (size == 0) return;
    encode(s, a.family);
    s.write_bytes(bytes_view(a.sockaddr_tail.data(), size - 2));
  });
}

std::optional<entity_addr> entity_addrvec::find(addr_type type) const {
  for (const auto& a : addrs)
    if (a.type == type) return a;
  return std::nullopt;
}

std::string entity_addrvec::to_string() const {
  if (addrs.empty()) return {};  // Ceph prints nothing at all for an empty vector
  if (addrs.size() == 1) return addrs.front().to_string();
  std::string out = "[";
  for (std::size_t i = 0; i < addrs.size(); ++i) {
    if (i) out += ',';
    out += addrs[i].to_string();
  }
  return out + "]";
}

void decode(wire::decoder& d, entity_addrvec& v) {
  v.addrs.clear();
  std::uint8_t marker = 0;
  decode(d, marker);
  if (!d.ok()) return;
  entity_addr single;
  switch (marker) {
    case marker_legacy:
      decode_legacy_after_marker(d, single);
      if (d.ok()) v.addrs.push_back(single);
      return;
    case marker_versioned:
      decode_versioned_after_marker(d, single);
      if (d.ok()) v.addrs.push_back(single);
      return;
    case marker_vector:
      decode(d, v.addrs);
      return;
    default: d.fail(errc::malformed, fmt::format("entity_addrvec_t marker {}", marker));
  }
}

void encode(wire::encoder& e, const entity_addrvec& v) {
  encode(e, marker_vector);
  encode(e, v.addrs);
}

}  // namespace radosio
