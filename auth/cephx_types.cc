#include "auth/cephx_types.h"

namespace radosio::auth {
namespace {

// The struct version byte these encodings start with. Ceph reads it and, for most of these
// structures, ignores it; so do we, except where it decides which fields follow.
std::uint8_t read_version(wire::decoder& d) {
  std::uint8_t version = 0;
  decode(d, version);
  return version;
}

}  // namespace

void decode(wire::decoder& d, cephx_server_challenge& v) {
  (void)read_version(d);
  decode(d, v.server_challenge);
}
void encode(wire::encoder& e, const cephx_server_challenge& v) {
  encode(e, std::uint8_t{1});
  encode(e, v.server_challenge);
}

void decode(wire::decoder& d, cephx_request_header& v) { decode(d, v.request_type); }
void encode(wire::encoder& e, const cephx_request_header& v) { encode(e, v.request_type); }

void decode(wire::decoder& d, cephx_response_header& v) {
  decode(d, v.request_type);
  decode(d, v.status);
}
void encode(wire::encoder& e, const cephx_response_header& v) {
  encode(e, v.request_type);
  encode(e, v.status);
}

void decode(wire::decoder& d, cephx_ticket_blob& v) {
  (void)read_version(d);
  decode(d, v.secret_id);
  decode(d, v.blob);
}
void encode(wire::encoder& e, const cephx_ticket_blob& v) {
  encode(e, std::uint8_t{1});
  encode(e, v.secret_id);
  encode(e, v.blob);
}

void decode(wire::decoder& d, cephx_authenticate& v) {
  v.version = read_version(d);
  decode(d, v.client_challenge);
  decode(d, v.key);
  decode(d, v.old_ticket);
  v.other_keys = 0;
  if (v.version >= 2) decode(d, v.other_keys);
}
void encode(wire::encoder& e, const cephx_authenticate& v) {
  encode(e, v.version);
  encode(e, v.client_challenge);
  encode(e, v.key);
  encode(e, v.old_ticket);
  if (v.version >= 2) encode(e, v.other_keys);
}

void decode(wire::decoder& d, cephx_service_ticket& v) {
  (void)read_version(d);
  decode(d, v.session_key);
  decode(d, v.validity);
}
void encode(wire::encoder& e, const cephx_service_ticket& v) {
  encode(e, std::uint8_t{1});
  encode(e, v.session_key);
  encode(e, v.validity);
}

void decode(wire::decoder& d, auth_caps_info& v) {
  (void)read_version(d);
  decode(d, v.allow_all);
  decode(d, v.caps);
}
void encode(wire::encoder& e, const auth_caps_info& v) {
  encode(e, std::uint8_t{1});
  encode(e, v.allow_all);
  encode(e, v.caps);
}

void decode(wire::decoder& d, auth_ticket& v) {
  v.version = read_version(d);
  decode(d, v.name);
  decode(d, v.global_id);
  v.auid = default_auid;
  if (v.version >= 2) decode(d, v.auid);
  decode(d, v.created);
  decode(d, v.expires);
  decode(d, v.caps);
  decode(d, v.flags);
}
void encode(wire::encoder& e, const auth_ticket& v) {
  encode(e, v.version);
  encode(e, v.name);
  encode(e, v.global_id);
  if (v.version >= 2) encode(e, v.auid);
  encode(e, v.created);
  encode(e, v.expires);
  encode(e, v.caps);
  encode(e, v.flags);
}

void decode(wire::decoder& d, cephx_service_ticket_info& v) {
  (void)read_version(d);
  decode(d, v.ticket);
  decode(d, v.session_key);
}
void encode(wire::encoder& e, const cephx_service_ticket_info& v) {
  encode(e, std::uint8_t{1});
  encode(e, v.ticket);
  encode(e, v.session_key);
}

void decode(wire::decoder& d, cephx_authorize& v) {
  v.version = read_version(d);
  decode(d, v.nonce);
  v.have_challenge = false;
  v.server_challenge_plus_one = 0;
  if (v.version >= 2) {
    decode(d, v.have_challenge);
    decode(d, v.server_challenge_plus_one);
  }
}
void encode(wire::encoder& e, const cephx_authorize& v) {
  encode(e, v.version);
  encode(e, v.nonce);
  if (v.version >= 2) {
    encode(e, v.have_challenge);
    encode(e, v.server_challenge_plus_one);
  }
}

void decode(wire::decoder& d, cephx_authorize_challenge& v) {
  (void)read_version(d);
  decode(d, v.server_challenge);
}
void encode(wire::encoder& e, const cephx_authorize_challenge& v) {
  encode(e, std::uint8_t{1});
  encode(e, v.server_challenge);
}

void decode(wire::decoder& d, cephx_authorize_reply& v) {
  const auto version = read_version(d);
  decode(d, v.nonce_plus_one);
  v.connection_secret.clear();
  if (version >= 2) decode(d, v.connection_secret);
}
void encode(wire::encoder& e, const cephx_authorize_reply& v) {
  const bool with_secret = !v.connection_secret.empty();
  const std::uint8_t version = with_secret ? 2 : 1;
  encode(e, version);
  encode(e, v.nonce_plus_one);
  if (with_secret) encode(e, v.connection_secret);
}

void decode(wire::decoder& d, cephx_service_ticket_request& v) {
  (void)read_version(d);
  decode(d, v.keys);
}
void encode(wire::encoder& e, const cephx_service_ticket_request& v) {
  encode(e, std::uint8_t{1});
  encode(e, v.keys);
}

}  // namespace radosio::auth
