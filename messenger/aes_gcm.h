#pragma once
// AES-128-GCM as msgr2 secure mode uses it: 16-byte key, 12-byte nonce, no additional
// authenticated data, 16-byte tag appended to the ciphertext. One object serves one
// connection (both directions share the key; only the nonces differ).

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <system_error>

#include "common/buffer.h"
#include "messenger/gcm_nonce.h"

struct evp_cipher_ctx_st;  // OpenSSL's EVP_CIPHER_CTX, kept out of this header

namespace radosio::msgr {

inline constexpr std::size_t gcm_key_size = 16;
inline constexpr std::size_t gcm_tag_size = 16;

class aes128_gcm {
 public:
  explicit aes128_gcm(std::span<const std::uint8_t, gcm_key_size> key) noexcept;
  ~aes128_gcm();
  aes128_gcm(aes128_gcm&&) noexcept;
  aes128_gcm& operator=(aes128_gcm&&) noexcept;

  // Encrypts the concatenation of `plaintext` pieces (so padding and caller buffers need
  // not be joined first) into `out`, followed by the tag: out must hold the plaintext size
  // plus gcm_tag_size bytes.
  [[nodiscard]] std::error_code seal(const gcm_nonce& nonce, std::span<const bytes_view> plaintext,
                                     std::uint8_t* out) noexcept;

  // Decrypts `ciphertext_and_tag` into `out` (its size minus gcm_tag_size bytes) and checks
  // the tag: auth_failed if it does not match, in which case `out` must not be used.
  [[nodiscard]] std::error_code open(const gcm_nonce& nonce, bytes_view ciphertext_and_tag,
                                     std::uint8_t* out) noexcept;

 private:
  struct ctx_deleter {
    void operator()(evp_cipher_ctx_st* ctx) const noexcept;
  };
  using ctx_ptr = std::unique_ptr<evp_cipher_ctx_st, ctx_deleter>;

  // Separate contexts so the key schedule is set up once per direction, not per frame.
  ctx_ptr encrypt_;
  ctx_ptr decrypt_;
};

}  // namespace radosio::msgr
