#include "auth/cephx_envelope.h"

#include <fmt/format.h>

#include "auth/cephx_crypto.h"

namespace radosio::auth {
namespace {
constexpr std::size_t header_size = 1 + 8;  // u8 version, le64 magic
}  // namespace

std::optional<error> check_cephx_key(const crypto_key& key, std::string_view what) {
  if (key.algorithm != key_algorithm::aes)
    return make_error(auth_errc::bad_key, fmt::format("{} is not an AES key", what));
  if (key.secret.size() != aes_key_size)
    return make_error(auth_errc::bad_key, fmt::format("{} has {} bytes; AES-128 needs {}", what,
                                                      key.secret.size(), aes_key_size));
  return std::nullopt;
}

result<std::vector<std::uint8_t>> envelope_encrypt(const crypto_key& key, bytes_view payload) {
  if (auto bad = check_cephx_key(key, "encryption key")) return std::move(*bad);
  wire::encoder e(header_size + payload.size());
  encode(e, envelope_version);
  encode(e, envelope_magic);
  e.write_bytes(payload);
  return aes_cbc_encrypt(key.secret, e.view());
}

result<std::vector<std::uint8_t>> envelope_decrypt(const crypto_key& key, bytes_view ciphertext,
                                                   std::string_view what) {
  if (auto bad = check_cephx_key(key, "decryption key")) return std::move(*bad);
  auto plain = aes_cbc_decrypt(key.secret, ciphertext);
  if (!plain) return make_error(plain.code(), fmt::format("{}: {}", what, plain.err().message));
  auto& bytes = plain.value();
  wire::decoder d(bytes);
  std::uint8_t version = 0;
  std::uint64_t magic = 0;
  decode(d, version);
  decode(d, magic);
  if (!d.ok() || version != envelope_version || magic != envelope_magic)
    return make_error(auth_errc::bad_magic,
                      fmt::format("{}: decrypted data has no cephx header (wrong key?)", what));
  bytes.erase(bytes.begin(), bytes.begin() + header_size);
  return std::move(bytes);
}

}  // namespace radosio::auth
