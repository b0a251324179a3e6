#pragma once
// The client side of CephX authentication with a mon (protocol.md b.4 steps 4-8), sans I/O:
// functions from the server's auth payloads to ours. The messenger frames them: it adds the
// method and con_modes around the first request, the le32 length around every auth payload,
// and reads global_id and con_mode out of AUTH_DONE before handing us the rest.
//
//   AUTH_REQUEST       payload = mon_auth_request_payload(name, global_id)
//   AUTH_REPLY_MORE    payload = CephXServerChallenge
//   AUTH_REQUEST_MORE  payload = mon_authenticator::answer_challenge(...)
//   AUTH_DONE          payload = mon_authenticator::finish(...)
//   AUTH_SIGNATURE     auth_signature(session key, every byte received so far)
//
// Randomness (the client challenge) is a parameter; production code passes random_u64().

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "auth/auth_error.h"
#include "auth/cephx_crypto.h"
#include "auth/crypto_key.h"
#include "auth/ticket_store.h"
#include "common/buffer.h"
#include "common/types/entity.h"

namespace radosio::auth {

// The first byte of a mon AUTH_REQUEST payload (AUTH_MODE_MON); an authorizer's first byte
// (its version, 1) doubles as AUTH_MODE_AUTHORIZER.
inline constexpr std::uint8_t auth_mode_mon = 10;

// Secure mode needs this many bytes of connection secret (AuthConnectionMeta's length).
inline constexpr std::size_t connection_secret_size = 64;

// The tickets a client asks for alongside the AUTH ticket: MON, OSD and MGR.
inline constexpr std::uint32_t default_wanted_services =
    static_cast<std::uint32_t>(entity_type::mon) | static_cast<std::uint32_t>(entity_type::osd) |
    static_cast<std::uint32_t>(entity_type::mgr);

// AUTH_REQUEST payload: u8 AUTH_MODE_MON | EntityName | le64 global_id (0 on a first
// connection, the previous one when reconnecting).
[[nodiscard]] std::vector<std::uint8_t> mon_auth_request_payload(const entity_name& name,
                                                                 std::uint64_t global_id);

// The proof that we hold `secret`: the XOR of the le64 words of the length-prefixed
// ciphertext of envelope(secret){server_challenge, client_challenge}. The 4-byte length
// prefix is part of the words (protocol.md d.8), the 4 bytes left over at the end are not.
[[nodiscard]] result<std::uint64_t> challenge_proof(const crypto_key& secret,
                                                    std::uint64_t server_challenge,
                                                    std::uint64_t client_challenge);

// What a successful mon authentication yields.
struct mon_auth_outcome {
  service_ticket auth_ticket;  // its session key signs the session and opens later tickets
  // 64 bytes when the mon chose secure mode, empty in crc mode. Secret: never log.
  std::vector<std::uint8_t> connection_secret;
  std::vector<service_ticket> service_tickets;  // those asked for with `wanted_services`
};

// One mon authentication exchange. Cheap to make; make a new one per connection attempt.
class mon_authenticator {
 public:
  struct options {
    entity_name name;
    crypto_key secret;  // from the keyring. Secret: never log.
    std::uint32_t wanted_services = default_wanted_services;
    // Re-authentication (protocol.md d.10): the global_id and the AUTH ticket of the session
    // being replaced. A fresh client leaves both empty; a v3 client that sends a ticket on
    // a fresh global_id is refused ("superfluous ticket"), and one that reclaims a global_id
    // without its ticket is refused once the cluster disallows insecure reclaim.
    std::uint64_t previous_global_id = 0;
    std::optional<service_ticket> previous_auth_ticket;
  };

  explicit mon_authenticator(options opts) : opts_(std::move(opts)) {}

  // AUTH_REQUEST payload.
  [[nodiscard]] std::vector<std::uint8_t> request() const;

  // AUTH_REQUEST_MORE payload for the AUTH_REPLY_MORE payload `server_challenge`:
  // le16 CEPHX_GET_AUTH_SESSION_KEY | CephXAuthenticate v3.
  [[nodiscard]] result<std::vector<std::uint8_t>> answer_challenge(
      bytes_view server_challenge, std::uint64_t client_challenge) const;

  // Decrypts the AUTH_DONE auth payload (the bytes inside its le32 length, starting with
  // the CephXResponseHeader). Ticket lifetimes start at `now`.
  [[nodiscard]] result<mon_auth_outcome> finish(bytes_view auth_done,
                                                ticket_clock::time_point now) const;

 private:
  options opts_;
};

// AUTH_SIGNATURE payload: HMAC-SHA256 under the session key (the AUTH ticket's for a mon,
// the service ticket's for an OSD) over every byte received from the peer, banner through
// AUTH_DONE. The peer's signature is checked the same way, over every byte we sent.
[[nodiscard]] result<hmac_sha256_digest> auth_signature(const crypto_key& session_key,
                                                        std::span<const bytes_view> bytes);

}  // namespace radosio::auth
