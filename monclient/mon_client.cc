#include "monclient/mon_client.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "auth/auth_error.h"
#include "auth/cephx_crypto.h"
#include "auth/cephx_client.h"
#include "auth/cephx_renewal.h"
#include "messenger/connection.h"
#include "messenger/msgr_error.h"

namespace radosio::mon {
namespace {

using clock = std::chrono::steady_clock;
constexpr std::uint16_t default_priority = 127;  // CEPH_MSG_PRIO_DEFAULT
constexpr std::uint32_t cephx_protocol = 2;

template <class M>
msgr::message make_message(buffer front, buffer_list data = {}) {
  msgr::message m;
  m.header.type = M::type;
  m.header.version = M::version;
  m.header.compat_version = M::compat;
  m.header.priority = default_priority;
  m.front.append(std::move(front));
  m.data = std::move(data);
  return m;
}

// Errors no other monitor will answer differently: stop hunting and say so.
bool is_permanent_auth_failure(std::error_code ec) {
  if (ec.category() == std::generic_category())
    return ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted;
  if (ec.category() == auth::auth_category()) {
    return ec == auth::auth_errc::decrypt_failed || ec == auth::auth_errc::bad_magic ||
           ec == auth::auth_errc::bad_key || ec == auth::auth_errc::auth_rejected;
  }
  return ec == msgr::msgr_errc::auth_bad_method;
}

}  // namespace

struct mon_client::impl : std::enable_shared_from_this<impl> {
  struct pending {
    explicit pending(asio::any_io_executor ex) : timer(ex) {}
    msgr::message request;
    asio::steady_timer timer;
    std::optional<msgr::message> reply;
  };

  impl(asio::any_io_executor executor, mon_client_config cfg)
      : ex(std::move(executor)), config(std::move(cfg)), tick_timer(ex), rng(std::random_device{}()) {}

  asio::any_io_executor ex;
  mon_client_config config;
  asio::steady_timer tick_timer;
  std::mt19937_64 rng;

  std::shared_ptr<msgr::connection> conn;
  bool running = false;
  bool stopping = false;
  bool reauth_wanted = false;
  std::uint64_t global_seq = 0;
  std::uint64_t next_tid = 0;
  std::map<std::uint64_t, std::shared_ptr<pending>> ops;
  // Woken whenever a map arrives (each checks whether what it waits for is there).
  std::vector<std::shared_ptr<asio::steady_timer>> map_waiters;
  std::function<void()> osdmap_callback;

  mon_map monmap;
  bool have_monmap = false;
  osdmap_feed osdmaps;
  auth::ticket_store tickets;
  std::optional<auth::service_ticket> auth_ticket;
  std::uint64_t global_id = 0;
  bool renewal_in_flight = false;
  clock::time_point last_keepalive{};
  std::uint64_t renewals = 0;
  std::uint64_t reauthentications = 0;
  std::uint64_t reconnects = 0;

  void log(log_level level, std::string_view text) const {
    if (config.log) config.log(level, text);
  }

  std::vector<entity_addr> candidates() {
    std::vector<entity_addr> out;
    if (have_monmap) {
      for (std::size_t rank = 0; rank < monmap.ranks.size(); ++rank)
        if (auto a = monmap.v2_addr_of_rank(rank)) out.push_back(*a);
    }
    if (out.empty()) {
      for (const auto& v : config.mon_addrs)
        if (auto a = v.find(addr_type::msgr2)) out.push_back(*a);
    }
    std::shuffle(out.begin(), out.end(), rng);
    return out;
  }

