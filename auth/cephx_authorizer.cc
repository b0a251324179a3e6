#include "auth/cephx_authorizer.h"

#include "auth/cephx_envelope.h"
#include "auth/cephx_types.h"

namespace radosio::auth {
namespace {
constexpr std::uint8_t authorizer_version = 1;
}  // namespace

result<cephx_authorizer> cephx_authorizer::build(const service_ticket& ticket,
                                                 std::uint64_t global_id, std::uint64_t nonce) {
  if (auto bad = check_cephx_key(ticket.session_key, "ticket session key")) return std::move(*bad);
  cephx_authorizer a;
  a.session_key_ = ticket.session_key;
  a.nonce_ = nonce;
  wire::encoder head;
  encode(head, authorizer_version);
  encode(head, global_id);
  encode(head, static_cast<std::uint32_t>(ticket.service));
  encode(head, ticket.ticket);
  a.head_ = head.bytes();
  auto payload = a.assemble(false, 0);
  if (!payload) return payload.err();
  a.payload_ = std::move(payload.value());
  return a;
}

result<std::vector<std::uint8_t>> cephx_authorizer::assemble(
    bool have_challenge, std::uint64_t challenge_plus_one) const {
  cephx_authorize msg;
  msg.version = 2;
  msg.nonce = nonce_;
  msg.have_challenge = have_challenge;
  msg.server_challenge_plus_one = challenge_plus_one;
  auto ciphertext = envelope_encrypt_value(session_key_, msg);
  if (!ciphertext) return ciphertext.err();
  wire::encoder e(head_.size() + 4 + ciphertext->size());
  e.write_bytes(head_);
  encode(e, static_cast<std::uint32_t>(ciphertext->size()));
  e.write_bytes(ciphertext.value());
  return e.bytes();
}

result<std::vector<std::uint8_t>> cephx_authorizer::answer_challenge(bytes_view challenge) const {
  if (challenge.empty()) return payload_;
  // Unlike most cephx blobs the challenge has no length prefix of its own: the auth
  // payload is the ciphertext (protocol.md d.8).
  auto decoded = envelope_decrypt_value<cephx_authorize_challenge>(session_key_, challenge,
                                                                   "authorizer challenge");
  if (!decoded) return decoded.err();
  return assemble(true, decoded->server_challenge + 1);
}

result<std::vector<std::uint8_t>> cephx_authorizer::verify_reply(bytes_view reply) const {
  wire::decoder d(reply, "authorizer reply");
  buffer ciphertext;
  decode(d, ciphertext);
  if (!d.ok()) return decode_error(d);
  auto decoded = envelope_decrypt_value<cephx_authorize_reply>(session_key_, ciphertext.view(),
                                                               "authorizer reply");
  if (!decoded) return decoded.err();
  if (decoded->nonce_plus_one != nonce_ + 1)
    return make_error(auth_errc::nonce_mismatch,
                      "the service's authorizer reply does not answer our nonce");
  const auto& secret = decoded->connection_secret;
  return std::vector<std::uint8_t>(secret.begin(), secret.end());
}

}  // namespace radosio::auth
