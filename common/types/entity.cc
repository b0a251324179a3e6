#include "common/types/entity.h"

#include <fmt/format.h>

namespace radosio {

std::string_view to_string(entity_type type) noexcept {
  switch (type) {
    case entity_type::mon: return "mon";
    case entity_type::mds: return "mds";
    case entity_type::osd: return "osd";
    case entity_type::client: return "client";
    case entity_type::mgr: return "mgr";
    case entity_type::auth: return "auth";
    case entity_type::any: return "any";
  }
  return "unknown";
}

std::optional<entity_type> parse_entity_type(std::string_view text) noexcept {
  for (auto t : {entity_type::mon, entity_type::mds, entity_type::osd, entity_type::client,
                 entity_type::mgr, entity_type::auth}) {
    if (to_string(t) == text) return t;
  }
  return std::nullopt;
}

std::string entity_num::to_string() const {
  return fmt::format("{}.{}", radosio::to_string(static_cast<entity_type>(type)), num);
}

void decode(wire::decoder& d, entity_num& n) {
  decode(d, n.type);
  decode(d, n.num);
}

void encode(wire::encoder& e, const entity_num& n) {
  encode(e, n.type);
  encode(e, n.num);
}

std::string entity_name::to_string() const {
  return fmt::format("{}.{}", radosio::to_string(type), id);
}

std::optional<entity_name> entity_name::parse(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto type = parse_entity_type(text.substr(0, dot));
  if (!type) return std::nullopt;
  return entity_name{*type, std::string(text.substr(dot + 1))};
}

void decode(wire::decoder& d, entity_name& n) {
  std::uint32_t type = 0;
  decode(d, type);
  decode(d, n.id);
  n.type = static_cast<entity_type>(type);
}

void encode(wire::encoder& e, const entity_name& n) {
  encode(e, static_cast<std::uint32_t>(n.type));
  encode(e, n.id);
}

}  // namespace radosio