  // One pass over the monitors; the first that lets us in wins.
  asio::awaitable<result<std::shared_ptr<msgr::connection>>> hunt_once(clock::time_point deadline) {
    const auto targets = candidates();
    if (targets.empty()) {
      co_return error{make_error_code(errc::malformed),
                      "no monitor has a msgr2 (v2:) address; radosio speaks msgr2 only"};
    }
    error last{make_error_code(msgr::msgr_errc::timed_out), "no monitor answered in time"};
    for (const auto& target : targets) {
      const auto now = clock::now();
      if (now >= deadline) break;
      const auto budget = std::min<clock::duration>(config.attempt_timeout, deadline - now);
      msgr::handshake_params params;
      params.target = target;
      params.peer_type = entity_type::mon;
      params.modes = config.modes;
      params.global_seq = ++global_seq;

      std::unique_ptr<msgr::auth_handler> auth;
      msgr::cephx_mon_auth* cephx = nullptr;
      if (config.key) {
        auto handler = std::make_unique<msgr::cephx_mon_auth>(msgr::cephx_mon_auth::options{
            config.name, *config.key, config.wanted_services, global_id, auth_ticket, 0});
        cephx = handler.get();
        auth = std::move(handler);
      } else {
        auth = std::make_unique<msgr::none_auth>(config.name, global_id, true);
      }
      log(log_level::debug, fmt::format("trying monitor {}", target.to_string()));
      auto conn_or = co_await msgr::connection::connect(
          ex, params, *auth, std::chrono::duration_cast<std::chrono::milliseconds>(budget));
      if (!conn_or) {
        last = conn_or.err();
        log(log_level::info, fmt::format("monitor {} failed: {}", target.to_string(), last.what()));
        if (is_permanent_auth_failure(last.code)) {
          co_return error{last.code, fmt::format("authentication failed as {}: {}",
                                                 config.name.to_string(), last.what())};
        }
        continue;
      }
      global_id = (*conn_or)->session().global_id;
      if (cephx) {
        auth_ticket = cephx->auth_ticket();
        tickets.put(cephx->auth_ticket());
        tickets.put(cephx->service_tickets());
      }
      log(log_level::info, fmt::format("session with monitor {} (global id {})",
                                       target.to_string(), global_id));
      co_return std::move(*conn_or);
    }
    co_return last;
  }

  void on_session_open() {
    last_keepalive = clock::now();
    mon_subscribe sub;
    sub.what["monmap"] = {have_monmap ? monmap.epoch + 1ull : 0ull, false};
    const std::uint32_t held = osdmaps.held();
    sub.what["osdmap"] = {held ? held + 1ull : 0ull, false};
    sub.hostname = "radosio";
    conn->send(make_message<mon_subscribe>(encode_front(sub)));
    // Requests in flight on the old session go out again on this one.
    for (auto& [tid, op] : ops) conn->send(op->request);
  }

  asio::awaitable<void> run() {
    auto self = shared_from_this();
    while (!stopping) {
      if (!conn || !conn->is_open()) {
        auto next = co_await hunt_once(clock::now() + config.connect_timeout);
        if (stopping) break;
        if (!next) {
          log(log_level::warning, fmt::format("no monitor session: {}", next.err().what()));
          asio::steady_timer backoff(ex, std::chrono::milliseconds(500));
          boost::system::error_code ignored;
          co_await backoff.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
          continue;
        }
        conn = std::move(*next);
        ++reconnects;
        reauth_wanted = false;
        on_session_open();
      }
      auto m = co_await conn->receive();
      if (!m) {
        if (!stopping) log(log_level::info, fmt::format("monitor session ended: {}", m.err().what()));
        conn.reset();
        renewal_in_flight = false;
        continue;
      }
      dispatch(std::move(*m));
    }
  }

  asio::awaitable<void> tick() {
    auto self = shared_from_this();
    while (!stopping) {
      tick_timer.expires_after(std::chrono::milliseconds(500));
      boost::system::error_code ec;
      co_await tick_timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      if (stopping) break;
      if (!conn || !conn->is_open()) continue;
      const auto now = clock::now();
      if (now - conn->last_received() > config.keepalive_timeout) {
        log(log_level::warning, fmt::format("monitor {} silent for {} ms; hunting",
                                            conn->peer().to_string(),
                                            config.keepalive_timeout.count()));
        conn->close();
        continue;
      }
      if (now - last_keepalive >= config.keepalive_interval) {
        conn->send_keepalive();
        last_keepalive = now;
      }
      check_tickets(now);
    }
  }

