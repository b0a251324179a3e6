#include "osdc/osd_messages.h"

#include <fmt/format.h>

#include "common/error.h"

namespace radosio::osdc {
namespace {

// Blkin trace info (trace id, span id, parent span id): MOSDOp v8 carries it, always zero here.
constexpr std::size_t blkin_trace_size = 24;

msgr::message make_message(std::uint16_t type, std::uint16_t version, std::uint16_t compat,
                           std::uint64_t tid, buffer front) {
  msgr::message m;
  m.header.type = type;
  m.header.version = version;
  m.header.compat_version = compat;
  m.header.priority = client_op_priority;
  m.header.tid = tid;
  m.front.append(std::move(front));
  return m;
}

template <class T, class Body>
result<T> decode_front(const msgr::message& m, std::uint16_t type, const char* name, Body&& body) {
  if (m.header.type != type) {
    return error{make_error_code(errc::protocol_error),
                 fmt::format("{}: message type {} is not {}", name, m.header.type, type)};
  }
  const buffer front = m.front.contiguous();
  wire::decoder d(front, name);
  T value{};
  body(d, value);
  if (!d.ok()) return error{d.error(), fmt::format("{}: {}", name, d.message())};
  return value;
}

// Each op's slice of a data segment, in op order, by the lengths the ops announced.
bool split_data(const buffer_list& data, const std::vector<std::uint32_t>& lengths,
                std::vector<osd_op>& ops, bool into_outdata) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (lengths[i] > data.size() - at) return false;
    auto slice = data.sub_list(at, lengths[i]);
    (into_outdata ? ops[i].outdata : ops[i].indata) = std::move(slice);
    at += lengths[i];
  }
  return true;
}

}  // namespace

msgr::message encode_mosd_op(const mosd_op& op, std::uint64_t tid) {
  wire::encoder e(256 + op.oid.size() + op.ops.size() * osd_op_wire_size);
  encode(e, op.pgid);
  encode(e, op.hash);
  encode(e, op.epoch);
  encode(e, op.flags);
  encode(e, op.reqid);
  for (std::size_t i = 0; i < blkin_trace_size; ++i) e.write_le(std::uint8_t{0});
  encode(e, op.client_inc);
  encode(e, op.mtime);
  encode(e, op.locator);
  encode(e, op.oid);
  encode(e, static_cast<std::uint16_t>(op.ops.size()));
  for (const auto& o : op.ops) encode_osd_op(e, o, static_cast<std::uint32_t>(o.indata.size()));
  encode(e, op.snap);
  encode(e, op.snapc.seq);
  encode(e, op.snapc.snaps);
  encode(e, op.retry_attempt);
  encode(e, op.features);

  auto m = make_message(osd_msg_type::osd_op, 8, 3, tid, std::move(e).finish());
  for (const auto& o : op.ops) m.data.append(o.indata);
  // The OSD uses data_off to align a write's data in memory; librados sets the write offset.
  for (const auto& o : op.ops) {
    if (o.code == op_code::write || o.code == op_code::write_full || o.code == op_code::append) {
      m.header.data_off = static_cast<std::uint16_t>(o.extent_offset() & 0xffff);
      break;
    }
  }
  return m;
}

result<mosd_op> decode_mosd_op(const msgr::message& m) {
  std::vector<std::uint32_t> lengths;
  auto op = decode_front<mosd_op>(m, osd_msg_type::osd_op, "MOSDOp", [&](wire::decoder& d, mosd_op& o) {
    decode(d, o.pgid);
    decode(d, o.hash);
    decode(d, o.epoch);
    decode(d, o.flags);
    decode(d, o.reqid);
    d.skip(blkin_trace_size, "blkin trace");
    decode(d, o.client_inc);
    decode(d, o.mtime);
    decode(d, o.locator);
    decode(d, o.oid);
    std::uint16_t n = 0;
    decode(d, n);
    if (d.remaining() < std::size_t{n} * osd_op_wire_size) {
      d.fail(errc::truncated, fmt::format("{} ops announced", n));
      return;
    }
    o.ops.resize(n);
    for (auto& x : o.ops) lengths.push_back(decode_osd_op(d, x));
    decode(d, o.snap);
    decode(d, o.snapc.seq);
    decode(d, o.snapc.snaps);
    decode(d, o.retry_attempt);
    decode(d, o.features);
  });
  if (!op) return op;
  if (!split_data(m.data, lengths, op->ops, false)) {
    return error{make_error_code(errc::truncated), "MOSDOp: ops announce more input than the data segment holds"};
  }
  return op;
}

