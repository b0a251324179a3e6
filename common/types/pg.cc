#include "common/types/pg.h"

#include <fmt/format.h>

namespace radosio {
namespace {
// pg_t once had a "preferred OSD" field; it is always -1 now but still on the wire.
constexpr std::int32_t no_preferred_osd = -1;
constexpr std::uint8_t pg_t_version = 1;
}  // namespace

std::string pg_id::to_string() const { return fmt::format("{}.{:x}", pool, seed); }

void decode(wire::decoder& d, pg_id& pg) {
  std::uint8_t version = 0;
  decode(d, version);
  if (d.ok() && version != pg_t_version) {
    d.fail(errc::unsupported_version, fmt::format("pg_t version {}", version));
    return;
  }
  std::int32_t preferred = 0;
  decode(d, pg.pool);
  decode(d, pg.seed);
  decode(d, preferred);
}

void encode(wire::encoder& e, const pg_id& pg) {
  encode(e, pg_t_version);
  encode(e, pg.pool);
  encode(e, pg.seed);
  encode(e, no_preferred_osd);
}

std::string spg_id::to_string() const {
  if (shard == no_shard) return pgid.to_string();
  return fmt::format("{}s{}", pgid.to_string(), shard);
}

void decode(wire::decoder& d, spg_id& spg) {
  d.versioned("spg_t", 1, [&](wire::decoder& s, std::uint8_t) {
    decode(s, spg.pgid);
    decode(s, spg.shard);
  });
}

void encode(wire::encoder& e, const spg_id& spg) {
  e.versioned(1, 1, [&](wire::encoder& s) {
    encode(s, spg.pgid);
    encode(s, spg.shard);
  });
}

void decode(wire::decoder& d, eversion& v) {
  decode(d, v.version);
  decode(d, v.epoch);
}

void encode(wire::encoder& e, const eversion& v) {
  encode(e, v.version);
  encode(e, v.epoch);
}

}  // namespace radosio
