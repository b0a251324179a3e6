#include "monclient/mon_map.h"

#include <fmt/format.h>

namespace radosio::mon {
namespace {

constexpr std::uint8_t oldest_understood = 6;  // addrvecs and ranks arrived in Nautilus

// mon_feature_t: a versioned le64 bit set.
void decode_features(wire::decoder& d, std::uint64_t& bits) {
  d.versioned("mon_feature_t", 1, [&](wire::decoder& s, std::uint8_t) { decode(s, bits); });
}

void encode_features(wire::encoder& e, std::uint64_t bits) {
  e.versioned(1, 1, [&](wire::encoder& s) { encode(s, bits); });
}

}  // namespace

void decode(wire::decoder& d, mon_info& m) {
  d.versioned("mon_info_t", 5, [&](wire::decoder& s, std::uint8_t v) {
    decode(s, m.name);
    decode(s, m.public_addrs);
    if (v >= 2) decode(s, m.priority);
    if (v >= 4) decode(s, m.weight);
    if (v >= 5) decode(s, m.crush_loc);
  });
}

void encode(wire::encoder& e, const mon_info& m) {
  e.versioned(5, 1, [&](wire::encoder& s) {
    encode(s, m.name);
    encode(s, m.public_addrs);
    encode(s, m.priority);
    encode(s, m.weight);
    encode(s, m.crush_loc);
  });
}

void decode(wire::decoder& d, mon_map& m) {
  d.versioned("MonMap", 9, [&](wire::decoder& s, std::uint8_t v) {
    if (v < oldest_understood) {
      s.fail(errc::unsupported_version,
             fmt::format("MonMap v{} predates v{} (Nautilus)", v, oldest_understood));
      return;
    }
    decode(s, m.fsid);
    decode(s, m.epoch);
    decode(s, m.last_changed);
    decode(s, m.created);
    decode_features(s, m.persistent_features);
    decode_features(s, m.optional_features);
    decode(s, m.mons);
    decode(s, m.ranks);
    if (v >= 7) decode(s, m.min_mon_release);
    if (v >= 8) {
      decode(s, m.removed_ranks);
      decode(s, m.election_strategy);
      decode(s, m.disallowed_leaders);
    }
    if (v >= 9) {
      decode(s, m.stretch_mode_enabled);
      decode(s, m.tiebreaker_mon);
      decode(s, m.stretch_marked_down_mons);
    }
    if (!s.ok()) return;
    for (const auto& name : m.ranks) {
      if (!m.mons.contains(name)) {
        s.fail(errc::malformed, fmt::format("rank names unknown monitor '{}'", name));
        return;
      }
    }
  });
}

void encode(wire::encoder& e, const mon_map& m) {
  e.versioned(9, 6, [&](wire::encoder& s) {
    encode(s, m.fsid);
    encode(s, m.epoch);
    encode(s, m.last_changed);
    encode(s, m.created);
    encode_features(s, m.persistent_features);
    encode_features(s, m.optional_features);
    encode(s, m.mons);
    encode(s, m.ranks);
    encode(s, m.min_mon_release);
    encode(s, m.removed_ranks);
    encode(s, m.election_strategy);
    encode(s, m.disallowed_leaders);
    encode(s, m.stretch_mode_enabled);
    encode(s, m.tiebreaker_mon);
    encode(s, m.stretch_marked_down_mons);
  });
}

std::optional<entity_addr> mon_map::v2_addr_of_rank(std::size_t rank) const {
  if (rank >= ranks.size()) return std::nullopt;
  const auto it = mons.find(ranks[rank]);
  if (it == mons.end()) return std::nullopt;
  return it->second.public_addrs.find(addr_type::msgr2);
}

}  // namespace radosio::mon