result<mosd_op_reply> decode_mosd_op_reply(const msgr::message& m) {
  std::vector<std::uint32_t> lengths;
  auto reply = decode_front<mosd_op_reply>(
      m, osd_msg_type::osd_op_reply, "MOSDOpReply", [&](wire::decoder& d, mosd_op_reply& r) {
        decode(d, r.oid);
        decode(d, r.pgid);
        decode(d, r.flags);
        decode(d, r.result);
        decode(d, r.bad_replay_version);
        decode(d, r.epoch);
        const auto n = d.read_count(osd_op_wire_size, "ops");
        if (!d.ok()) return;
        r.ops.resize(n);
        for (auto& x : r.ops) lengths.push_back(decode_osd_op(d, x));
        decode(d, r.retry_attempt);
        for (auto& x : r.ops) decode(d, x.rval);
        decode(d, r.replay_version);
        decode(d, r.user_version);
        std::uint8_t redirect = 0;
        decode(d, redirect);
        r.redirect = redirect != 0;
        // Cache tiering's request_redirect_t: nothing this client acts on, but it must be
        // stepped over to reach the trace.
        if (r.redirect) (void)d.take_section_raw("request_redirect_t");
        d.skip(blkin_trace_size, "blkin trace");
      });
  if (!reply) return reply;
  reply->tid = m.header.tid;
  if (!split_data(m.data, lengths, reply->ops, true)) {
    return error{make_error_code(errc::truncated),
                 fmt::format("MOSDOpReply for {}: ops announce more output than the data segment holds", reply->oid)};
  }
  return reply;
}

msgr::message encode_mosd_op_reply(const mosd_op_reply& r) {
  wire::encoder e(128);
  encode(e, r.oid);
  encode(e, r.pgid);
  encode(e, r.flags);
  encode(e, r.result);
  encode(e, r.bad_replay_version);
  encode(e, r.epoch);
  encode(e, static_cast<std::uint32_t>(r.ops.size()));
  for (const auto& o : r.ops) encode_osd_op(e, o, static_cast<std::uint32_t>(o.outdata.size()));
  encode(e, r.retry_attempt);
  for (const auto& o : r.ops) encode(e, o.rval);
  encode(e, r.replay_version);
  encode(e, r.user_version);
  // No redirect target is encoded (scripted OSDs in tests never redirect).
  encode(e, std::uint8_t{0});
  for (std::size_t i = 0; i < blkin_trace_size; ++i) e.write_le(std::uint8_t{0});
  auto m = make_message(osd_msg_type::osd_op_reply, 8, 2, r.tid, std::move(e).finish());
  for (const auto& o : r.ops) m.data.append(o.outdata);
  return m;
}

msgr::message encode_mosd_backoff(const mosd_backoff& b) {
  wire::encoder e(128);
  encode(e, b.pgid);
  encode(e, b.epoch);
  encode(e, static_cast<std::uint8_t>(b.op));
  encode(e, b.id);
  encode(e, b.begin);
  encode(e, b.end);
  return make_message(osd_msg_type::osd_backoff, 1, 1, 0, std::move(e).finish());
}

result<mosd_backoff> decode_mosd_backoff(const msgr::message& m) {
  return decode_front<mosd_backoff>(m, osd_msg_type::osd_backoff, "MOSDBackoff",
                                    [](wire::decoder& d, mosd_backoff& b) {
                                      decode(d, b.pgid);
                                      decode(d, b.epoch);
                                      std::uint8_t op = 0;
                                      decode(d, op);
                                      if (d.ok() && (op < 1 || op > 3)) {
                                        d.fail(errc::malformed, fmt::format("unknown backoff op {}", op));
                                      }
                                      b.op = static_cast<backoff_op>(op);
                                      decode(d, b.id);
                                      decode(d, b.begin);
                                      decode(d, b.end);
                                    });
}

result<mwatch_notify> decode_mwatch_notify(const msgr::message& m) {
  auto n = decode_front<mwatch_notify>(m, osd_msg_type::watch_notify, "MWatchNotify",
                                       [&](wire::decoder& d, mwatch_notify& w) {
                                         std::uint8_t proto = 0;
                                         std::uint8_t op = 0;
                                         decode(d, proto);
                                         decode(d, op);
                                         w.op = static_cast<watch_notify_op>(op);
                                         decode(d, w.cookie);
                                         decode(d, w.version);
                                         decode(d, w.notify_id);
                                         buffer payload;
                                         decode(d, payload);
                                         w.payload = buffer_list(std::move(payload));
                                         // v2 and v3 fields; an older message ends early.
                                         if (m.header.version >= 2) decode(d, w.return_code);
                                         if (m.header.version >= 3) decode(d, w.notifier_gid);
                                       });
  if (n) n->data = m.data;
  return n;
}

msgr::message encode_mwatch_notify(const mwatch_notify& n) {
  wire::encoder e(128);
  encode(e, std::uint8_t{1});
  encode(e, static_cast<std::uint8_t>(n.op));
  encode(e, n.cookie);
  encode(e, n.version);
  encode(e, n.notify_id);
  encode(e, n.payload.contiguous());
  encode(e, n.return_code);
  encode(e, n.notifier_gid);
  auto m = make_message(osd_msg_type::watch_notify, 3, 1, 0, std::move(e).finish());
  m.data = n.data;
  return m;
}

}  // namespace radosio::osdc
