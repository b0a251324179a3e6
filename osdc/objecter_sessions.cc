// The objecter's OSD sessions: connecting with an authorizer, sending ops, reading replies
// and backoffs, and putting ops back in play when a session ends.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "messenger/auth_handler.h"
#include "messenger/features.h"
#include "messenger/msgr_error.h"
#include "monclient/mon_messages.h"
#include "osdc/objecter_impl.h"

namespace radosio::osdc {
namespace {

utime wall_clock_now() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return utime{static_cast<std::uint32_t>(ts.tv_sec), static_cast<std::uint32_t>(ts.tv_nsec)};
}

// The wait before another attempt to an OSD that failed `failures` times in a row: none
// after one failure (a dropped handshake is usually a one-off, and librados reopens a lossy
// session at once), then 100 ms doubling to 2 s, so an OSD that refuses connections until
// the map marks it down is not hammered.
std::chrono::milliseconds reconnect_delay(unsigned failures) {
  if (failures <= 1) return std::chrono::milliseconds(0);
  return std::chrono::milliseconds(std::min(2000u, 100u << std::min(failures - 2, 5u)));
}

// The newest epoch an MOSDMap carries (its maps, or the sender's newest).
std::optional<std::uint32_t> peek_osd_map_epoch(const msgr::message& m) {
  mon::osd_map_message msg;
  if (wire::decode_exact(m.front.contiguous().view(), msg)) return std::nullopt;
  std::uint32_t newest = msg.newest_map;
  if (!msg.full_maps.empty()) newest = std::max(newest, msg.full_maps.rbegin()->first);
  if (!msg.incremental_maps.empty()) newest = std::max(newest, msg.incremental_maps.rbegin()->first);
  return newest;
}

}  // namespace

std::shared_ptr<objecter::impl::osd_session> objecter::impl::session_for(std::int32_t osd) {
  if (auto it = sessions.find(osd); it != sessions.end() && !it->second->closed) return it->second;
  const auto addr = map->osd_v2_addr(osd);
  if (!addr) return nullptr;
  auto s = std::make_shared<osd_session>();
  s->osd = osd;
  s->addr = *addr;
  s->gen = ++next_session_gen;
  sessions[osd] = s;
  asio::co_spawn(ex, connect(s), asio::detached);
  return s;
}

void objecter::impl::send(pending_op& op) {
  auto s = session_for(op.target.osd);
  if (!s) {
    op.on_wire = false;
    op.last_problem = fmt::format("osd.{} has no msgr2 address in epoch {}", op.target.osd, map->epoch());
    return;
  }
  op.session_gen = s->gen;
  op.on_wire = false;
  op.blocked = false;
  if (s->conn) transmit(*s, op);  // else: sent when the session is up
}

void objecter::impl::transmit(osd_session& s, pending_op& op) {
  if (s.backoffs.find(op.target.spg(), object_of(op)) != nullptr) {
    op.blocked = true;  // the OSD asked us to hold this range
    op.last_problem = fmt::format("osd.{} holds pg {} under a backoff", s.osd, op.target.pgid.to_string());
    return;
  }
  mosd_op m;
  m.pgid = op.target.spg();
  m.hash = op.target.hash;
  m.epoch = map->epoch();
  std::uint32_t flags = osd_flag::ondisk | osd_flag::known_redir | op.request.extra_flags;
  bool reads = false;
  for (const auto& o : op.request.ops) reads = reads || is_read(o.code);
  if (op.target.is_write) flags |= osd_flag::write;
  if (reads || !op.target.is_write) flags |= osd_flag::read;
  if (op.request.full_try) flags |= osd_flag::full_try;
  if (op.attempts > 0) flags |= osd_flag::retry;
  m.flags = flags;
  if (op.target.is_write) m.mtime = op.request.mtime.value_or(wall_clock_now());
  m.locator.pool = op.target.pool;
  m.locator.key = op.target.key;
  m.locator.nspace = op.target.nspace;
  m.oid = op.target.pg_op ? std::string() : op.target.name;
  m.ops = op.request.ops;  // the op headers are copied; their input buffers are shared
  m.snap = op.request.snap;
  m.snapc = op.request.snapc;
  m.retry_attempt = op.attempts;
  m.features = msgr::feature::supported;
  if (op.attempts > 0) ++counters.resends;
  ++op.attempts;
  ++counters.ops_sent;
  op.on_wire = true;
  op.last_problem.clear();  // the timeout message says "sent to osd.N" from sent_to
  op.sent_to = s.osd;
  s.conn->send(encode_mosd_op(m, op.tid));
}

