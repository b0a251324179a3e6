#pragma once
// Who is talking: entity types, the numeric entity of a session ("client.4123", Ceph's
// entity_name_t) and the named identity used by auth ("client.admin", Ceph's EntityName).

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"

namespace radosio {

// CEPH_ENTITY_TYPE_*: one bit each, so sets of them (auth's other_keys) are masks.
enum class entity_type : std::uint32_t {
  mon = 0x01,
  mds = 0x02,
  osd = 0x04,
  client = 0x08,
  mgr = 0x10,
  auth = 0x20,
  any = 0xff,
};

[[nodiscard]] std::string_view to_string(entity_type type) noexcept;
[[nodiscard]] std::optional<entity_type> parse_entity_type(std::string_view text) noexcept;

// Ceph's entity_name_t: u8 type, le64 number. Names a session: "osd.3", "client.4123".
struct entity_num {
  std::uint8_t type = 0;
  std::int64_t num = 0;
  friend auto operator<=>(const entity_num&, const entity_num&) = default;
  [[nodiscard]] std::string to_string() const;
};

void decode(wire::decoder& d, entity_num& n);
void encode(wire::encoder& e, const entity_num& n);

// Ceph's EntityName: le32 type, string id. Names a key in a keyring: "client.admin".
struct entity_name {
  entity_type type = entity_type::client;
  std::string id;
  friend auto operator<=>(const entity_name&, const entity_name&) = default;
  [[nodiscard]] std::string to_string() const;
  // Parses "TYPE.ID" (e.g. "client.admin", "osd.0"); nullopt for an unknown type or no dot.
  static std::optional<entity_name> parse(std::string_view text);
};

void decode(wire::decoder& d, entity_name& n);
void encode(wire::encoder& e, const entity_name& n);

}  // namespace radosio
