#include "auth/auth_error.h"

#include <fmt/format.h>

namespace radosio::auth {
namespace {

class category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "radosio.auth"; }
  std::string message(int code) const override {
    switch (static_cast<auth_errc>(code)) {
      case auth_errc::ok: return "success";
      case auth_errc::bad_base64: return "invalid base64";
      case auth_errc::bad_keyring: return "invalid keyring";
      case auth_errc::bad_key: return "invalid key";
      case auth_errc::key_not_found: return "no key for this entity";
      case auth_errc::decrypt_failed: return "decryption failed";
      case auth_errc::bad_magic: return "decrypted data lacks the cephx magic (wrong key?)";
      case auth_errc::crypto_failure: return "cryptographic library failure";
      case auth_errc::auth_rejected: return "authentication rejected";
      case auth_errc::unexpected_reply: return "unexpected auth reply";
      case auth_errc::nonce_mismatch: return "authorizer reply nonce mismatch";
      case auth_errc::no_ticket: return "no ticket for the service";
      case auth_errc::ticket_expired: return "ticket expired";
    }
    return "unknown auth error " + std::to_string(code);
  }
};

}  // namespace

error status_error(std::int32_t status, std::string_view what) {
  if (status < 0 && status > -4096) {
    const std::error_code code(-status, std::generic_category());
    return make_error(code, fmt::format("{}: error {} ({})", what, status, code.message()));
  }
  return make_error(auth_errc::auth_rejected, fmt::format("{}: status {}", what, status));
}

const std::error_category& auth_category() noexcept {
  static const category instance;
  return instance;
}

}  // namespace radosio::auth
