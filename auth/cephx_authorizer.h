#pragma once
// The CephX authorizer: how a client proves to a service (OSD, MGR, a mon it already holds a
// ticket for) that the mon gave it a ticket (protocol.md b.5). Sans I/O, like cephx_client.h:
// every function maps the server's auth payload to ours; the messenger does the framing.
//
//   AUTH_REQUEST       auth payload = cephx_authorizer::payload()
//   AUTH_REPLY_MORE    auth payload = envelope(session key){ CephXAuthorizeChallenge }
//   AUTH_REQUEST_MORE  auth payload = cephx_authorizer::answer_challenge(...)
//   AUTH_DONE          auth payload = bufferlist{ envelope(session key){ CephXAuthorizeReply } }
//                      -> cephx_authorizer::verify_reply(...) -> connection secret
//
// The authorizer bytes are
//   u8 1 | le64 global_id | le32 service_id | CephXTicketBlob
//   | bufferlist envelope(ticket session key){ CephXAuthorize v2 }

#include <cstdint>
#include <vector>

#include "auth/auth_error.h"
#include "auth/crypto_key.h"
#include "auth/ticket_store.h"
#include "common/buffer.h"

namespace radosio::auth {

class cephx_authorizer {
 public:
  // An authorizer presenting `ticket` (whose service it names) for `global_id`. `nonce` is
  // random in production (random_u64()); the service proves itself by returning nonce + 1.
  [[nodiscard]] static result<cephx_authorizer> build(const service_ticket& ticket,
                                                      std::uint64_t global_id, std::uint64_t nonce);

  // The authorizer without a challenge answer: the AUTH_REQUEST auth payload.
  [[nodiscard]] const std::vector<std::uint8_t>& payload() const noexcept { return payload_; }

  // The authorizer rebuilt to answer the service's challenge (server_challenge + 1, same
  // nonce): the AUTH_REQUEST_MORE auth payload. An empty challenge means "none": the plain
  // authorizer again, as Ceph does.
  [[nodiscard]] result<std::vector<std::uint8_t>> answer_challenge(bytes_view challenge) const;

  // Checks the AUTH_DONE auth payload proves the service read our ticket (nonce + 1) and
  // returns the connection secret it sent: 64 bytes in secure mode, empty in crc mode.
  [[nodiscard]] result<std::vector<std::uint8_t>> verify_reply(bytes_view reply) const;

  // The key that signs this connection (AUTH_SIGNATURE).
  [[nodiscard]] const crypto_key& session_key() const noexcept { return session_key_; }
  [[nodiscard]] std::uint64_t nonce() const noexcept { return nonce_; }

 private:
  cephx_authorizer() = default;
  [[nodiscard]] result<std::vector<std::uint8_t>> assemble(bool have_challenge,
                                                           std::uint64_t challenge_plus_one) const;

  std::vector<std::uint8_t> head_;  // everything before the encrypted CephXAuthorize
  std::vector<std::uint8_t> payload_;
  crypto_key session_key_;
  std::uint64_t nonce_ = 0;
};

}  // namespace radosio::auth
