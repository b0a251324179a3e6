#pragma once
// Helpers for byte-vector tests.

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"

namespace radosio::test {

// "01 7a 00" or "017a00" -> bytes. Spaces and newlines are ignored.
inline std::vector<std::uint8_t> from_hex(std::string_view text) {
  std::vector<std::uint8_t> out;
  int high = -1;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    const int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                                                               : std::tolower(c) - 'a' + 10;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(high << 4 | v));
      high = -1;
    }
  }
  return out;
}

inline std::string to_hex(bytes_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (auto b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 15]);
  }
  return out;
}

template <class T>
std::string encoded_hex(const T& value) {
  return to_hex(wire::encode_to_bytes(value));
}

}  // namespace radosio::test
