// libFuzzer target: msgr2 frames as a peer could send them, through both codecs. The first
// input byte picks the mode; the rest is a byte stream decoded frame after frame until an
// error, which must come back as an error code: no crash, no out-of-bounds read, no huge
// allocation (lengths are capped at the preamble). Each frame's first segment then goes
// through the payload decoder of every control frame (HELLO, the AUTH_* frames, the idents,
// KEEPALIVE2/ACK), whatever its tag, and MESSAGE frames through from_frame.

#include <array>
#include <cstdint>

#include "messenger/control_frames.h"
#include "messenger/frame_codec.h"
#include "messenger/message_header.h"

namespace {

template <class T>
void try_decode(const radosio::buffer& payload) {
  T value{};
  (void)radosio::wire::decode_exact(payload.view(), value);
}

void decode_control_payloads(const radosio::buffer& payload) {
  using namespace radosio::msgr;
  try_decode<hello_frame>(payload);
  try_decode<auth_request_frame>(payload);
  try_decode<auth_bad_method_frame>(payload);
  try_decode<auth_more_frame>(payload);  // AUTH_REPLY_MORE, AUTH_REQUEST_MORE
  try_decode<auth_done_frame>(payload);
  try_decode<client_ident_frame>(payload);
  try_decode<server_ident_frame>(payload);
  try_decode<ident_missing_features_frame>(payload);
  try_decode<keepalive_frame>(payload);  // KEEPALIVE2, KEEPALIVE2_ACK
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace radosio;
  if (size < 1) return 0;
  const bool secure = data[0] & 1;
  msgr::frame_limits limits{1u << 16, 1u << 20};
  msgr::frame_codec codec;
  if (secure) {
    std::array<std::uint8_t, 64> secret{};
    for (std::size_t i = 0; i < secret.size(); ++i) secret[i] = static_cast<std::uint8_t>(i * 7);
    msgr::secure_session_keys keys;
    if (msgr::session_keys_from_secret(secret, msgr::connection_side::client, keys)) return 0;
    codec = msgr::secure_frame_codec(keys, limits);
  } else {
    codec = msgr::crc_frame_codec(limits);
  }
  auto stream = buffer::copy_of(bytes_view(data + 1, size - 1));
  while (!stream.empty()) {
    msgr::frame f;
    std::size_t used = 0;
    if (msgr::decode_frame(codec, stream, f, used)) break;
    decode_control_payloads(f.segments[0]);
    msgr::message m;
    (void)msgr::from_frame(f, m);
    stream = stream.slice(used, stream.size() - used);
  }
  return 0;
}
