#include "monclient/mon_host.h"

#include <arpa/inet.h>
#include <netdb.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <fmt/format.h>

#include "common/error.h"

namespace radosio::mon {
namespace {

error bad(std::string_view spec, std::string_view why) {
  return {make_error_code(errc::malformed), fmt::format("bad monitor address '{}': {}", spec, why)};
}

bool parse_number(std::string_view text, std::uint32_t max, std::uint32_t& out) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size() && out <= max;
}

// Splits the top-level list on , ; and whitespace, keeping bracketed groups whole.
std::vector<std::string_view> split_top_level(std::string_view spec) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = 0; i <= spec.size(); ++i) {
    const char c = i < spec.size() ? spec[i] : ',';
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (depth == 0 && (c == ',' || c == ';' || c == ' ' || c == '\t')) {
      if (i > start) out.push_back(spec.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// Fills in ports and types for an address given without them, as Ceph does.
std::vector<entity_addr> disambiguate(entity_addr a) {
  if (a.type != addr_type::any) {
    if (a.port() == 0)
      a.set_port(a.type == addr_type::legacy ? mon_port_legacy : mon_port_msgr2);
    return {a};
  }
  if (a.port() == mon_port_legacy) {
    a.type = addr_type::legacy;
    return {a};
  }
  if (a.port() == mon_port_msgr2) {
    a.type = addr_type::msgr2;
    return {a};
  }
  auto v2 = a;
  auto v1 = a;
  v2.type = addr_type::msgr2;
  v1.type = addr_type::legacy;
  if (a.port() == 0) {
    v2.set_port(mon_port_msgr2);
    v1.set_port(mon_port_legacy);
  }
  return {v2, v1};
}

// Resolves a host name (with an optional :port) to every address it has.
result<std::vector<entity_addr>> resolve(std::string_view text) {
  std::string host(text);
  std::uint32_t port = 0;
  if (const auto colon = host.rfind(':'); colon != std::string::npos) {
    if (!parse_number(std::string_view(host).substr(colon + 1), 65535, port))
      return bad(text, "port is not a number from 0 to 65535");
    host.resize(colon);
  }
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int rc = getaddrinfo(host.c_str(), nullptr, &hints, &found); rc != 0) {
    return error{make_error_code(errc::malformed),
                 fmt::format("cannot resolve monitor host '{}': {}", host, gai_strerror(rc))};
  }
  std::vector<entity_addr> out;
  for (auto* ai = found; ai; ai = ai->ai_next) {
    entity_addr a;
    if (ai->ai_family == AF_INET) {
      std::array<std::uint8_t, 4> ip{};
      std::memcpy(ip.data(), &reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr, 4);
      a = entity_addr::ipv4(addr_type::any, ip, static_cast<std::uint16_t>(port));
    } else if (ai->ai_family == AF_INET6) {
      std::array<std::uint8_t, 16> ip{};
      std::memcpy(ip.data(), &reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr, 16);
      a = entity_addr::ipv6(addr_type::any, ip, static_cast<std::uint16_t>(port));
    } else {
      continue;
    }
    if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  }
  freeaddrinfo(found);
  if (out.empty()) return bad(text, "host name has no IPv4 or IPv6 address");
  return out;
}

}  // namespace

result<entity_addr> parse_entity_addr(std::string_view text) {
  const std::string_view original = text;
  addr_type type = addr_type::any;
  if (text.starts_with("v2:")) {
    type = addr_type::msgr2;
    text.remove_prefix(3);
  } else if (text.starts_with("v1:")) {
    type = addr_type::legacy;
    text.remove_prefix(3);
  } else if (text.starts_with("any:")) {
    text.remove_prefix(4);
  }
  std::uint32_t nonce = 0;
  if (const auto slash = text.rfind('/'); slash != std::string_view::npos) {
    if (!parse_number(text.substr(slash + 1), 0xffffffffu, nonce))
      return bad(original, "nonce after '/' is not a number");
    text = text.substr(0, slash);
  }
  std::string host;
  std::string_view port_text;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return bad(original, "'[' without ']'");
    host = std::string(text.substr(1, close - 1));
    const auto rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return bad(original, "expected ':port' after ']'");
      port_text = rest.substr(1);
    }
  } else if (std::count(text.begin(), text.end(), ':') > 1) {
    host = std::string(text);  // a bare IPv6 address cannot carry a port
  } else {
    const auto colon = text.find(':');
    host = std::string(text.substr(0, colon));
    if (colon != std::string_view::npos) port_text = text.substr(colon + 1);
  }
  std::uint32_t port = 0;
  if (!port_text.empty() && !parse_number(port_text, 65535, port))
    return bad(original, "port is not a number from 0 to 65535");

  std::array<std::uint8_t, 4> v4{};
  std::array<std::uint8_t, 16> v6{};
  if (inet_pton(AF_INET, host.c_str(), v4.data()) == 1)
    return entity_addr::ipv4(type, v4, static_cast<std::uint16_t>(port), nonce);
  if (inet_pton(AF_INET6, host.c_str(), v6.data()) == 1)
    return entity_addr::ipv6(type, v6, static_cast<std::uint16_t>(port), nonce);
  return bad(original, "not an IPv4 or IPv6 address");
}

result<std::vector<initial_mon>> parse_mon_host(std::string_view spec) {
  std::vector<initial_mon> mons;
  auto next_name = [&] { return fmt::format("noname-{}", static_cast<char>('a' + mons.size() % 26)); };
  for (const auto item : split_top_level(spec)) {
    // "[v2:...,v1:...]" is one monitor's address vector; "[::1]:3300" is one IPv6 address.
    if (item.starts_with("[v") || item.starts_with("[any:")) {
      if (!item.ends_with(']')) return bad(item, "address vector without closing ']'");
      initial_mon mon{next_name(), {}};
      for (const auto part : split_top_level(item.substr(1, item.size() - 2))) {
        auto a = parse_entity_addr(part);
        if (!a) return a.err();
        for (const auto& d : disambiguate(*a)) mon.addrs.addrs.push_back(d);
      }
      mons.push_back(std::move(mon));
      continue;
    }
    auto parsed = parse_entity_addr(item);
    std::vector<entity_addr> addrs;
    if (parsed) {
      addrs.push_back(*parsed);
    } else {
      auto resolved = resolve(item);
      if (!resolved) return resolved.err();
      addrs = std::move(*resolved);
    }
    for (const auto& a : addrs) {
      // Each ambiguous address becomes its own monitor entry per protocol, as Ceph does.
      for (const auto& d : disambiguate(a)) mons.push_back({next_name(), entity_addrvec{{d}}});
    }
  }
  if (mons.empty()) {
    return error{make_error_code(errc::malformed), fmt::format("no monitor addresses in '{}'", spec)};
  }
  return mons;
}

}  // namespace radosio::mon
