// libFuzzer target for one decoder, chosen at compile time with -DFUZZ_TYPE=...
//
// Properties checked on every input:
//  - decoding never crashes, never reads out of bounds (ASan) and never hits UB (UBSan);
//  - whatever decodes, re-encodes to bytes that decode to the same value again.

#include <cstdint>
#include <cstdlib>
#include <concepts>
#include <cstdio>

#include "auth/cephx_types.h"
#include "auth/crypto_key.h"
#include "common/types/entity.h"
#include "common/types/entity_addr.h"
#include "common/types/object.h"
#include "common/types/pg.h"
#include "common/types/pg_pool.h"
#include "messenger/control_frames.h"
#include "messenger/message_header.h"
#include "monclient/mon_map.h"

namespace {

template <class T>
void normalize(T&) {}
// The version we read is informational; a re-encoding is always the newest.
void normalize(radosio::pg_pool& p) { p.encoded_version = 0; }

// The value must come back equal, or at least encode to the same bytes: a pool option
// that is a NaN double round-trips exactly yet never compares equal to itself.
template <class T>
bool same_value(const T& a, const T& b, const std::vector<std::uint8_t>& a_bytes) {
  if constexpr (std::equality_comparable<T>) {
    if (a == b) return true;
  }
  return radosio::wire::encode_to_bytes(b) == a_bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using value_type = FUZZ_TYPE;
  value_type value{};
  radosio::wire::decoder d({data, size});
  decode(d, value);
  if (!d.ok()) {
    if (d.message().empty()) std::abort();  // every failure must explain itself
    return 0;
  }
  const auto bytes = radosio::wire::encode_to_bytes(value);
  value_type again{};
  std::string message;
  if (radosio::wire::decode_exact(bytes, again, &message)) {
    std::fprintf(stderr, "re-encoding does not decode: %s\n", message.c_str());
    std::abort();
  }
  normalize(value);
  normalize(again);
  if (!same_value(value, again, bytes)) {
    std::fprintf(stderr, "value changed across encode/decode\n");
    std::abort();
  }
  return 0;
}
