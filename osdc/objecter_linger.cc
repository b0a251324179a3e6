// Linger ops: watches that the objecter keeps registered, and notifies that wait for every
// watcher's answer (protocol.md b.8 and d.23).
//
// A watch is a WATCH op with a cookie. The OSD forgets it when the session that registered
// it ends or when it hears nothing for its timeout, so the objecter pings each watch every
// watch_ping_interval and re-registers it (WATCH_OP_RECONNECT, next generation) after a
// session fault, a placement change or a failed ping. Events (MWatchNotify) arrive on any
// OSD session and are routed by cookie.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include <cerrno>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "messenger/msgr_error.h"
#include "osdc/objecter_impl.h"

namespace radosio::osdc {
namespace {

// NOTIFY's input: le32 prot_ver | le32 timeout | bufferlist payload.
buffer_list notify_input(const buffer_list& payload, std::uint32_t timeout_seconds) {
  wire::encoder e(12);
  encode(e, std::uint32_t{1});
  encode(e, timeout_seconds);
  encode(e, static_cast<std::uint32_t>(payload.size()));
  buffer_list in(std::move(e).finish());
  in.append(payload);
  return in;
}

error osd_refusal(std::int32_t result, std::string_view what) {
  const std::error_code code(-result, std::generic_category());
  return error{code, fmt::format("{}: {}", what, code.message())};
}

}  // namespace

op_request objecter::impl::watch_op_request(const watch_state& w, watch_op op) const {
  op_request req;
  req.pool = w.request.pool;
  req.name = w.request.name;
  req.key = w.request.key;
  req.nspace = w.request.nspace;
  auto& o = req.ops.emplace_back();
  o.code = op_code::watch;
  o.set_watch(w.cookie, op, w.gen, w.request.timeout_seconds);
  // A ping only asks; registering and unregistering change the object's watcher list.
  req.is_write = op != watch_op::ping;
  return req;
}

asio::awaitable<result<std::uint64_t>> objecter::impl::watch(watch_request request) {
  auto self = shared_from_this();
  auto w = std::make_shared<watch_state>();
  w->cookie = ++next_cookie;
  w->request = std::move(request);
  const std::string what = fmt::format("watch on {}/{}", map ? map->pool_name(w->request.pool) : "?", w->request.name);
  // Registered before the op goes out: a NOTIFY may arrive before the reply.
  watches[w->cookie] = w;
  auto req = watch_op_request(*w, watch_op::watch);
  auto out = co_await execute(std::move(req));
  if (!out || out->result < 0) {
    watches.erase(w->cookie);
    if (!out) co_return out.err();
    co_return osd_refusal(out->result, what);
  }
  w->registered = true;
  // Remember where it went, to notice when a new map moves it.
  w->target.pool = w->request.pool;
  w->target.name = w->request.name;
  w->target.key = w->request.key;
  w->target.nspace = w->request.nspace;
  if (current) (void)calc_target(*current, *ws, w->target);
  if (!ping_timer) asio::co_spawn(ex, ping_loop(), asio::detached);
  // Sent more than once: the OSD may have answered from its log without attaching the watch
  // to our current session (see reconnect_watch).
  if (out->attempts > 1) asio::co_spawn(ex, reconnect_watch(w, "its registration was sent more than once"), asio::detached);
  co_return w->cookie;
}

asio::awaitable<status> objecter::impl::unwatch(std::uint64_t cookie) {
  auto self = shared_from_this();
  const auto it = watches.find(cookie);
  if (it == watches.end()) {
    co_return error{std::make_error_code(std::errc::no_such_file_or_directory), fmt::format("no watch with cookie {}", cookie)};
  }
  auto w = it->second;
  watches.erase(it);
  auto req = watch_op_request(*w, watch_op::unwatch);
  auto out = co_await execute(std::move(req));
  if (!out) co_return out.err();
  // The watch may already be gone on the OSD (e.g. after a timeout): nothing left to undo.
  if (out->result < 0 && out->result != -ENOENT && out->result != -ENOTCONN)
    co_return osd_refusal(out->result, fmt::format("unwatch of {}", w->request.name));
  co_return ok_status();
}

// Tries of one reconnect before the watch is reported lost (each needs a session failure
// or a resend during the previous one: reached only when the cluster keeps failing).
constexpr int max_watch_reconnect_tries = 50;

asio::awaitable<void> objecter::impl::reconnect_watch(std::shared_ptr<watch_state> w, std::string why) {
  auto self = shared_from_this();
  if (w->reconnecting || stopping) co_return;
  w->reconnecting = true;
  result<op_outcome> out = error{};
  // A reconnect is logged by the PG, so the OSD answers a resent one (same tid, after a
  // session ended or the PG moved) from its log as done, without attaching the watch to the
  // session the resend came on. So a try that was sent more than once, or whose session
  // ended while it was in flight (recheck_watches sets `retry`), is followed by a new try
  // (new tid and generation), as librados sends a new op for every reconnect.
  for (int tries = 1;; ++tries) {
    w->retry = false;
    ++counters.watch_reconnects;
    ++w->gen;
    log(mon::log_level::info, fmt::format("re-registering watch {} on {} ({})", w->cookie, w->request.name, why));
    auto req = watch_op_request(*w, watch_op::reconnect);
    out = co_await execute(std::move(req));
    if (watches.find(w->cookie) == watches.end() || stopping) {
      w->reconnecting = false;
      co_return;  // unwatched meanwhile
    }
    const bool answered_from_log = out && out->result >= 0 && out->attempts > 1;
    if ((!w->retry && !answered_from_log) || tries >= max_watch_reconnect_tries) break;
    why = answered_from_log ? "the last try was sent more than once" : "its session ended while the last try was in flight";
  }
  w->reconnecting = false;
  if (out && out->result >= 0) {
    log(mon::log_level::debug, fmt::format("watch {} on {} registered again on osd.{} (generation {})", w->cookie,
                                           w->request.name, out->osd, w->gen));
    w->registered = true;
    if (current) (void)calc_target(*current, *ws, w->target);
    co_return;
  }
  w->registered = false;
  error e = out ? osd_refusal(out->result, fmt::format("watch on {} lost", w->request.name)) : out.err();
  log(mon::log_level::warning, e.what());
  if (w->request.on_error) w->request.on_error(e);
}

void objecter::impl::recheck_watches(std::int32_t lost_osd) {
  if (stopping || !current) return;
  std::vector<std::pair<std::shared_ptr<watch_state>, std::string>> due;
  for (auto& [cookie, w] : watches) {
    if (w->reconnecting) {
      if (lost_osd >= 0 && w->target.osd == lost_osd) w->retry = true;
      continue;
    }
    if (lost_osd >= 0 && w->target.osd == lost_osd) {
      due.emplace_back(w, fmt::format("session with osd.{} ended", lost_osd));
      continue;
    }
    if (lost_osd < 0 && w->registered) {
      const auto action = calc_target(*current, *ws, w->target);
      if (action == target_action::send) due.emplace_back(w, fmt::format("placement changed in epoch {}", map->epoch()));
    }
  }
  for (auto& [w, why] : due) asio::co_spawn(ex, reconnect_watch(w, why), asio::detached);
}

asio::awaitable<void> objecter::impl::ping_loop() {
  auto self = shared_from_this();
  auto timer = std::make_shared<asio::steady_timer>(ex);
  ping_timer = timer;
  while (!stopping && !watches.empty()) {
    timer->expires_after(config.watch_ping_interval);
    boost::system::error_code ec;
    co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (stopping) break;
    // Each watch is pinged on its own, so a slow OSD delays only the pings of its watches.
    for (auto& [cookie, w] : watches)
      if (w->registered && !w->reconnecting && !w->pinging) asio::co_spawn(ex, ping_watch(w), asio::detached);
  }
  if (ping_timer == timer) ping_timer.reset();
}

asio::awaitable<void> objecter::impl::ping_watch(std::shared_ptr<watch_state> w) {
  auto self = shared_from_this();
  w->pinging = true;
  auto req = watch_op_request(*w, watch_op::ping);
  auto out = co_await execute(std::move(req));
  w->pinging = false;
  if (stopping || watches.find(w->cookie) == watches.end() || w->reconnecting) co_return;
  if (!out || out->result < 0) {
    const std::string why = out ? fmt::format("ping answered {}", out->result) : out.err().what();
    asio::co_spawn(ex, reconnect_watch(w, why), asio::detached);
  }
}

void objecter::impl::handle_watch_notify(osd_session& s, const msgr::message& m) {
  auto n = decode_mwatch_notify(m);
  if (!n) {
    log(mon::log_level::warning, fmt::format("osd.{} sent a malformed MWatchNotify: {}", s.osd, n.err().what()));
    return;
  }
  if (n->op == watch_notify_op::notify_complete) {
    if (auto it = notifies.find(n->cookie); it != notifies.end()) {
      auto& state = *it->second;
      // A notify sent again has a new id; the completion of an earlier send is stale.
      if (state.notify_id != 0 && n->notify_id != state.notify_id) {
        log(mon::log_level::debug, fmt::format("osd.{}: completion of notify {} ignored (waiting for {})", s.osd,
                                               n->notify_id, state.notify_id));
        return;
      }
      state.completion = std::move(*n);
      state.done.cancel();
    }
    return;
  }
  const auto it = watches.find(n->cookie);
  if (it == watches.end()) {
    log(mon::log_level::debug, fmt::format("osd.{}: event for unknown watch {}", s.osd, n->cookie));
    return;
  }
  auto w = it->second;
  if (n->op == watch_notify_op::disconnect) {
    asio::co_spawn(ex, reconnect_watch(w, fmt::format("osd.{} disconnected it", s.osd)), asio::detached);
  }
  if (w->request.on_event) w->request.on_event(*n);
}

asio::awaitable<result<notify_outcome>> objecter::impl::notify(op_request target, buffer_list payload,
                                                               std::uint32_t timeout_seconds) {
  auto self = shared_from_this();
  const std::uint64_t cookie = ++next_cookie;
  auto state = std::make_shared<notify_state>(ex);
  notifies[cookie] = state;  // NOTIFY_COMPLETE may arrive before the op's own reply
  const std::string what = fmt::format("notify on {}/{}", map ? map->pool_name(target.pool) : "?", target.name);

  auto& o = target.ops.emplace_back();
  o.code = op_code::notify;
  o.set_notify(cookie);
  o.indata = notify_input(payload, timeout_seconds);
  target.is_write = false;
  // Where the notify went, to notice its PG changing interval while the OSD collects acks.
  op_target where;
  where.pool = target.pool;
  where.name = target.name;
  where.key = target.key;
  where.nspace = target.nspace;
  notify_outcome outcome;
  // The whole notify is bounded like one op plus the OSD's wait for the acks and transit,
  // however often it is sent again.
  const auto op_timeout = target.timeout.value_or(config.op_timeout);
  const auto completion_allowance = std::chrono::seconds(timeout_seconds ? timeout_seconds : 30) + 10s;
  const auto overall = op_timeout.count() > 0 ? clock::now() + op_timeout + completion_allowance : clock::time_point::max();
  constexpr int max_sends = 20;
  for (int sends = 1;; ++sends) {
    op_request request = target;
    if (sends > 1 && overall != clock::time_point::max()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(overall - clock::now());
      request.timeout = std::max(left, std::chrono::milliseconds(1));
    }
    state->notify_id = 0;
    state->session = 0;
    auto out = co_await execute(std::move(request));
    if (!out || out->result < 0) {
      notifies.erase(cookie);
      if (!out) co_return out.err();
      co_return osd_refusal(out->result, what);
    }
    if (!out->ops.empty() && out->ops.front().outdata.size() >= 8) {
      const buffer id = out->ops.front().outdata.contiguous();
      wire::decoder d(id);
      decode(d, outcome.notify_id);
      if (!state->completion) state->notify_id = outcome.notify_id;
    }
    // Only the session that carried this reply matters (it may have ended since).
    state->session = out->session;
    const auto live = sessions.find(out->osd);
    state->session_lost = live == sessions.end() || live->second->gen != out->session || live->second->closed;
    where.placed = false;
    if (current) (void)calc_target(*current, *ws, where);
    // The OSD completes the notify after `timeout_seconds` at the latest; allow for transit.
    // Two things lose the completion, and then the notify is sent again, as librados
    // resends its linger ops (the watchers may hear it twice): the PG changing interval
    // (the OSD drops its in-progress notifies with the old interval) and the session that
    // carried the reply ending (lossy: what the OSD sends on it later is gone).
    const auto deadline = std::min(overall, clock::now() + completion_allowance);
    bool again = false;
    while (!state->completion && !stopping && clock::now() < deadline) {
      if (state->session_lost) {
        again = true;
        log(mon::log_level::info, fmt::format("{}: the session to osd.{} ended before the notify completed; "
                                              "sending it again", what, out->osd));
        break;
      }
      state->done.expires_at(std::min(deadline, clock::now() + 500ms));
      boost::system::error_code ec;
      co_await state->done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      if (state->completion || state->session_lost) continue;
      if (ec == asio::error::operation_aborted) break;  // cancelled
      if (!current) break;
      const auto action = calc_target(*current, *ws, where);
      if (action == target_action::pool_gone) break;
      if (action == target_action::send) {
        again = true;
        log(mon::log_level::info, fmt::format("{}: pg {} changed interval; sending the notify again", what,
                                              where.pgid.to_string()));
        break;
      }
    }
    if (!again || state->completion || sends >= max_sends || clock::now() >= overall) break;
  }
  notifies.erase(cookie);
  if (!state->completion) {
    co_return error{make_error_code(msgr::msgr_errc::timed_out),
                    fmt::format("{}: the OSD never reported the notify complete", what)};
  }
  outcome.return_code = state->completion->return_code;
  outcome.acks = std::move(state->completion->data);
  co_return outcome;
}

}  // namespace radosio::osdc