  void check_tickets(clock::time_point now) {
    if (!auth_ticket) return;
    if (auth_ticket->needs_renewal(now) && !reauth_wanted) {
      // The AUTH ticket is renewed by authenticating again (reclaiming our global id with
      // the old ticket); the new session replaces this one.
      log(log_level::info, "AUTH ticket due for renewal: re-authenticating");
      reauth_wanted = true;
      ++reauthentications;
      conn->close();
      return;
    }
    const std::uint32_t wanted = config.wanted_services ? config.wanted_services
                                                         : auth::default_wanted_services;
    const auto due = tickets.needing_renewal(wanted & ~static_cast<std::uint32_t>(entity_type::auth), now);
    if (!due || renewal_in_flight) return;
    auto payload = auth::ticket_renewal_request(*auth_ticket, global_id, due, auth::random_u64());
    if (!payload) {
      log(log_level::error, fmt::format("cannot build ticket renewal: {}", payload.err().what()));
      return;
    }
    wire::encoder e;
    encode(e, paxos_header{});
    encode(e, cephx_protocol);
    encode(e, static_cast<std::uint32_t>(payload->size()));
    e.write_bytes(bytes_view(*payload));
    encode(e, have_monmap ? monmap.epoch : 0u);
    msgr::message m;
    m.header.type = msg_type::auth;
    m.header.version = 1;
    m.header.priority = default_priority;
    m.front.append(std::move(e).finish());
    renewal_in_flight = true;
    log(log_level::debug, fmt::format("renewing service tickets (mask {:#x})", due));
    conn->send(std::move(m));
  }

  void on_auth_reply(const msgr::message& m) {
    renewal_in_flight = false;
    const auto front = m.front.contiguous();
    wire::decoder d(front);
    auth_reply reply;
    decode(d, reply);
    if (!d.ok()) {
      log(log_level::error, fmt::format("malformed MAuthReply: {}", d.message()));
      return;
    }
    if (reply.result != 0) {
      log(log_level::error, fmt::format("ticket renewal refused: {} ({})", reply.message,
                                        std::error_code(-reply.result, std::generic_category()).message()));
      return;
    }
    auto renewed = auth::ticket_renewal_reply(*auth_ticket, reply.payload.view(), clock::now());
    if (!renewed) {
      log(log_level::error, fmt::format("bad ticket renewal reply: {}", renewed.err().what()));
      return;
    }
    tickets.put(std::move(*renewed));
    ++renewals;
    log(log_level::info, "service tickets renewed");
  }

  void complete(std::uint64_t tid, msgr::message m) {
    const auto it = ops.find(tid);
    if (it == ops.end()) return;  // timed out already, or a duplicate after a resend
    it->second->reply = std::move(m);
    it->second->timer.cancel();
  }

  void dispatch(msgr::message m) {
    switch (m.header.type) {
      case msg_type::mon_map: {
        const auto front = m.front.contiguous();
        wire::decoder d(front);
        mon_map_message wrapped;
        decode(d, wrapped);
        mon_map map;
        std::string why;
        if (!d.ok() || wire::decode_exact(wrapped.encoded.view(), map, &why)) {
          log(log_level::error, fmt::format("malformed MonMap: {}{}", d.message(), why));
          return;
        }
        monmap = std::move(map);
        have_monmap = true;
        for (auto& w : map_waiters) w->cancel();
        log(log_level::debug, fmt::format("monmap epoch {} with {} monitors", monmap.epoch, monmap.ranks.size()));
        return;
      }
      case msg_type::osd_map: {
        osd_map_message msg;
        std::string why;
        if (wire::decode_exact(m.front.contiguous().view(), msg, &why)) {
          log(log_level::error, fmt::format("malformed MOSDMap: {}", why));
          return;
        }
        for (auto& [epoch, bytes] : msg.full_maps) osdmaps.full[epoch] = std::move(bytes);
        for (auto& [epoch, bytes] : msg.incremental_maps) osdmaps.incremental[epoch] = std::move(bytes);
        osdmaps.newest = std::max(osdmaps.newest, msg.newest_map);
        for (auto& w : map_waiters) w->cancel();
        if (osdmap_callback) osdmap_callback();
        return;
      }
      case msg_type::auth_reply:
        on_auth_reply(m);
        return;
      case msg_type::mon_command_ack:
      case msg_type::statfs_reply:
      case msg_type::pool_op_reply:
        complete(m.header.tid, std::move(m));
        return;
      case msg_type::mon_get_version_reply: {
        mon_get_version_reply reply;
        if (wire::decode_exact(m.front.contiguous().view(), reply)) return;
        complete(reply.handle, std::move(m));
        return;
      }
      default:
        log(log_level::debug, fmt::format("ignoring message type {} from monitor", m.header.type));
    }
  }

