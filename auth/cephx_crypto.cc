#include "auth/cephx_crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <climits>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

namespace radosio::auth {
namespace {

struct cipher_ctx_deleter {
  void operator()(EVP_CIPHER_CTX* ctx) const noexcept { EVP_CIPHER_CTX_free(ctx); }
};
using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_deleter>;

struct mac_deleter {
  void operator()(EVP_MAC* mac) const noexcept { EVP_MAC_free(mac); }
};
struct mac_ctx_deleter {
  void operator()(EVP_MAC_CTX* ctx) const noexcept { EVP_MAC_CTX_free(ctx); }
};

const unsigned char* iv_bytes() { return reinterpret_cast<const unsigned char*>(cephx_iv.data()); }

error openssl_failure(std::string_view what) {
  return make_error(auth_errc::crypto_failure, fmt::format("OpenSSL {} failed", what));
}

error wrong_key_size(bytes_view key) {
  return make_error(auth_errc::bad_key, fmt::format("AES-128 needs a {}-byte key, got {} bytes",
                                                    aes_key_size, key.size()));
}

// EVP lengths are ints; nothing cephx encrypts comes near 2 GiB, but a caller must not be
// able to make the length wrap.
constexpr std::size_t max_cipher_input = INT_MAX - 2 * aes_block_size;

}  // namespace

result<std::vector<std::uint8_t>> aes_cbc_encrypt(bytes_view key, bytes_view plaintext) {
  if (key.size() != aes_key_size) return wrong_key_size(key);
  if (plaintext.size() > max_cipher_input)
    return make_error(errc::length_too_large, "plaintext too large to encrypt");
  cipher_ctx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) return openssl_failure("EVP_CIPHER_CTX_new");
  // PKCS#7 padding is EVP's default for CBC.
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, key.data(), iv_bytes()) != 1)
    return openssl_failure("EVP_EncryptInit_ex");
  std::vector<std::uint8_t> out(plaintext.size() + aes_block_size);
  int written = 0;
  if (EVP_EncryptUpdate(ctx.get(), out.data(), &written, plaintext.data(),
                        static_cast<int>(plaintext.size())) != 1)
    return openssl_failure("EVP_EncryptUpdate");
  int final_written = 0;
  if (EVP_EncryptFinal_ex(ctx.get(), out.data() + written, &final_written) != 1)
    return openssl_failure("EVP_EncryptFinal_ex");
  out.resize(static_cast<std::size_t>(written + final_written));
  return out;
}

result<std::vector<std::uint8_t>> aes_cbc_decrypt(bytes_view key, bytes_view ciphertext) {
  if (key.size() != aes_key_size) return wrong_key_size(key);
  if (ciphertext.empty() || ciphertext.size() % aes_block_size != 0)
    return make_error(auth_errc::decrypt_failed,
                      fmt::format("ciphertext of {} bytes is not a whole number of "
                                  "{}-byte blocks",
                                  ciphertext.size(), aes_block_size));
  if (ciphertext.size() > max_cipher_input)
    return make_error(errc::length_too_large, "ciphertext too large to decrypt");
  cipher_ctx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) return openssl_failure("EVP_CIPHER_CTX_new");
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, key.data(), iv_bytes()) != 1)
    return openssl_failure("EVP_DecryptInit_ex");
  std::vector<std::uint8_t> out(ciphertext.size() + aes_block_size);
  int written = 0;
  if (EVP_DecryptUpdate(ctx.get(), out.data(), &written, ciphertext.data(),
                        static_cast<int>(ciphertext.size())) != 1)
    return openssl_failure("EVP_DecryptUpdate");
  int final_written = 0;
  // Final fails exactly when the padding is not valid PKCS#7: a wrong key or corruption.
  if (EVP_DecryptFinal_ex(ctx.get(), out.data() + written, &final_written) != 1) {
    OPENSSL_cleanse(out.data(), out.size());
    return make_error(auth_errc::decrypt_failed, "bad padding after AES-CBC decryption");
  }
  out.resize(static_cast<std::size_t>(written + final_written));
  return out;
}

hmac_sha256_digest hmac_sha256(bytes_view key, std::span<const bytes_view> parts) {
  // Every step below fails only if OpenSSL cannot allocate or lacks SHA-256, neither of
  // which a caller can do anything about; there is no peer input to reject here.
  // Fetching the algorithm is a provider lookup; do it once. EVP_MAC objects may be shared
  // between threads.
  static const std::unique_ptr<EVP_MAC, mac_deleter> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!mac) throw std::runtime_error("OpenSSL: HMAC unavailable");
  std::unique_ptr<EVP_MAC_CTX, mac_ctx_deleter> ctx(EVP_MAC_CTX_new(mac.get()));
  if (!ctx) throw std::bad_alloc();
  char digest_name[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string("digest", digest_name, 0),
      OSSL_PARAM_construct_end(),
  };
  // EVP_MAC_init refuses a null key pointer even for an empty key.
  static const unsigned char empty_key = 0;
  const unsigned char* key_data = key.empty() ? &empty_key : key.data();
  if (EVP_MAC_init(ctx.get(), key_data, key.size(), params) != 1)
    throw std::runtime_error("OpenSSL: EVP_MAC_init failed");
  for (const auto part : parts) {
    if (!part.empty() && EVP_MAC_update(ctx.get(), part.data(), part.size()) != 1)
      throw std::runtime_error("OpenSSL: EVP_MAC_update failed");
  }
  hmac_sha256_digest out{};
  std::size_t written = 0;
  if (EVP_MAC_final(ctx.get(), out.data(), &written, out.size()) != 1 || written != out.size())
    throw std::runtime_error("OpenSSL: EVP_MAC_final failed");
  return out;
}

bool constant_time_equal(bytes_view a, bytes_view b) noexcept {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::uint64_t random_u64() {
  std::uint64_t value = 0;
  while (value == 0) {
    if (RAND_bytes(reinterpret_cast<unsigned char*>(&value), sizeof(value)) != 1)
      throw std::runtime_error("OpenSSL: RAND_bytes failed");
  }
  return value;
}

}  // namespace radosio::auth
