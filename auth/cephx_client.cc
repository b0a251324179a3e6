#include "auth/cephx_client.h"

#include <cstring>

#include <fmt/format.h>

#include "auth/cephx_envelope.h"
#include "auth/cephx_ticket_reply.h"
#include "auth/cephx_types.h"

namespace radosio::auth {
namespace {

constexpr auto get_auth_session_key =
    static_cast<std::uint16_t>(cephx_request::get_auth_session_key);

// The connection secret field: bufferlist{ bufferlist{ envelope(session key){ string } } }.
// Empty when the mon had no connection to give a secret to.
result<std::vector<std::uint8_t>> decode_connection_secret(bytes_view field,
                                                           const crypto_key& session_key) {
  if (field.empty()) return std::vector<std::uint8_t>{};
  wire::decoder outer(field, "connection secret");
  buffer ciphertext;
  decode(outer, ciphertext);
  if (!outer.ok()) return decode_error(outer);
  auto plain = envelope_decrypt(session_key, ciphertext.view(), "connection secret");
  if (!plain) return plain.err();
  wire::decoder inner(plain.value(), "connection secret");
  std::string secret;
  decode(inner, secret);
  if (!inner.ok()) return decode_error(inner);
  return std::vector<std::uint8_t>(secret.begin(), secret.end());
}

}  // namespace

std::vector<std::uint8_t> mon_auth_request_payload(const entity_name& name,
                                                   std::uint64_t global_id) {
  wire::encoder e;
  encode(e, auth_mode_mon);
  encode(e, name);
  encode(e, global_id);
  return e.bytes();
}

result<std::uint64_t> challenge_proof(const crypto_key& secret, std::uint64_t server_challenge,
                                      std::uint64_t client_challenge) {
  // CephXChallengeBlob is the two challenges, unversioned.
  wire::encoder blob;
  encode(blob, server_challenge);
  encode(blob, client_challenge);
  auto ciphertext = envelope_encrypt(secret, blob.view());
  if (!ciphertext) return ciphertext.err();
  wire::encoder prefixed;
  encode(prefixed, static_cast<std::uint32_t>(ciphertext->size()));
  prefixed.write_bytes(ciphertext.value());
  std::uint64_t proof = 0;
  const auto bytes = prefixed.view();
  for (std::size_t at = 0; at + sizeof(proof) <= bytes.size(); at += sizeof(proof)) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + at, sizeof(word));  // little-endian host
    proof ^= word;
  }
  return proof;
}

std::vector<std::uint8_t> mon_authenticator::request() const {
  return mon_auth_request_payload(opts_.name, opts_.previous_global_id);
}

result<std::vector<std::uint8_t>> mon_authenticator::answer_challenge(
    bytes_view server_challenge, std::uint64_t client_challenge) const {
  wire::decoder d(server_challenge, "CephXServerChallenge");
  cephx_server_challenge challenge;
  decode(d, challenge);
  if (!d.ok()) return decode_error(d);

  auto proof = challenge_proof(opts_.secret, challenge.server_challenge, client_challenge);
  if (!proof) return proof.err();

  cephx_authenticate request;
  request.version = 3;
  request.client_challenge = client_challenge;
  request.key = proof.value();
  if (opts_.previous_auth_ticket) request.old_ticket = opts_.previous_auth_ticket->ticket;
  request.other_keys = opts_.wanted_services;

  wire::encoder e;
  encode(e, cephx_request_header{get_auth_session_key});
  encode(e, request);
  return e.bytes();
}

result<mon_auth_outcome> mon_authenticator::finish(bytes_view auth_done,
                                                   ticket_clock::time_point now) const {
  wire::decoder d(auth_done, "AUTH_DONE");
  cephx_response_header header;
  decode(d, header);
  if (!d.ok()) return decode_error(d);
  if (header.request_type != get_auth_session_key)
    return make_error(auth_errc::unexpected_reply,
                      fmt::format("AUTH_DONE answers cephx request 0x{:04x}, not 0x{:04x}",
                                  header.request_type, get_auth_session_key));
  if (header.status != 0) return status_error(header.status, "mon refused authentication");

  const auto* old_key =
      opts_.previous_auth_ticket ? &opts_.previous_auth_ticket->session_key : nullptr;
  auto tickets = decode_ticket_reply(d, {opts_.secret, old_key}, now);
  if (!tickets) return tickets.err();

  mon_auth_outcome outcome;
  bool have_auth_ticket = false;
  for (auto& t : tickets.value()) {
    if (t.service == entity_type::auth) {
      outcome.auth_ticket = std::move(t);
      have_auth_ticket = true;
    } else {
      outcome.service_tickets.push_back(std::move(t));
    }
  }
  if (!have_auth_ticket)
    return make_error(auth_errc::unexpected_reply, "AUTH_DONE carries no AUTH ticket");

  // The connection secret and the extra tickets follow exactly when we asked for other keys
  // (protocol.md b.4 step 7), so a reply that stops here was cut short. Anything after them
  // is left for newer peers, as Ceph does.
  if (opts_.wanted_services == 0 && d.at_end()) return outcome;
  buffer secret_field;
  buffer extra_tickets;
  decode(d, secret_field);
  decode(d, extra_tickets);
  if (!d.ok()) return decode_error(d);

  const auto& session_key = outcome.auth_ticket.session_key;
  auto secret = decode_connection_secret(secret_field.view(), session_key);
  if (!secret) return secret.err();
  outcome.connection_secret = std::move(secret.value());

  if (!extra_tickets.empty()) {
    wire::decoder extra(extra_tickets.view(), "AUTH_DONE extra tickets");
    auto more = decode_ticket_reply(extra, {session_key, nullptr}, now);
    if (!more) return more.err();
    for (auto& t : more.value()) outcome.service_tickets.push_back(std::move(t));
  }
  return outcome;
}

result<hmac_sha256_digest> auth_signature(const crypto_key& session_key,
                                          std::span<const bytes_view> bytes) {
  if (auto bad = check_cephx_key(session_key, "session key")) return std::move(*bad);
  return hmac_sha256(session_key.secret, bytes);
}

}  // namespace radosio::auth
