#include "messenger/message_header.h"

#include "common/error.h"
#include "messenger/msgr_error.h"

namespace radosio::msgr {

void encode(wire::encoder& e, const message_header& h) {
  encode(e, h.seq);
  encode(e, h.tid);
  encode(e, h.type);
  encode(e, h.priority);
  encode(e, h.version);
  encode(e, h.data_pre_padding_len);
  encode(e, h.data_off);
  encode(e, h.ack_seq);
  encode(e, h.flags);
  encode(e, h.compat_version);
  encode(e, h.reserved);
}

void decode(wire::decoder& d, message_header& h) {
  decode(d, h.seq);
  decode(d, h.tid);
  decode(d, h.type);
  decode(d, h.priority);
  decode(d, h.version);
  decode(d, h.data_pre_padding_len);
  decode(d, h.data_off);
  decode(d, h.ack_seq);
  decode(d, h.flags);
  decode(d, h.compat_version);
  decode(d, h.reserved);
}

buffer encode_message_header(const message_header& h) {
  wire::encoder e(message_header_size);
  encode(e, h);
  return std::move(e).finish();
}

std::error_code decode_message_header(bytes_view bytes, message_header& out) {
  if (bytes.size() < message_header_size) return errc::truncated;
  if (bytes.size() > message_header_size) return errc::malformed;
  return wire::decode_exact(bytes, out);
}

std::array<buffer_list, max_segments> to_segments(const message& m) {
  return {buffer_list(encode_message_header(m.header)), m.front, m.middle, m.data};
}

std::error_code from_frame(const frame& f, message& out) {
  if (f.tag != tag::message) return msgr_errc::not_a_message;
  message m;
  if (auto ec = decode_message_header(f.segments[0].view(), m.header)) return ec;
  m.front = buffer_list(f.segments[1]);
  m.middle = buffer_list(f.segments[2]);
  m.data = buffer_list(f.segments[3]);
  out = std::move(m);
  return {};
}

}  // namespace radosio::msgr
