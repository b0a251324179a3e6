#pragma once
// A CephX secret (Ceph's CryptoKey): algorithm, creation time and the raw key bytes.
// Keyrings hold it base64-encoded; session keys arrive encoded like this inside tickets.

#include <cstdint>
#include <string>
#include <vector>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "common/types/basic.h"

namespace radosio::auth {

enum class key_algorithm : std::uint16_t { none = 0, aes = 1 };

struct crypto_key {
  key_algorithm algorithm = key_algorithm::aes;
  utime created;
  std::vector<std::uint8_t> secret;  // 16 bytes for AES-128
  friend bool operator==(const crypto_key&, const crypto_key&) = default;
};

// Secrets longer than this are refused: no legitimate key is, and a peer must not make us
// allocate on its say-so.
inline constexpr std::size_t max_secret_size = 256;

// For logs: algorithm, size and creation time. The secret itself is never printed.
[[nodiscard]] std::string to_string(const crypto_key& k);

void decode(wire::decoder& d, crypto_key& k);
void encode(wire::encoder& e, const crypto_key& k);

}  // namespace radosio::auth
