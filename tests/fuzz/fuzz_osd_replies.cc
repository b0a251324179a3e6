// libFuzzer target: what OSDs send a client, from raw bytes. The input is split into a
// message front and a data segment (the first two bytes, little-endian, give the front's
// length), and fed to every OSD
// message decoder and every op-output decoder (listing pages, omap, xattrs, stat, sparse
// reads, watchers, notify acks, cls_lock replies). Garbage must be refused with an error,
// never crash, read out of bounds or allocate without bound.

#include <cstdint>

#include "osdc/osd_messages.h"
#include "rados/cls_lock_ops.h"
#include "rados/op_codecs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace radosio;
  if (size < 2) return 0;
  const std::size_t body = size - 2;
  const std::size_t split = std::min<std::size_t>(body, data[0] | (std::size_t{data[1]} << 8));
  const buffer front = buffer::copy_of(bytes_view(data + 2, split));
  const buffer tail = buffer::copy_of(bytes_view(data + 2 + split, body - split));
  const buffer_list whole(buffer::copy_of(bytes_view(data + 2, body)));

  msgr::message m;
  m.front.append(front);
  m.data.append(tail);
  for (std::uint16_t version : {1, 2, 3, 8}) {
    m.header.version = version;
    m.header.type = osdc::osd_msg_type::osd_op_reply;
    (void)osdc::decode_mosd_op_reply(m);
    m.header.type = osdc::osd_msg_type::osd_op;
    (void)osdc::decode_mosd_op(m);
    m.header.type = osdc::osd_msg_type::osd_backoff;
    (void)osdc::decode_mosd_backoff(m);
    m.header.type = osdc::osd_msg_type::watch_notify;
    (void)osdc::decode_mwatch_notify(m);
  }

  (void)detail::decode_stat(whole);
  (void)detail::decode_xattrs(whole);
  (void)detail::decode_omap_keys(whole);
  (void)detail::decode_omap_vals(whole);
  (void)detail::decode_omap_map(whole);
  (void)detail::decode_sparse_read(whole);
  (void)detail::decode_pgnls(whole);
  (void)detail::decode_watchers(whole);
  (void)detail::decode_notify_acks(whole);
  (void)detail::decode_lock_info_reply(whole);
  (void)detail::decode_list_locks_reply(whole);
  return 0;
}
