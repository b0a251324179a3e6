#pragma once
// Ceph messages as msgr2 carries them: a MESSAGE frame whose four segments are
// ceph_msg_header2 (41 bytes), front, middle and data.
//
//   le64 seq | le64 tid | le16 type | le16 priority | le16 version | le32 data_pre_padding_len
//   | le16 data_off | le64 ack_seq | u8 flags | le16 compat_version | le16 reserved
//
// Unlike msgr1's ceph_msg_header there are no lengths or crcs (the frame has them) and no
// source entity (the idents exchanged at connect time say who the peer is).

#include <array>
#include <cstddef>
#include <cstdint>
#include <system_error>

#include "common/buffer.h"
#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "messenger/frame.h"

namespace radosio::msgr {

inline constexpr std::size_t message_header_size = 41;

struct message_header {
  std::uint64_t seq = 0;  // per connection, from 1; the receiver drops seq <= last seen
  std::uint64_t tid = 0;  // transaction id: replies carry the request's
  std::uint16_t type = 0;
  std::uint16_t priority = 0;
  std::uint16_t version = 0;
  std::uint32_t data_pre_padding_len = 0;
  std::uint16_t data_off = 0;  // offset hint for the data segment (e.g. a write's offset)
  std::uint64_t ack_seq = 0;   // the last seq received from the peer (servers fill it in)
  // Ceph copies msgr1's footer flags here: servers send 3 (COMPLETE | NOCRC), clients 0.
  std::uint8_t flags = 0;
  std::uint16_t compat_version = 0;
  std::uint16_t reserved = 0;
  friend bool operator==(const message_header&, const message_header&) = default;
};

void encode(wire::encoder& e, const message_header& h);
void decode(wire::decoder& d, message_header& h);

// The header as the 41 bytes of segment 1.
[[nodiscard]] buffer encode_message_header(const message_header& h);
// Exactly 41 bytes: a shorter or longer segment 1 is not a ceph_msg_header2.
[[nodiscard]] std::error_code decode_message_header(bytes_view bytes, message_header& out);

struct message {
  message_header header;
  buffer_list front;   // the message type's encoded payload
  buffer_list middle;  // rarely used
  buffer_list data;    // bulk data (object contents), never copied by the framing layer
};

// The four segments of the MESSAGE frame for `m`: the payload lists are shared, not copied.
// Pass them to frame_codec::encode(tag::message, ...).
[[nodiscard]] std::array<buffer_list, max_segments> to_segments(const message& m);

// The message in a received MESSAGE frame: not_a_message for another tag; segments are
// shared with the frame.
[[nodiscard]] std::error_code from_frame(const frame& f, message& out);

}  // namespace radosio::msgr
