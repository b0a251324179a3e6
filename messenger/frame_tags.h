#pragma once
// The msgr2 frame tags: the first byte of every frame's preamble. Values are fixed by the
// protocol (Ceph src/msg/async/frames_v2.h, kernel net/ceph/messenger_v2.c).

#include <cstdint>
#include <string_view>

namespace radosio::msgr {

enum class tag : std::uint8_t {
  hello = 1,
  auth_request = 2,
  auth_bad_method = 3,
  auth_reply_more = 4,
  auth_request_more = 5,
  auth_done = 6,
  auth_signature = 7,
  client_ident = 8,
  server_ident = 9,
  ident_missing_features = 10,
  session_reconnect = 11,
  session_reset = 12,
  session_retry = 13,
  session_retry_global = 14,
  session_reconnect_ok = 15,
  wait = 16,
  message = 17,
  keepalive2 = 18,
  keepalive2_ack = 19,
  ack = 20,
  // Quincy and later, only after both sides negotiated on-wire compression, which Pacific
  // lacks and we never offer. Named so that logs can say what arrived.
  compression_request = 21,
  compression_done = 22,
};

// Whether `value` is a tag msgr2 defines. Which tags are legal at a given moment is the
// handshake's business, not the framing layer's.
[[nodiscard]] constexpr bool is_known_tag(std::uint8_t value) noexcept {
  return value >= static_cast<std::uint8_t>(tag::hello) &&
         value <= static_cast<std::uint8_t>(tag::compression_done);
}

// The name Ceph's logs use ("AUTH_DONE"), or "UNKNOWN" for a value outside the protocol.
[[nodiscard]] constexpr std::string_view to_string(tag t) noexcept {
  switch (t) {
    case tag::hello:
      return "HELLO";
    case tag::auth_request:
      return "AUTH_REQUEST";
    case tag::auth_bad_method:
      return "AUTH_BAD_METHOD";
    case tag::auth_reply_more:
      return "AUTH_REPLY_MORE";
    case tag::auth_request_more:
      return "AUTH_REQUEST_MORE";
    case tag::auth_done:
      return "AUTH_DONE";
    case tag::auth_signature:
      return "AUTH_SIGNATURE";
    case tag::client_ident:
      return "CLIENT_IDENT";
    case tag::server_ident:
      return "SERVER_IDENT";
    case tag::ident_missing_features:
      return "IDENT_MISSING_FEATURES";
    case tag::session_reconnect:
      return "SESSION_RECONNECT";
    case tag::session_reset:
      return "SESSION_RESET";
    case tag::session_retry:
      return "SESSION_RETRY";
    case tag::session_retry_global:
      return "SESSION_RETRY_GLOBAL";
    case tag::session_reconnect_ok:
      return "SESSION_RECONNECT_OK";
    case tag::wait:
      return "WAIT";
    case tag::message:
      return "MESSAGE";
    case tag::keepalive2:
      return "KEEPALIVE2";
    case tag::keepalive2_ack:
      return "KEEPALIVE2_ACK";
    case tag::ack:
      return "ACK";
    case tag::compression_request:
      return "COMPRESSION_REQUEST";
    case tag::compression_done:
      return "COMPRESSION_DONE";
  }
  return "UNKNOWN";
}

}  // namespace radosio::msgr
