#include "messenger/control_frames.h"

namespace radosio::msgr {
namespace {

template <class E>
void decode_enum32(wire::decoder& d, E& out) {
  std::uint32_t raw = 0;
  decode(d, raw);
  out = static_cast<E>(raw);
}

}  // namespace

void encode(wire::encoder& e, const hello_frame& f) {
  encode(e, f.entity_type);
  encode(e, f.peer_addr);
}
void decode(wire::decoder& d, hello_frame& f) {
  decode(d, f.entity_type);
  decode(d, f.peer_addr);
}

void encode(wire::encoder& e, const auth_request_frame& f) {
  encode(e, static_cast<std::uint32_t>(f.method));
  encode(e, f.preferred_modes);
  encode(e, f.payload);
}
void decode(wire::decoder& d, auth_request_frame& f) {
  decode_enum32(d, f.method);
  decode(d, f.preferred_modes);
  decode(d, f.payload);
}

void encode(wire::encoder& e, const auth_bad_method_frame& f) {
  encode(e, static_cast<std::uint32_t>(f.method));
  encode(e, f.result);
  encode(e, f.allowed_methods);
  encode(e, f.allowed_modes);
}
void decode(wire::decoder& d, auth_bad_method_frame& f) {
  decode_enum32(d, f.method);
  decode(d, f.result);
  decode(d, f.allowed_methods);
  decode(d, f.allowed_modes);
}

void encode(wire::encoder& e, const auth_more_frame& f) { encode(e, f.payload); }
void decode(wire::decoder& d, auth_more_frame& f) { decode(d, f.payload); }

void encode(wire::encoder& e, const auth_done_frame& f) {
  encode(e, f.global_id);
  encode(e, static_cast<std::uint32_t>(f.mode));
  encode(e, f.payload);
}
void decode(wire::decoder& d, auth_done_frame& f) {
  decode(d, f.global_id);
  decode_enum32(d, f.mode);
  decode(d, f.payload);
}

void encode(wire::encoder& e, const client_ident_frame& f) {
  encode(e, f.addrs);
  encode(e, f.target);
  encode(e, f.gid);
  encode(e, f.global_seq);
  encode(e, f.supported_features);
  encode(e, f.required_features);
  encode(e, f.flags);
  encode(e, f.client_cookie);
}
void decode(wire::decoder& d, client_ident_frame& f) {
  decode(d, f.addrs);
  decode(d, f.target);
  decode(d, f.gid);
  decode(d, f.global_seq);
  decode(d, f.supported_features);
  decode(d, f.required_features);
  decode(d, f.flags);
  decode(d, f.client_cookie);
}

void encode(wire::encoder& e, const server_ident_frame& f) {
  encode(e, f.addrs);
  encode(e, f.gid);
  encode(e, f.global_seq);
  encode(e, f.supported_features);
  encode(e, f.required_features);
  encode(e, f.flags);
  encode(e, f.server_cookie);
}
void decode(wire::decoder& d, server_ident_frame& f) {
  decode(d, f.addrs);
  decode(d, f.gid);
  decode(d, f.global_seq);
  decode(d, f.supported_features);
  decode(d, f.required_features);
  decode(d, f.flags);
  decode(d, f.server_cookie);
}

void encode(wire::encoder& e, const ident_missing_features_frame& f) { encode(e, f.missing); }
void decode(wire::decoder& d, ident_missing_features_frame& f) { decode(d, f.missing); }

void encode(wire::encoder& e, const keepalive_frame& f) { encode(e, f.stamp); }
void decode(wire::decoder& d, keepalive_frame& f) { decode(d, f.stamp); }

}  // namespace radosio::msgr
