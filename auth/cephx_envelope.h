#pragma once
// The cephx envelope: every encrypted cephx blob is
//   AES-128-CBC(key, u8 1 | le64 0xff009cad8826aa55 | payload)
// The magic is how a receiver tells "right key" from "wrong key that happened to leave valid
// padding" (about 1 in 256 for random data).
//
// Whether the ciphertext then travels with a le32 length prefix (a bufferlist) differs from
// field to field; that is the callers' business, not the envelope's.

#include <cstdint>
#include <optional>
#include <vector>

#include "auth/auth_error.h"
#include "auth/crypto_key.h"
#include "common/buffer.h"
#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"

namespace radosio::auth {

inline constexpr std::uint8_t envelope_version = 1;
inline constexpr std::uint64_t envelope_magic = 0xff009cad8826aa55;

// An error unless `key` is an AES key of 16 bytes, the only kind cephx uses. `what` names
// the key in the message ("client secret", "OSD session key").
[[nodiscard]] std::optional<error> check_cephx_key(const crypto_key& key, std::string_view what);

[[nodiscard]] result<std::vector<std::uint8_t>> envelope_encrypt(const crypto_key& key,
                                                                 bytes_view payload);

// Decrypts and checks the version byte and magic; returns the payload after them. `what`
// names the blob for the error message ("AUTH_DONE ticket for osd").
[[nodiscard]] result<std::vector<std::uint8_t>> envelope_decrypt(const crypto_key& key,
                                                                 bytes_view ciphertext,
                                                                 std::string_view what);

// envelope_encrypt of the encoding of `value`.
template <class T>
[[nodiscard]] result<std::vector<std::uint8_t>> envelope_encrypt_value(const crypto_key& key,
                                                                       const T& value) {
  return envelope_encrypt(key, wire::encode_to_bytes(value));
}

// envelope_decrypt, then decodes one T from the payload. Bytes after the T are ignored, as
// Ceph does: newer peers may append fields to encrypted structures.
template <class T>
[[nodiscard]] result<T> envelope_decrypt_value(const crypto_key& key, bytes_view ciphertext,
                                               const char* what) {
  auto plain = envelope_decrypt(key, ciphertext, what);
  if (!plain) return plain.err();
  wire::decoder d(plain.value(), what);
  T value{};
  decode(d, value);
  if (!d.ok()) return decode_error(d);
  return value;
}

}  // namespace radosio::auth