asio::awaitable<void> objecter::impl::connect(std::shared_ptr<osd_session> s) {
  auto self = shared_from_this();
  if (auto delay = reconnect_delay(connect_failures[s->osd]); delay.count() > 0) {
    asio::steady_timer pause(ex, delay);
    boost::system::error_code ignored;
    co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
  if (s->closed || stopping) co_return;

  std::unique_ptr<msgr::auth_handler> auth;
  if (config.cephx) {
    auto ticket = mon.tickets().valid(entity_type::osd, auth::ticket_clock::now());
    if (!ticket) {
      close_session(*s, fmt::format("no valid OSD service ticket: {}", ticket.err().what()));
      co_return;
    }
    auth = std::make_unique<msgr::cephx_authorizer_auth>(**ticket, mon.global_id());
  } else {
    auth = std::make_unique<msgr::none_auth>(config.name, mon.global_id(), false);
  }
  msgr::handshake_params params;
  params.target = s->addr;
  params.peer_type = entity_type::osd;
  params.modes = config.modes;
  params.global_seq = ++global_seq;
  params.addr_nonce = addr_nonce;
  auto conn = co_await msgr::connection::connect(ex, params, *auth, config.connect_timeout);
  if (s->closed || stopping) {
    if (conn) (*conn)->close();
    co_return;
  }
  if (!conn) {
    ++counters.session_failures;
    close_session(*s, fmt::format("cannot connect to osd.{} at {}: {}", s->osd, s->addr.to_string(),
                                  conn.err().what()));
    co_return;
  }
  s->conn = std::move(*conn);
  ++counters.sessions_opened;
  log(mon::log_level::debug, fmt::format("session with osd.{} at {}", s->osd, s->addr.to_string()));
  for (auto& [tid, op] : ops) {
    if (op->session_gen == s->gen && !op->on_wire && !op->blocked && !op->outcome) transmit(*s, *op);
  }
  co_await read_loop(s);
}

asio::awaitable<void> objecter::impl::read_loop(std::shared_ptr<osd_session> s) {
  auto self = shared_from_this();
  const auto conn = s->conn;
  while (!s->closed) {
    auto m = co_await conn->receive();
    if (!m) {
      if (!s->closed) close_session(*s, fmt::format("session with osd.{} ended: {}", s->osd, m.err().what()));
      co_return;
    }
    // A session that delivered a message works: forget its past connection failures.
    connect_failures.erase(s->osd);
    s->delivered = true;
    dispatch(*s, std::move(*m));
  }
}

void objecter::impl::close_session(osd_session& s, std::string_view why) {
  if (s.closed) return;
  s.closed = true;
  if (s.conn) s.conn->close();
  if (auto it = sessions.find(s.osd); it != sessions.end() && it->second.get() == &s) sessions.erase(it);
  if (stopping) return;
  log(mon::log_level::info, why);
  // Counted until the OSD sends something on a later session: the next attempt waits longer.
  // A session that worked is reopened at once (a dropped connection, as Ceph's QA injects,
  // must not cost a pause); only attempts that never got a message back wait.
  if (!s.delivered) ++connect_failures[s.osd];
  // Lossy sessions: what was sent on this one may be lost. Place those ops again (the map
  // may already say where they go now) and send them on a new session.
  std::vector<std::shared_ptr<pending_op>> orphans;
  for (auto& [tid, op] : ops)
    if (op->session_gen == s.gen && !op->outcome) orphans.push_back(op);
  for (auto& op : orphans) {
    op->on_wire = false;
    op->blocked = false;
    op->session_gen = 0;
    op->last_problem = std::string(why);
  }
  for (auto& op : orphans) place_op(*op);
  // Watches registered through this session are gone with it.
  recheck_watches(s.osd);
  // So are the NOTIFY_COMPLETEs of the notifies sent on it: they are sent again.
  for (auto& [cookie, n] : notifies) {
    if (n->session == s.gen && !n->completion) {
      n->session_lost = true;
      n->done.cancel();
    }
  }
}

void objecter::impl::dispatch(osd_session& s, msgr::message m) {
  switch (m.header.type) {
    case osd_msg_type::osd_op_reply:
      handle_reply(s, m);
      return;
    case osd_msg_type::osd_backoff:
      handle_backoff(s, m);
      return;
    case osd_msg_type::watch_notify:
      handle_watch_notify(s, m);
      return;
    case osd_msg_type::osd_map: {
      // OSDs share newer maps with clients that are behind: fetch it from the monitors,
      // which also gives the incrementals in between.
      auto newest = peek_osd_map_epoch(m);
      if (newest) want_map(*newest);
      return;
    }
    default:
      log(mon::log_level::debug, fmt::format("osd.{}: ignoring message type {}", s.osd, m.header.type));
  }
}

void objecter::impl::handle_reply(osd_session& s, const msgr::message& m) {
  auto reply = decode_mosd_op_reply(m);
  if (!reply) {
    // A reply we cannot read leaves the op unanswered: end the session so it is resent.
    close_session(s, fmt::format("osd.{} sent a malformed reply: {}", s.osd, reply.err().what()));
    return;
  }
  const auto it = ops.find(reply->tid);
  if (it == ops.end()) return;  // timed out already
  pending_op& op = *it->second;
  // Only the answer to the latest send counts: an older attempt's reply may arrive late.
  if (op.session_gen != s.gen || op.outcome || reply->retry_attempt + 1 != op.attempts) {
    log(mon::log_level::debug, fmt::format("osd.{}: ignoring reply to tid {} attempt {}", s.osd, reply->tid,
                                           reply->retry_attempt));
    return;
  }
  if (reply->redirect) {
    finish(op, error{std::make_error_code(std::errc::operation_not_supported),
                     fmt::format("{}: osd.{} redirected the op (cache tiering is not supported)", describe_op(op), s.osd)});
    return;
  }
  want_map(reply->epoch);
  op_outcome out;
  out.result = reply->result;
  out.ops = std::move(reply->ops);
  out.version = reply->user_version;
  out.epoch = reply->epoch;
  out.osd = s.osd;
  out.session = s.gen;
  out.attempts = op.attempts;
  finish(op, std::move(out));
}

void objecter::impl::handle_backoff(osd_session& s, const msgr::message& m) {
  auto b = decode_mosd_backoff(m);
  if (!b) {
    close_session(s, fmt::format("osd.{} sent a malformed backoff: {}", s.osd, b.err().what()));
    return;
  }
  if (b->op == backoff_op::block) {
    ++counters.backoffs;
    s.backoffs.add(backoff_range{b->pgid, b->id, b->begin, b->end});
    auto ack = *b;
    ack.op = backoff_op::ack_block;
    s.conn->send(encode_mosd_backoff(ack));
    // The OSD dropped the ops in the range: hold them until it unblocks.
    const backoff_range range{b->pgid, b->id, b->begin, b->end};
    for (auto& [tid, op] : ops) {
      if (op->session_gen != s.gen || op->outcome) continue;
      if (range.contains(op->target.spg(), object_of(*op))) {
        op->on_wire = false;
        op->blocked = true;
        op->last_problem = fmt::format("osd.{} holds pg {} under a backoff", s.osd, b->pgid.pgid.to_string());
      }
    }
    log(mon::log_level::info, fmt::format("osd.{} backs off pg {} (id {})", s.osd, b->pgid.pgid.to_string(), b->id));
    return;
  }
  if (b->op == backoff_op::unblock) {
    s.backoffs.remove(b->pgid, b->id);
    const backoff_range range{b->pgid, b->id, b->begin, b->end};
    for (auto& [tid, op] : ops) {
      if (op->session_gen != s.gen || op->outcome || !op->blocked) continue;
      if (!range.contains(op->target.spg(), object_of(*op))) continue;
      op->blocked = false;
      transmit(s, *op);
    }
    log(mon::log_level::info, fmt::format("osd.{} lifts its backoff on pg {} (id {})", s.osd,
                                          b->pgid.pgid.to_string(), b->id));
  }
}

}  // namespace radosio::osdc
