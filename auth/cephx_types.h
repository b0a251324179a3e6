#pragma once
// The CephX wire structures (Ceph's src/auth/cephx/CephxProtocol.h and src/auth/Auth.h) and
// their codecs. These predate ENCODE_START: each is a bare u8 struct version followed by its
// fields, with no length, so fields a newer version appends cannot be skipped. Decoders read
// the fields their version byte announces and leave any rest to the caller; cephx puts most
// of them at the end of an encrypted blob, where Ceph ignores trailing bytes too.
//
// Several structures are only ever seen encrypted; encrypting and decrypting them is
// cephx_envelope.h's job, building and checking the exchanges cephx_client.h's.

#include <cstdint>
#include <string>

#include "auth/crypto_key.h"
#include "common/buffer.h"
#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "common/types/basic.h"
#include "common/types/entity.h"

namespace radosio::auth {

// CEPHX_GET_*: the request types of CephXRequestHeader / CephXResponseHeader.
enum class cephx_request : std::uint16_t {
  get_auth_session_key = 0x0100,       // mon authentication: the AUTH ticket (+ others)
  get_principal_session_key = 0x0200,  // service tickets, with the AUTH ticket as authorizer
  get_rotating_key = 0x0400,           // daemons only
};

// Ceph's CEPH_AUTH_UID_DEFAULT: auids are gone, but AuthTicket v2 still carries one.
inline constexpr std::uint64_t default_auid = ~std::uint64_t{0};

// AUTH_REPLY_MORE from a mon: the random challenge the proof must cover.
struct cephx_server_challenge {
  std::uint64_t server_challenge = 0;
  friend bool operator==(const cephx_server_challenge&, const cephx_server_challenge&) = default;
};
void decode(wire::decoder& d, cephx_server_challenge& v);
void encode(wire::encoder& e, const cephx_server_challenge& v);

struct cephx_request_header {
  std::uint16_t request_type = 0;  // a cephx_request, kept raw so unknown types round-trip
  friend bool operator==(const cephx_request_header&, const cephx_request_header&) = default;
};
void decode(wire::decoder& d, cephx_request_header& v);
void encode(wire::encoder& e, const cephx_request_header& v);

struct cephx_response_header {
  std::uint16_t request_type = 0;
  std::int32_t status = 0;  // 0 or a negative errno
  friend bool operator==(const cephx_response_header&, const cephx_response_header&) = default;
};
void decode(wire::decoder& d, cephx_response_header& v);
void encode(wire::encoder& e, const cephx_response_header& v);

// A ticket as the client holds it: opaque bytes encrypted with a key only the service (and
// the mon) know, plus which of the service's rotating secrets that key is.
struct cephx_ticket_blob {
  std::uint64_t secret_id = 0;
  buffer blob;
  friend bool operator==(const cephx_ticket_blob&, const cephx_ticket_blob&) = default;
};
void decode(wire::decoder& d, cephx_ticket_blob& v);
void encode(wire::encoder& e, const cephx_ticket_blob& v);

// AUTH_REQUEST_MORE to a mon (after CEPHX_GET_AUTH_SESSION_KEY). v1 lacks other_keys; v2 and
// v3 encode alike, but a v3 sender promises to present its old ticket when it reclaims a
// global_id (protocol.md d.10), and Pacific 16.2.15 holds it to that.
struct cephx_authenticate {
  std::uint8_t version = 3;
  std::uint64_t client_challenge = 0;
  std::uint64_t key = 0;  // the proof: see cephx_client.h
  cephx_ticket_blob old_ticket;
  std::uint32_t other_keys = 0;  // entity_type mask of service tickets wanted (v2+)
  friend bool operator==(const cephx_authenticate&, const cephx_authenticate&) = default;
};
void decode(wire::decoder& d, cephx_authenticate& v);
void encode(wire::encoder& e, const cephx_authenticate& v);

// What a ticket grants (encrypted to the client under its secret or a session key).
struct cephx_service_ticket {
  crypto_key session_key;
  utime validity;  // a duration: the ticket expires this long after it was issued
  friend bool operator==(const cephx_service_ticket&, const cephx_service_ticket&) = default;
};
void decode(wire::decoder& d, cephx_service_ticket& v);
void encode(wire::encoder& e, const cephx_service_ticket& v);

struct auth_caps_info {
  bool allow_all = false;
  buffer caps;  // encoded map of service -> cap string, opaque to clients
  friend bool operator==(const auth_caps_info&, const auth_caps_info&) = default;
};
void decode(wire::decoder& d, auth_caps_info& v);
void encode(wire::encoder& e, const auth_caps_info& v);

// The plaintext inside a ticket blob. Clients never see it (it is encrypted with the
// service's secret); it is here for the corpus and for tests that play the server.
struct auth_ticket {
  std::uint8_t version = 2;  // v1 has no auid
  entity_name name;
  std::uint64_t global_id = 0;
  std::uint64_t auid = default_auid;
  utime created;
  utime expires;
  auth_caps_info caps;
  std::uint32_t flags = 0;
  friend bool operator==(const auth_ticket&, const auth_ticket&) = default;
};
void decode(wire::decoder& d, auth_ticket& v);
void encode(wire::encoder& e, const auth_ticket& v);

struct cephx_service_ticket_info {
  auth_ticket ticket;
  crypto_key session_key;
  friend bool operator==(const cephx_service_ticket_info&,
                         const cephx_service_ticket_info&) = default;
};
void decode(wire::decoder& d, cephx_service_ticket_info& v);
void encode(wire::encoder& e, const cephx_service_ticket_info& v);

// The encrypted part of an authorizer. v2 adds the challenge fields; Pacific requires v2.
struct cephx_authorize {
  std::uint8_t version = 2;
  std::uint64_t nonce = 0;
  bool have_challenge = false;
  std::uint64_t server_challenge_plus_one = 0;
  friend bool operator==(const cephx_authorize&, const cephx_authorize&) = default;
};
void decode(wire::decoder& d, cephx_authorize& v);
void encode(wire::encoder& e, const cephx_authorize& v);

// The service's challenge to an authorizer (encrypted with the ticket's session key).
struct cephx_authorize_challenge {
  std::uint64_t server_challenge = 0;
  friend bool operator==(const cephx_authorize_challenge&,
                         const cephx_authorize_challenge&) = default;
};
void decode(wire::decoder& d, cephx_authorize_challenge& v);
void encode(wire::encoder& e, const cephx_authorize_challenge& v);

// The service's proof that it could read the ticket. v2 (written exactly when there is a
// secret, as Ceph does) adds the connection secret for msgr2 secure mode.
struct cephx_authorize_reply {
  std::uint64_t nonce_plus_one = 0;
  std::string connection_secret;
  friend bool operator==(const cephx_authorize_reply&, const cephx_authorize_reply&) = default;
};
void decode(wire::decoder& d, cephx_authorize_reply& v);
void encode(wire::encoder& e, const cephx_authorize_reply& v);

// Asks for tickets of several services at once (an entity_type mask).
struct cephx_service_ticket_request {
  std::uint32_t keys = 0;
  friend bool operator==(const cephx_service_ticket_request&,
                         const cephx_service_ticket_request&) = default;
};
void decode(wire::decoder& d, cephx_service_ticket_request& v);
void encode(wire::encoder& e, const cephx_service_ticket_request& v);

}  // namespace radosio::auth
