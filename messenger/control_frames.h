#pragma once
// Payloads of the msgr2 control frames a client exchanges while connecting (protocol.md b.4,
// b.5). Each is one segment; these are their encodings, nothing more: the order in which
// they are sent is the handshake's business (client_handshake.h).

#include <cstdint>
#include <vector>

#include "common/buffer.h"
#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "common/types/basic.h"
#include "common/types/entity_addr.h"

namespace radosio::msgr {

// Connection modes, as numbered on the wire.
enum class con_mode : std::uint32_t { unknown = 0, crc = 1, secure = 2 };
// Authentication methods.
enum class auth_method : std::uint32_t { unknown = 0, none = 1, cephx = 2 };

// HELLO: the sender's entity type and the peer's address as the sender sees it.
struct hello_frame {
  std::uint8_t entity_type = 0;
  entity_addr peer_addr;
};
void encode(wire::encoder& e, const hello_frame& f);
void decode(wire::decoder& d, hello_frame& f);

// AUTH_REQUEST: method, preferred connection modes in order, and the method's payload.
struct auth_request_frame {
  auth_method method = auth_method::cephx;
  std::vector<std::uint32_t> preferred_modes;
  buffer payload;
};
void encode(wire::encoder& e, const auth_request_frame& f);
void decode(wire::decoder& d, auth_request_frame& f);

// AUTH_BAD_METHOD: the server refuses our method; says which methods and modes it allows.
struct auth_bad_method_frame {
  auth_method method = auth_method::unknown;
  std::int32_t result = 0;
  std::vector<std::uint32_t> allowed_methods;
  std::vector<std::uint32_t> allowed_modes;
};
void encode(wire::encoder& e, const auth_bad_method_frame& f);
void decode(wire::decoder& d, auth_bad_method_frame& f);

// AUTH_REPLY_MORE (server) and AUTH_REQUEST_MORE (client): one more round of the method.
struct auth_more_frame {
  buffer payload;
};
void encode(wire::encoder& e, const auth_more_frame& f);
void decode(wire::decoder& d, auth_more_frame& f);

// AUTH_DONE: the global id the cluster gave us, the mode it chose, the method's last word.
struct auth_done_frame {
  std::uint64_t global_id = 0;
  con_mode mode = con_mode::unknown;
  buffer payload;
};
void encode(wire::encoder& e, const auth_done_frame& f);
void decode(wire::decoder& d, auth_done_frame& f);

// CLIENT_IDENT: who we are and whom we expect to reach.
struct client_ident_frame {
  entity_addrvec addrs;  // our own address(es)
  entity_addr target;    // the server's address, nonce included
  std::int64_t gid = 0;  // our global id
  std::uint64_t global_seq = 0;
  std::uint64_t supported_features = 0;
  std::uint64_t required_features = 0;
  std::uint64_t flags = 0;  // 1 = lossy
  std::uint64_t client_cookie = 0;
};
void encode(wire::encoder& e, const client_ident_frame& f);
void decode(wire::decoder& d, client_ident_frame& f);

// SERVER_IDENT: the server's reply to CLIENT_IDENT.
struct server_ident_frame {
  entity_addrvec addrs;
  std::int64_t gid = 0;  // mon rank or OSD id
  std::uint64_t global_seq = 0;
  std::uint64_t supported_features = 0;
  std::uint64_t required_features = 0;
  std::uint64_t flags = 0;
  std::uint64_t server_cookie = 0;
};
void encode(wire::encoder& e, const server_ident_frame& f);
void decode(wire::decoder& d, server_ident_frame& f);

// IDENT_MISSING_FEATURES: the server needs feature bits we did not offer.
struct ident_missing_features_frame {
  std::uint64_t missing = 0;
};
void encode(wire::encoder& e, const ident_missing_features_frame& f);
void decode(wire::decoder& d, ident_missing_features_frame& f);

// KEEPALIVE2 carries a timestamp; KEEPALIVE2_ACK echoes it.
struct keepalive_frame {
  utime stamp;
};
void encode(wire::encoder& e, const keepalive_frame& f);
void decode(wire::decoder& d, keepalive_frame& f);

// The lossy-client flag in CLIENT_IDENT/SERVER_IDENT.
inline constexpr std::uint64_t ident_flag_lossy = 1;

}  // namespace radosio::msgr
