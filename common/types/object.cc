#include "common/types/object.h"

namespace radosio {
namespace {
// object_locator_t kept a "preferred" field that is always -1 now.
constexpr std::int32_t no_preferred_osd = -1;
}  // namespace

void decode(wire::decoder& d, object_locator& loc) {
  // Versions before 3 had no compat byte or length; before 2 the pool was 32 bits.
  d.versioned_legacy("object_locator_t", 6, 3, 3, [&](wire::decoder& s, std::uint8_t v) {
    if (v < 2) {
      std::int32_t pool = 0;
      std::int16_t preferred = 0;
      decode(s, pool);
      decode(s, preferred);
      loc.pool = pool;
    } else {
      std::int32_t preferred = 0;
      decode(s, loc.pool);
      decode(s, preferred);
    }
    decode(s, loc.key);
    if (v >= 5) decode(s, loc.nspace);
    if (v >= 6) decode(s, loc.hash);
    else loc.hash = -1;
  });
}

void encode(wire::encoder& e, const object_locator& loc) {
  // Readers older than v6 would ignore an explicit hash and misplace the object, so only a
  // locator that carries one demands v6.
  const std::uint8_t compat = loc.hash != -1 ? 6 : 3;
  e.versioned(6, compat, [&](wire::encoder& s) {
    encode(s, loc.pool);
    encode(s, no_preferred_osd);
    encode(s, loc.key);
    encode(s, loc.nspace);
    encode(s, loc.hash);
  });
}

void decode(wire::decoder& d, hobject& h) {
  d.versioned_legacy("hobject_t", 4, 3, 3, [&](wire::decoder& s, std::uint8_t v) {
    if (v >= 1) decode(s, h.key);
    decode(s, h.name);
    decode(s, h.snap);
    decode(s, h.hash);
    if (v >= 2) decode(s, h.max);
    else h.max = false;
    if (v >= 4) {
      decode(s, h.nspace);
      decode(s, h.pool);
    }
  });
}

void encode(wire::encoder& e, const hobject& h) {
  e.versioned(4, 3, [&](wire::encoder& s) {
    encode(s, h.key);
    encode(s, h.name);
    encode(s, h.snap);
    encode(s, h.hash);
    encode(s, h.max);
    encode(s, h.nspace);
    encode(s, h.pool);
  });
}

void decode(wire::decoder& d, osd_reqid& r) {
  d.versioned("osd_reqid_t", 2, [&](wire::decoder& s, std::uint8_t) {
    decode(s, r.name);
    decode(s, r.tid);
    decode(s, r.inc);
  });
}

void encode(wire::encoder& e, const osd_reqid& r) {
  e.versioned(2, 2, [&](wire::encoder& s) {
    encode(s, r.name);
    encode(s, r.tid);
    encode(s, r.inc);
  });
}

bool snap_context::is_valid() const noexcept {
  for (std::size_t i = 0; i < snaps.size(); ++i) {
    if (snaps[i] > seq) return false;
    if (i > 0 && snaps[i] >= snaps[i - 1]) return false;
  }
  return true;
}

void decode(wire::decoder& d, snap_context& s) {
  decode(d, s.seq);
  decode(d, s.snaps);
}

void encode(wire::encoder& e, const snap_context& s) {
  encode(e, s.seq);
  encode(e, s.snaps);
}

}  // namespace radosio
