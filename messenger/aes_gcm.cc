#include "messenger/aes_gcm.h"

#include <openssl/evp.h>

#include <algorithm>
#include <climits>

#include "common/error.h"

namespace radosio::msgr {
namespace {

// EVP takes int lengths; feed anything larger in pieces.
constexpr std::size_t max_update = INT_MAX / 2;

}  // namespace

void aes128_gcm::ctx_deleter::operator()(evp_cipher_ctx_st* ctx) const noexcept {
  EVP_CIPHER_CTX_free(ctx);  // also wipes the key schedule
}

aes128_gcm::aes128_gcm(std::span<const std::uint8_t, gcm_key_size> key) noexcept
    : encrypt_(EVP_CIPHER_CTX_new()), decrypt_(EVP_CIPHER_CTX_new()) {
  // A context that fails to initialise is dropped; every later call then reports
  // crypto_failure instead of the constructor throwing.
  if (encrypt_ &&
      EVP_EncryptInit_ex(encrypt_.get(), EVP_aes_128_gcm(), nullptr, key.data(), nullptr) != 1)
    encrypt_.reset();
  if (decrypt_ &&
      EVP_DecryptInit_ex(decrypt_.get(), EVP_aes_128_gcm(), nullptr, key.data(), nullptr) != 1)
    decrypt_.reset();
}

aes128_gcm::~aes128_gcm() = default;
aes128_gcm::aes128_gcm(aes128_gcm&&) noexcept = default;
aes128_gcm& aes128_gcm::operator=(aes128_gcm&&) noexcept = default;

std::error_code aes128_gcm::seal(const gcm_nonce& nonce, std::span<const bytes_view> plaintext,
                                 std::uint8_t* out) noexcept {
  EVP_CIPHER_CTX* ctx = encrypt_.get();
  // The default GCM IV length is 12 bytes, which is ours, so only the IV changes per frame.
  if (!ctx || EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce.data()) != 1)
    return msgr_errc::crypto_failure;
  for (bytes_view piece : plaintext) {
    while (!piece.empty()) {
      const auto n = std::min(piece.size(), max_update);
      int written = 0;
      if (EVP_EncryptUpdate(ctx, out, &written, piece.data(), static_cast<int>(n)) != 1 ||
          written != static_cast<int>(n))
        return msgr_errc::crypto_failure;
      out += n;
      piece = piece.subspan(n);
    }
  }
  int final_len = 0;
  if (EVP_EncryptFinal_ex(ctx, out, &final_len) != 1 || final_len != 0)
    return msgr_errc::crypto_failure;
  if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, gcm_tag_size, out) != 1)
    return msgr_errc::crypto_failure;
  return {};
}

std::error_code aes128_gcm::open(const gcm_nonce& nonce, bytes_view ciphertext_and_tag,
                                 std::uint8_t* out) noexcept {
  if (ciphertext_and_tag.size() < gcm_tag_size) return errc::truncated;
  EVP_CIPHER_CTX* ctx = decrypt_.get();
  if (!ctx || EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce.data()) != 1)
    return msgr_errc::crypto_failure;
  bytes_view ciphertext = ciphertext_and_tag.first(ciphertext_and_tag.size() - gcm_tag_size);
  const bytes_view tag = ciphertext_and_tag.last(gcm_tag_size);
  while (!ciphertext.empty()) {
    const auto n = std::min(ciphertext.size(), max_update);
    int written = 0;
    if (EVP_DecryptUpdate(ctx, out, &written, ciphertext.data(), static_cast<int>(n)) != 1 ||
        written != static_cast<int>(n))
      return msgr_errc::crypto_failure;
    out += n;
    ciphertext = ciphertext.subspan(n);
  }
  // OpenSSL only reads the expected tag, but its prototype is not const.
  if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, gcm_tag_size,
                          const_cast<std::uint8_t*>(tag.data())) != 1)
    return msgr_errc::crypto_failure;
  int final_len = 0;
  if (EVP_DecryptFinal_ex(ctx, out, &final_len) != 1) return msgr_errc::auth_failed;
  return {};
}

}  // namespace radosio::msgr
