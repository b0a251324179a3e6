#pragma once
// Placement group identities and versions (Ceph's pg_t, spg_t, eversion_t).

#include <compare>
#include <cstdint>
#include <string>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"

namespace radosio {

// pg_t: a pool and a placement seed. The seed is the object hash folded onto pg_num.
struct pg_id {
  std::int64_t pool = 0;
  std::uint32_t seed = 0;
  friend auto operator<=>(const pg_id&, const pg_id&) = default;
  // Ceph's notation, pool in decimal and seed in hex: "3.1f".
  [[nodiscard]] std::string to_string() const;
};

void decode(wire::decoder& d, pg_id& pg);
void encode(wire::encoder& e, const pg_id& pg);

// Shard of an erasure-coded PG; replicated pools use no_shard.
inline constexpr std::int8_t no_shard = -1;

// spg_t: a PG and the shard of it an OSD holds.
struct spg_id {
  pg_id pgid;
  std::int8_t shard = no_shard;
  friend auto operator<=>(const spg_id&, const spg_id&) = default;
  [[nodiscard]] std::string to_string() const;
};

void decode(wire::decoder& d, spg_id& spg);
void encode(wire::encoder& e, const spg_id& spg);

// eversion_t: (map epoch, version) of a PG log entry. Encoded version first.
struct eversion {
  std::uint64_t version = 0;
  std::uint32_t epoch = 0;
  friend auto operator<=>(const eversion&, const eversion&) = default;
};

void decode(wire::decoder& d, eversion& v);
void encode(wire::encoder& e, const eversion& v);

}  // namespace radosio
