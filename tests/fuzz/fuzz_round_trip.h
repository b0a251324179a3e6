#pragma once
// The property every value decoder is fuzzed for (fuzz_decode.cc, fuzz_decode_many.cc):
//  - decoding never crashes, never reads out of bounds (ASan) and never hits UB (UBSan);
//  - a failure always explains itself;
//  - whatever decodes, re-encodes to bytes that decode to the same value again.

#include <concepts>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "common/types/pg_pool.h"

namespace radosio::fuzz {

template <class T>
void normalize(T&) {}
// The version we read is informational; a re-encoding is always the newest.
inline void normalize(radosio::pg_pool& p) { p.encoded_version = 0; }

// The value must come back equal, or at least encode to the same bytes: a pool option
// that is a NaN double round-trips exactly yet never compares equal to itself.
template <class T>
bool same_value(const T& a, const T& b, const std::vector<std::uint8_t>& a_bytes) {
  if constexpr (std::equality_comparable<T>) {
    if (a == b) return true;
  }
  return radosio::wire::encode_to_bytes(b) == a_bytes;
}

template <class T>
void check_round_trip(const std::uint8_t* data, std::size_t size) {
  T value{};
  radosio::wire::decoder d({data, size});
  decode(d, value);
  if (!d.ok()) {
    if (d.message().empty()) std::abort();  // every failure must explain itself
    return;
  }
  const auto bytes = radosio::wire::encode_to_bytes(value);
  T again{};
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
}

}  // namespace radosio::fuzz
