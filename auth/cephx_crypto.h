#pragma once
// The cryptographic primitives CephX is built on, over OpenSSL 3's EVP interfaces:
// AES-128-CBC with Ceph's fixed IV and PKCS#7 padding, HMAC-SHA256 (the msgr2
// AUTH_SIGNATURE), and random numbers for challenges and nonces.
//
// The IV is a constant, so equal plaintexts under one key give equal ciphertexts. That is
// the protocol's choice, not ours; every cephx plaintext starts with fresh random material
// (a challenge, a nonce or a session key) so it does not leak in practice.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "auth/auth_error.h"
#include "common/buffer.h"

namespace radosio::auth {

inline constexpr std::size_t aes_key_size = 16;
inline constexpr std::size_t aes_block_size = 16;
// Ceph's CBC IV for every cephx encryption (CEPH_AES_IV).
inline constexpr std::string_view cephx_iv = "cephsageyudagreg";

// PKCS#7-padded AES-128-CBC under `key` (16 bytes) with the cephx IV. The ciphertext is
// always 1..16 bytes longer than the plaintext. Fails only on a key of the wrong size
// (bad_key) or an OpenSSL failure.
[[nodiscard]] result<std::vector<std::uint8_t>> aes_cbc_encrypt(bytes_view key,
                                                                bytes_view plaintext);

// The inverse. A ciphertext that is empty or not whole blocks, or whose padding is wrong
// (the usual symptom of a wrong key), fails with decrypt_failed.
[[nodiscard]] result<std::vector<std::uint8_t>> aes_cbc_decrypt(bytes_view key,
                                                                bytes_view ciphertext);

using hmac_sha256_digest = std::array<std::uint8_t, 32>;

// HMAC-SHA256 under `key` over the concatenation of `parts` (the AUTH_SIGNATURE covers many
// frames; they need not be copied together first). Cannot fail on any input; it throws only
// if OpenSSL itself is unusable (no HMAC provider, out of memory).
[[nodiscard]] hmac_sha256_digest hmac_sha256(bytes_view key, std::span<const bytes_view> parts);
[[nodiscard]] inline hmac_sha256_digest hmac_sha256(bytes_view key, bytes_view data) {
  return hmac_sha256(key, std::span<const bytes_view>(&data, 1));
}

// Compares two MACs without leaking where they differ through timing.
[[nodiscard]] bool constant_time_equal(bytes_view a, bytes_view b) noexcept;

// 64 bits from OpenSSL's CSPRNG, never zero (Ceph treats a zero challenge as "none").
// Production callers use this; tests pass fixed values to the cephx functions instead.
// Throws only if OpenSSL's generator cannot be seeded.
[[nodiscard]] std::uint64_t random_u64();

}  // namespace radosio::auth
