#pragma once
// The messages a client exchanges with OSDs (protocol.md b.5 step 7-8, b.8):
//
//   MOSDOp       (42, v8 compat 3)  client -> OSD: one object, several ops, data in the data segment
//   MOSDOpReply  (43, v8)           OSD -> client: result, per-op rvals, outputs in the data segment
//   MOSDBackoff  (61, v1)           both ways: block / ack / unblock a range of a PG
//   MWatchNotify (44, v3)           OSD -> client: a notify for a watch, or a notify's completion
//
// Pure codecs: a struct in, a msgr::message out, and back. Payload buffers are shared with
// the message, never copied: a write's data goes to the socket from the caller's buffer, and
// a read's output is a slice of the received frame.

#include <cstdint>
#include <string>
#include <vector>

#include "common/buffer.h"
#include "common/result.h"
#include "common/types/basic.h"
#include "common/types/object.h"
#include "common/types/pg.h"
#include "messenger/message_header.h"
#include "osdc/osd_op.h"

namespace radosio::osdc {

namespace osd_msg_type {
inline constexpr std::uint16_t osd_op = 42;
inline constexpr std::uint16_t osd_op_reply = 43;
inline constexpr std::uint16_t watch_notify = 44;
inline constexpr std::uint16_t osd_map = 41;  // OSDs share newer maps with clients
inline constexpr std::uint16_t osd_backoff = 61;
}  // namespace osd_msg_type

// osd_client_op_priority: what librados gives client ops.
inline constexpr std::uint16_t client_op_priority = 63;

struct mosd_op {
  spg_id pgid;              // the PG (folded seed) and shard
  std::uint32_t hash = 0;   // the object's full 32-bit hash
  std::uint32_t epoch = 0;  // the map the client placed the op with
  std::uint32_t flags = 0;  // osd_flag bits
  osd_reqid reqid;          // may stay zero: the OSD derives it from the session and tid
  std::uint32_t client_inc = 0;
  utime mtime;              // for writes; zero leaves the object's mtime alone
  object_locator locator;
  std::string oid;
  std::vector<osd_op> ops;
  snapid snap = snap_head;  // the snapshot to read
  snap_context snapc;       // for writes
  std::uint32_t retry_attempt = 0;
  std::uint64_t features = 0;
};

// Encodes `op` as a message with tid `tid` (header.tid; replies carry it back). The data
// segment is every op's input, in op order, shared with the ops.
[[nodiscard]] msgr::message encode_mosd_op(const mosd_op& op, std::uint64_t tid);
// The inverse, for tests and fuzzing: each op's indata is its slice of the data segment.
[[nodiscard]] result<mosd_op> decode_mosd_op(const msgr::message& m);

struct mosd_op_reply {
  std::uint64_t tid = 0;
  std::string oid;
  pg_id pgid;
  std::uint64_t flags = 0;
  std::int32_t result = 0;  // 0 or -errno for the whole request
  eversion bad_replay_version;
  std::uint32_t epoch = 0;  // the OSD's map epoch
  std::vector<osd_op> ops;  // code, args, rval, outdata (a slice of the data segment)
  std::uint32_t retry_attempt = 0;
  eversion replay_version;
  std::uint64_t user_version = 0;  // the object's version after (or at) this op
  bool redirect = false;           // cache tiering: the op must go elsewhere
};

[[nodiscard]] result<mosd_op_reply> decode_mosd_op_reply(const msgr::message& m);
// For tests (a scripted OSD) and fuzzing round trips.
[[nodiscard]] msgr::message encode_mosd_op_reply(const mosd_op_reply& r);

enum class backoff_op : std::uint8_t { block = 1, ack_block = 2, unblock = 3 };

struct mosd_backoff {
  spg_id pgid;
  std::uint32_t epoch = 0;
  backoff_op op = backoff_op::block;
  std::uint64_t id = 0;
  hobject begin;  // [begin, end); begin == end names one object
  hobject end;
};

[[nodiscard]] msgr::message encode_mosd_backoff(const mosd_backoff& b);
[[nodiscard]] result<mosd_backoff> decode_mosd_backoff(const msgr::message& m);

enum class watch_notify_op : std::uint8_t { notify = 1, notify_complete = 2, disconnect = 3 };

struct mwatch_notify {
  watch_notify_op op = watch_notify_op::notify;
  std::uint64_t cookie = 0;     // the watch's (NOTIFY) or the notify op's (NOTIFY_COMPLETE)
  std::uint64_t version = 0;    // the object's version
  std::uint64_t notify_id = 0;
  buffer_list payload;          // the notifier's bytes
  std::int32_t return_code = 0;  // NOTIFY_COMPLETE: 0 or -ETIMEDOUT
  std::uint64_t notifier_gid = 0;
  buffer_list data;  // NOTIFY_COMPLETE: the acks (map<(gid, cookie), bufferlist>) and the missed
};

[[nodiscard]] result<mwatch_notify> decode_mwatch_notify(const msgr::message& m);
[[nodiscard]] msgr::message encode_mwatch_notify(const mwatch_notify& n);

}  // namespace radosio::osdc
