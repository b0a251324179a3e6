#pragma once
// Errors of the auth layer.
//
// Auth failures need more than a code: "decrypt failed" is useless in a log without saying
// *what* was being decrypted, and a keyring error must name the file and line. So functions
// that can fail return radosio::result<T> (common/result.h): the value, or an error with a
// code to branch on and a sentence for people. Messages never contain secret material.
//
// Errnos the cluster sends back (a CephXResponseHeader status, an MAuthReply result) are
// reported in the generic category (std::errc), like every other layer does.

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "common/encoding/decoder.h"
#include "common/error.h"
#include "common/result.h"

namespace radosio::auth {

enum class auth_errc {
  ok = 0,
  bad_base64,        // text that is not strict base64
  bad_keyring,       // a keyring that does not parse (syntax, unknown field, bad entity name)
  bad_key,           // a key that is not a usable AES-128 CryptoKey
  key_not_found,     // the keyring has no entry for the requested entity
  decrypt_failed,    // ciphertext of a bad length or with bad padding: wrong key or garbage
  bad_magic,         // decrypted, but the cephx envelope header is wrong: wrong key
  crypto_failure,    // OpenSSL itself failed (out of memory, missing cipher)
  auth_rejected,     // the server refused us without an errno we could pass on
  unexpected_reply,  // a well-formed reply that does not answer what we asked
  nonce_mismatch,    // the authorizer reply does not prove the service knows the ticket
  no_ticket,         // no ticket for the service we need
  ticket_expired,    // the ticket we hold has expired
};

const std::error_category& auth_category() noexcept;

inline std::error_code make_error_code(auth_errc e) noexcept {
  return {static_cast<int>(e), auth_category()};
}

// Auth functions return radosio::result (common/result.h); within this namespace the
// unqualified name means the same type.
using radosio::result;

// Shorthand for the errors auth functions return (radosio::error from common/result.h).
[[nodiscard]] inline error make_error(std::error_code code, std::string message) {
  return error{code, std::move(message)};
}

// The first failure of a decoder, as an error.
[[nodiscard]] inline error decode_error(const wire::decoder& d) {
  return error{d.error(), d.message()};
}

// A refusal that carries a status from the cluster (a CephXResponseHeader status, an
// MAuthReply result): a negative errno becomes that errno in the generic category; anything
// else auth_errc::auth_rejected. `what` says who refused what.
[[nodiscard]] error status_error(std::int32_t status, std::string_view what);

}  // namespace radosio::auth

template <>
struct std::is_error_code_enum<radosio::auth::auth_errc> : std::true_type {};
