#pragma once
// The monitor map (Ceph's MonMap): who the monitors are and where they listen.
//
// A client starts from the addresses in its configuration, then replaces them with the
// MonMap the monitors send, so it can hunt over every monitor even when it was told of one.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "common/types/basic.h"
#include "common/types/entity_addr.h"

namespace radosio::mon {

// mon_info_t: one monitor's name, addresses and election preferences.
struct mon_info {
  std::string name;
  entity_addrvec public_addrs;
  std::uint16_t priority = 0;
  std::uint16_t weight = 0;
  std::map<std::string, std::string> crush_loc;
  friend bool operator==(const mon_info&, const mon_info&) = default;
};

void decode(wire::decoder& d, mon_info& m);
void encode(wire::encoder& e, const mon_info& m);

struct mon_map {
  uuid fsid;
  std::uint32_t epoch = 0;
  utime last_changed;
  utime created;
  std::uint64_t persistent_features = 0;
  std::uint64_t optional_features = 0;
  std::map<std::string, mon_info> mons;  // by name
  std::vector<std::string> ranks;        // rank i is ranks[i]
  std::uint8_t min_mon_release = 0;
  std::set<std::int32_t> removed_ranks;
  std::uint8_t election_strategy = 1;
  std::set<std::string> disallowed_leaders;
  bool stretch_mode_enabled = false;
  std::string tiebreaker_mon;
  std::set<std::string> stretch_marked_down_mons;
  friend bool operator==(const mon_map&, const mon_map&) = default;

  // The msgr2 address of the monitor of the given rank, if it has one.
  [[nodiscard]] std::optional<entity_addr> v2_addr_of_rank(std::size_t rank) const;
};

// Decodes v6 (Nautilus) to v9 (Pacific) encodings; older ones are refused.
void decode(wire::decoder& d, mon_map& m);
// Encodes v9, what a Pacific monitor sends.
void encode(wire::encoder& e, const mon_map& m);

}  // namespace radosio::mon