  asio::awaitable<result<msgr::message>> request(msgr::message m, std::string_view what) {
    auto self = shared_from_this();
    if (stopping) co_return error{make_error_code(msgr::msgr_errc::connection_closed), "client is shut down"};
    const auto tid = ++next_tid;
    m.header.tid = tid;
    auto op = std::make_shared<pending>(ex);
    op->request = m;
    ops[tid] = op;
    if (conn && conn->is_open()) conn->send(std::move(m));
    op->timer.expires_after(config.op_timeout);
    boost::system::error_code ec;
    co_await op->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    ops.erase(tid);
    if (op->reply) co_return std::move(*op->reply);
    if (stopping) co_return error{make_error_code(msgr::msgr_errc::connection_closed), fmt::format("{}: client shut down", what)};
    co_return error{make_error_code(msgr::msgr_errc::timed_out),
                    fmt::format("{}: no reply from any monitor within {} ms", what, config.op_timeout.count())};
  }

  // Waits until `ready()` holds or `deadline` passes; maps arriving wake the check.
  template <class Ready>
  asio::awaitable<bool> wait_until(Ready ready, clock::time_point deadline) {
    auto self = shared_from_this();
    while (!ready()) {
      if (stopping || clock::now() >= deadline) co_return false;
      auto waiter = std::make_shared<asio::steady_timer>(ex, deadline);
      map_waiters.push_back(waiter);
      boost::system::error_code ec;
      co_await waiter->async_wait(asio::redirect_error(asio::use_awaitable, ec));
      std::erase(map_waiters, waiter);
    }
    co_return true;
  }

