#pragma once
// The client side of a msgr2.1 connection handshake, as a state machine without I/O
// (protocol.md b.1-b.5):
//
//   banner -> HELLO -> AUTH_REQUEST [-> AUTH_REPLY_MORE -> AUTH_REQUEST_MORE] -> AUTH_DONE
//   -> (secure mode switches on here) -> AUTH_SIGNATURE both ways -> CLIENT_IDENT
//   -> SERVER_IDENT
//
// The driver asks start() what to do, then repeatedly performs the action it gets back:
// write the bytes in `write` (if any), then read exactly `read` bytes and hand them to
// on_bytes(). When an action says `done`, the connection is ready: take_outcome() gives the
// frame codec (now in the negotiated mode) and what the server said about itself.
//
// All randomness comes in through handshake_params, so replaying a recorded session
// reproduces every byte the client wrote.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/buffer.h"
#include "common/result.h"
#include "common/types/entity.h"
#include "common/types/entity_addr.h"
#include "messenger/auth_handler.h"
#include "messenger/control_frames.h"
#include "messenger/features.h"
#include "messenger/frame.h"
#include "messenger/frame_codec.h"

namespace radosio::msgr {

// The largest frame accepted before the session is open. Handshake frames are small (a
// monitor's AUTH_DONE with every ticket is a few KiB); the driver allocates what a frame
// announces before reading it, so a hostile server must not be able to announce the
// 256 MiB the session limits allow.
inline constexpr std::size_t max_handshake_frame_size = 1u << 20;

struct handshake_params {
  entity_addr target;                      // the server's msgr2 address, nonce included
  entity_type peer_type = entity_type::mon;  // what we mean to reach
  std::vector<con_mode> modes{con_mode::crc, con_mode::secure};  // in order of preference
  std::uint64_t supported_features = feature::supported;
  std::uint64_t required_features = feature::required;
  std::uint64_t client_cookie = 0;  // 0: random (must be non-zero on the wire)
  std::uint64_t global_seq = 1;
  std::uint32_t addr_nonce = 0;  // nonce of our own address; 0: random
  frame_limits limits;
};

struct handshake_outcome {
  frame_codec codec;  // in the negotiated mode, positioned after SERVER_IDENT
  con_mode mode = con_mode::unknown;
  std::uint64_t global_id = 0;
  entity_addr my_addr;  // our address as the server saw it (type any, port 0)
  server_ident_frame server;
};

class client_handshake {
 public:
  struct action {
    buffer_list write;
    std::size_t read = 0;
    bool done = false;
  };

  // `auth` must outlive the handshake.
  client_handshake(handshake_params params, auth_handler& auth);

  [[nodiscard]] result<action> start();
  // `bytes` are exactly the `read` bytes the previous action asked for.
  [[nodiscard]] result<action> on_bytes(const buffer& bytes);
  // After an action with done = true.
  [[nodiscard]] handshake_outcome take_outcome();

  // Where the handshake is, for error messages ("waiting for AUTH_DONE").
  [[nodiscard]] std::string_view stage() const noexcept;

 private:
  enum class step {
    banner_prefix,
    banner_payload,
    preamble,
    rest,
    done,
  };
  enum class expect {
    hello,
    auth_reply,      // AUTH_REPLY_MORE, AUTH_DONE or AUTH_BAD_METHOD
    auth_signature,
    server_ident,
  };

  result<action> on_frame(const frame& f);
  result<action> on_hello(const frame& f);
  result<action> on_auth_reply_more(const frame& f);
  result<action> on_auth_done(const frame& f);
  result<action> on_auth_signature(const frame& f);
  result<action> on_server_ident(const frame& f);
  result<action> fail_bad_method(const frame& f);

  // Encodes one control frame with the current codec; pre-auth frames are also kept for
  // the signature.
  std::error_code send(tag t, buffer payload, action& out);
  action read_next_preamble(action a);
  action read_next_preamble() { return read_next_preamble(action{}); }
  error protocol_error(std::error_code code, std::string what) const;
  // AUTH_SIGNATURE over `bytes` with the session key.
  std::array<std::uint8_t, 32> sign(bytes_view bytes) const;

  handshake_params params_;
  auth_handler& auth_;
  frame_codec codec_;
  step step_ = step::banner_prefix;
  expect expect_ = expect::hello;
  bool signing_ = true;  // bytes still go into the pre-auth record
  std::vector<std::uint8_t> rx_record_;  // everything received, banner through AUTH_DONE
  std::vector<std::uint8_t> tx_record_;  // everything sent, banner through AUTH_REQUEST_MORE
  buffer pending_preamble_;
  auth_outcome session_;
  std::uint64_t global_id_ = 0;
  con_mode mode_ = con_mode::unknown;
  entity_addr my_addr_;
  server_ident_frame server_;
};

}  // namespace radosio::msgr
