#pragma once
// Parsing of `mon host` (and `-m`): the monitors a client knows before it has a MonMap.
//
// Accepted, as Ceph accepts them, separated by commas, semicolons or spaces:
//   10.0.0.1                   both v2:10.0.0.1:3300 and v1:10.0.0.1:6789
//   10.0.0.1:6789              v1 (the legacy port implies msgr1)
//   10.0.0.1:3300              v2 (the IANA port implies msgr2)
//   10.0.0.1:40000             v2 and v1 on that port (unknown: try both)
//   v2:10.0.0.1:40000          exactly that; v2:10.0.0.1 means port 3300
//   [v2:10.0.0.1:3300,v1:10.0.0.1:6789]   one monitor with both addresses
//   [::1]:3300, v2:[::1]:3300  IPv6
//   mon.example.com[:port]     a host name, resolved (every address it has)

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/types/entity_addr.h"

namespace radosio::mon {

inline constexpr std::uint16_t mon_port_msgr2 = 3300;
inline constexpr std::uint16_t mon_port_legacy = 6789;

struct initial_mon {
  std::string name;  // "noname-a", "noname-b", ... as Ceph names them
  entity_addrvec addrs;
};

result<std::vector<initial_mon>> parse_mon_host(std::string_view spec);

// One address in Ceph's notation ("v2:1.2.3.4:3300/0", "[::1]:6789", "1.2.3.4"), without
// name resolution. Untyped addresses come back with type `any` and port 0 when none given.
result<entity_addr> parse_entity_addr(std::string_view text);

}  // namespace radosio::mon