  void shutdown() {
    if (stopping) return;
    stopping = true;
    tick_timer.cancel();
    for (auto& [tid, op] : ops) op->timer.cancel();
    for (auto& w : map_waiters) w->cancel();
    if (conn) conn->close();
  }
};

mon_client::mon_client(asio::any_io_executor ex, mon_client_config config)
    : impl_(std::make_shared<impl>(std::move(ex), std::move(config))) {}

mon_client::~mon_client() { impl_->shutdown(); }

asio::awaitable<status> mon_client::start() {
  auto s = impl_;
  const auto deadline = clock::now() + s->config.connect_timeout;
  error last{make_error_code(msgr::msgr_errc::timed_out), "no monitor answered"};
  while (clock::now() < deadline && !s->stopping) {
    auto conn = co_await s->hunt_once(deadline);
    if (conn) {
      s->conn = std::move(*conn);
      s->on_session_open();
      s->running = true;
      asio::co_spawn(s->ex, s->run(), asio::detached);
      asio::co_spawn(s->ex, s->tick(), asio::detached);
      // Requests carry the cluster's fsid, which the MonMap tells us: the session is ready
      // once it has arrived.
      // Named, not a temporary in the co_await: GCC 12 destroys such temporaries twice.
      auto monmap_arrived = [s] { return s->have_monmap; };
      const bool have_map = co_await s->wait_until(monmap_arrived, deadline);
      if (!have_map) {
        co_return error{make_error_code(msgr::msgr_errc::timed_out),
                        fmt::format("monitor {} sent no MonMap within {} ms", s->conn ? s->conn->peer().to_string() : "?",
                                    s->config.connect_timeout.count())};
      }
      co_return ok_status();
    }
    last = conn.err();
    if (is_permanent_auth_failure(last.code) || last.code == errc::malformed) break;
    asio::steady_timer backoff(s->ex, std::chrono::milliseconds(200));
    boost::system::error_code ignored;
    co_await backoff.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
  if (last.code == msgr::msgr_errc::timed_out || last.code == std::errc::connection_refused) {
    co_return error{last.code, fmt::format("unable to reach any monitor within {} ms (last error: {})",
                                           s->config.connect_timeout.count(), last.what())};
  }
  co_return last;
}

void mon_client::shutdown() { impl_->shutdown(); }

asio::awaitable<result<command_reply>> mon_client::command(std::vector<std::string> cmd,
                                                           buffer_list input) {
  mon_command c;
  c.fsid = impl_->monmap.fsid;
  c.cmd = cmd;
  // Arguments of a co_await are named first: GCC 12 destroys some temporaries there twice.
  auto m = make_message<mon_command>(encode_front(c), std::move(input));
  auto what = fmt::format("mon command {}", cmd.empty() ? "" : cmd.front());
  auto reply = co_await impl_->request(std::move(m), what);
  if (!reply) co_return reply.err();
  mon_command_ack ack;
  std::string why;
  if (auto ec = wire::decode_exact(reply->front.contiguous().view(), ack, &why))
    co_return error{ec, fmt::format("malformed MMonCommandAck: {}", why)};
  co_return command_reply{ack.result, std::move(ack.status), std::move(reply->data)};
}

asio::awaitable<result<statfs_reply>> mon_client::statfs(std::optional<std::int64_t> pool) {
  statfs_request req{impl_->monmap.fsid, pool};
  auto m = make_message<statfs_request>(encode_front(req));
  auto reply = co_await impl_->request(std::move(m), "statfs");
  if (!reply) co_return reply.err();
  statfs_reply out;
  std::string why;
  if (auto ec = wire::decode_exact(reply->front.contiguous().view(), out, &why))
    co_return error{ec, fmt::format("malformed MStatfsReply: {}", why)};
  co_return out;
}

asio::awaitable<result<pool_op_reply>> mon_client::pool_operation(pool_op op) {
  op.fsid = impl_->monmap.fsid;
  if (!impl_->osdmaps.full.empty() || !impl_->osdmaps.incremental.empty())
    op.osdmap_epoch = impl_->osdmaps.newest;
  auto m = make_message<pool_op>(encode_front(op));
  auto reply = co_await impl_->request(std::move(m), "pool operation");
  if (!reply) co_return reply.err();
  pool_op_reply out;
  std::string why;
  if (auto ec = wire::decode_exact(reply->front.contiguous().view(), out, &why))
    co_return error{ec, fmt::format("malformed MPoolOpReply: {}", why)};
  co_return out;
}

asio::awaitable<result<std::uint64_t>> mon_client::get_version(std::string what) {
  mon_get_version req{impl_->next_tid + 1, what};  // the handle is the tid request() assigns
  auto m = make_message<mon_get_version>(encode_front(req));
  auto label = fmt::format("version of {}", what);
  auto reply = co_await impl_->request(std::move(m), label);
  if (!reply) co_return reply.err();
  mon_get_version_reply out;
  if (auto ec = wire::decode_exact(reply->front.contiguous().view(), out))
    co_return error{ec, "malformed MMonGetVersionReply"};
  co_return out.version;
}

asio::awaitable<status> mon_client::wait_for_osdmap(std::uint32_t epoch) {
  auto s = impl_;
  auto have = [s, epoch] {
    const std::uint32_t held = s->osdmaps.held();
    return held > 0 && held >= epoch;
  };
  const bool ready = co_await s->wait_until(have, clock::now() + s->config.op_timeout);
  if (!ready) {
    co_return error{make_error_code(msgr::msgr_errc::timed_out),
                    fmt::format("no OSDMap of epoch {} within {} ms", epoch, s->config.op_timeout.count())};
  }
  co_return ok_status();
}

const mon_map& mon_client::monmap() const { return impl_->monmap; }
const osdmap_feed& mon_client::osdmaps() const { return impl_->osdmaps; }
const auth::ticket_store& mon_client::tickets() const { return impl_->tickets; }
std::uint64_t mon_client::global_id() const { return impl_->global_id; }
uuid mon_client::fsid() const { return impl_->monmap.fsid; }
std::string mon_client::session_peer() const {
  return impl_->conn && impl_->conn->is_open() ? impl_->conn->peer().to_string() : "";
}
std::uint64_t mon_client::renewals() const { return impl_->renewals; }
std::uint64_t mon_client::reauthentications() const { return impl_->reauthentications; }
std::uint64_t mon_client::reconnects() const { return impl_->reconnects; }
void mon_client::trim_osdmaps(std::uint32_t epoch) {
  auto& feed = impl_->osdmaps;
  const std::uint32_t held = feed.held();
  std::erase_if(feed.full, [epoch](const auto& e) { return e.first <= epoch; });
  std::erase_if(feed.incremental, [epoch](const auto& e) { return e.first <= epoch; });
  feed.trimmed_through = std::max(feed.trimmed_through, std::min(epoch, held));
}

void mon_client::on_osdmap(std::function<void()> callback) { impl_->osdmap_callback = std::move(callback); }

}  // namespace radosio::mon
