// The objecter's op table, map following and flow control (sessions: objecter_sessions.cc).

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include "messenger/msgr_error.h"
#include "osdc/objecter_impl.h"
#include "osdc/osdmap_feed.h"

namespace radosio::osdc {

objecter::impl::impl(asio::any_io_executor executor, mon::mon_client& mon_client, objecter_config cfg)
    : ex(std::move(executor)),
      mon(mon_client),
      config(std::move(cfg)),
      rng(std::random_device{}()),
      addr_nonce(static_cast<std::uint32_t>(rng()) | 1u) {}

// ---------------------------------------------------------------- maps

status objecter::impl::install_map(osdmap_ref next) {
  auto built = placement::build(next);
  // placement::build already names the epoch in its message.
  if (!built) return built.err();
  map = std::move(next);
  current = std::move(*built);
  ws.emplace(current->make_workspace());
  ++counters.maps_applied;
  // We hold this epoch decoded; the mon client need not keep its bytes.
  mon.trim_osdmaps(map->epoch());
  for (auto& w : map_waiters) w->cancel();
  return ok_status();
}

void objecter::impl::on_new_maps() {
  if (stopping || !map) return;
  auto next = advance_osdmap(map, mon.osdmaps());
  if (!next) {
    log(mon::log_level::error, fmt::format("cannot follow the OSDMap: {}", next.err().what()));
    return;
  }
  if ((*next)->epoch() <= map->epoch()) return;
  if (auto st = install_map(std::move(*next)); !st) {
    log(mon::log_level::error, st.err().what());
    return;
  }
  log(mon::log_level::debug, fmt::format("OSDMap epoch {}", map->epoch()));

  // Sessions to OSDs that went down or moved end here; their ops are placed again below.
  std::vector<std::shared_ptr<osd_session>> stale;
  for (auto& [osd, s] : sessions) {
    const auto addr = map->osd_v2_addr(osd);
    if (!addr || *addr != s->addr) stale.push_back(s);
  }
  for (auto& s : stale) close_session(*s, "the OSD is down or moved in the new map");

  // Every op is placed again; the table may change under us (finish erases nothing, but
  // keep a snapshot of the pointers anyway).
  std::vector<std::shared_ptr<pending_op>> all;
  all.reserve(ops.size());
  for (auto& [tid, op] : ops) all.push_back(op);
  for (auto& op : all)
    if (!op->outcome) place_op(*op);
  recheck_watches();
}

asio::awaitable<status> objecter::impl::refresh_map() {
  auto self = shared_from_this();
  auto newest = co_await mon.get_version("osdmap");
  if (!newest) co_return newest.err();
  if (map && *newest <= map->epoch()) co_return ok_status();
  const auto wanted = static_cast<std::uint32_t>(*newest);
  auto arrived = co_await mon.wait_for_osdmap(wanted);
  if (!arrived) co_return arrived;
  on_new_maps();
  co_return ok_status();
}

void objecter::impl::want_map(std::uint32_t epoch) {
  if (stopping || refreshing || !map || epoch <= map->epoch()) return;
  refreshing = true;
  auto self = shared_from_this();
  asio::co_spawn(ex, [self]() -> asio::awaitable<void> {
    auto refreshed = co_await self->refresh_map();
    if (!refreshed) self->log(mon::log_level::warning, fmt::format("could not fetch a newer OSDMap: {}", refreshed.err().what()));
    self->refreshing = false;
  }, asio::detached);
}

// ---------------------------------------------------------------- ops

std::string objecter::impl::describe_op(const pending_op& op) const {
  std::string what;
  for (const auto& o : op.request.ops) {
    if (!what.empty()) what += ",";
    what += describe(o);
  }
  std::string pool = map ? map->pool_name(op.request.pool) : std::string();
  if (pool.empty()) pool = op.pool_name;
  std::string object = op.request.pg_op ? fmt::format("pg {}.{:x}", op.request.pool, op.request.pg_seed)
                                        : (pool.empty() ? std::to_string(op.request.pool) : pool) + "/" +
                                              (op.request.nspace.empty() ? "" : op.request.nspace + "/") +
                                              op.request.name;
  return fmt::format("{} on {}", what, object);
}

hobject objecter::impl::object_of(const pending_op& op) const {
  hobject h;
  h.pool = op.target.pool;
  h.hash = op.target.hash;
  h.nspace = op.target.nspace;
  h.key = op.target.key;
  h.name = op.target.name;
  h.snap = op.request.snap;
  return h;
}

void objecter::impl::finish(pending_op& op, result<op_outcome> outcome) {
  if (op.outcome) return;
  op.outcome = std::move(outcome);
  op.on_wire = false;
  op.wake.cancel();
}

void objecter::impl::place_op(pending_op& op) {
  const auto action = calc_target(*current, *ws, op.target);
  switch (action) {
    case target_action::pool_gone:
      finish(op, error{std::make_error_code(std::errc::no_such_file_or_directory),
                       op.pool_name.empty()
                           ? fmt::format("{}: pool {} does not exist (osdmap epoch {})", describe_op(op),
                                         op.request.pool, map->epoch())
                           : fmt::format("{}: pool '{}' ({}) no longer exists (osdmap epoch {})", describe_op(op),
                                         op.pool_name, op.request.pool, map->epoch())});
      return;
    case target_action::paused: {
      auto full = op.target.is_write ? full_state(*map, op.request.pool) : std::nullopt;
      if (full && !config.wait_if_full) {
        finish(op, error{full->code, fmt::format("{}: {}", describe_op(op), full->why)});
        return;
      }
      op.last_problem = full ? full->why : "the cluster is paused (pauserd/pausewr)";
      op.on_wire = false;  // held: the OSD would not act on it anyway
      return;
    }
    case target_action::no_primary:
      op.last_problem = fmt::format("pg {} has no acting primary in epoch {}", op.target.pgid.to_string(),
                                    map->epoch());
      op.on_wire = false;
      return;
    case target_action::send:
      send(op);
      return;
    case target_action::keep:
      if (!op.on_wire && !op.blocked) send(op);
      return;
  }
}

asio::awaitable<bool> objecter::impl::acquire_flow(std::uint64_t bytes, clock::time_point deadline) {
  auto self = shared_from_this();
  // A single op larger than the byte budget still goes, alone.
  auto room = [&] {
    return ops_in_flight < config.max_ops_in_flight &&
           (bytes_in_flight == 0 || bytes_in_flight + bytes <= config.max_bytes_in_flight);
  };
  while (!room()) {
    if (stopping || clock::now() >= deadline) co_return false;
    auto waiter = std::make_shared<asio::steady_timer>(ex, deadline);
    flow_waiters.push_back(waiter);
    boost::system::error_code ec;
    co_await waiter->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    std::erase(flow_waiters, waiter);
    const auto cancel_state = co_await asio::this_coro::cancellation_state;
    if (cancel_state.cancelled() != asio::cancellation_type::none) co_return false;
  }
  ++ops_in_flight;
  bytes_in_flight += bytes;
  co_return true;
}

void objecter::impl::release_flow(std::uint64_t bytes) {
  --ops_in_flight;
  bytes_in_flight -= bytes;
  if (!flow_waiters.empty()) flow_waiters.front()->cancel();
}

asio::awaitable<result<op_outcome>> objecter::impl::execute(op_request request) {
  auto self = shared_from_this();
  if (stopping) co_return error{make_error_code(msgr::msgr_errc::connection_closed), "the client is shut down"};
  if (!map) co_return error{make_error_code(errc::protocol_error), "the objecter has not started"};

  const auto timeout = request.timeout.value_or(config.op_timeout);
  const auto deadline = timeout.count() > 0 ? clock::now() + timeout : clock::time_point::max();

  auto op = std::make_shared<pending_op>(ex);
  op->request = std::move(request);
  for (const auto& o : op->request.ops) op->bytes += o.indata.size();
  auto& t = op->target;
  t.pool = op->request.pool;
  t.name = op->request.name;
  t.key = op->request.key;
  t.nspace = op->request.nspace;
  t.pg_op = op->request.pg_op;
  t.pg_seed = op->request.pg_seed;
  t.full_try = op->request.full_try;
  for (const auto& o : op->request.ops) t.is_write = t.is_write || is_write(o.code);
  t.is_write = t.is_write || (op->request.extra_flags & osd_flag::write) != 0;
  if (op->request.is_write) t.is_write = *op->request.is_write;

  // A pool we do not know may be younger than our map: ask the mon before saying ENOENT.
  if (map->pool(t.pool) == nullptr) {
    auto refreshed = co_await refresh_map();
    if (!refreshed) log(mon::log_level::warning, fmt::format("could not refresh the OSDMap: {}", refreshed.err().what()));
  }

  if (!co_await acquire_flow(op->bytes, deadline)) {
    const auto cancel_state = co_await asio::this_coro::cancellation_state;
    if (cancel_state.cancelled() != asio::cancellation_type::none)
      co_return error{make_error_code(std::errc::operation_canceled), fmt::format("{}: cancelled", describe_op(*op))};
    co_return error{make_error_code(msgr::msgr_errc::timed_out),
                    fmt::format("{}: timed out after {} ms waiting for room among the ops in flight ({} ops, {} bytes)",
                                describe_op(*op), timeout.count(), ops_in_flight, bytes_in_flight)};
  }
  op->pool_name = map->pool_name(t.pool);
  op->tid = ++next_tid;
  op->deadline = deadline;
  ops[op->tid] = op;
  place_op(*op);
  if (!op->outcome) {
    op->wake.expires_at(deadline);
    boost::system::error_code ec;
    co_await op->wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  ops.erase(op->tid);
  release_flow(op->bytes);
  if (op->outcome) co_return std::move(*op->outcome);
  // Cancelled by the caller (an Asio cancellation slot): the op leaves the table; if it was
  // already sent, the OSD may still carry it out, and its reply is ignored.
  const auto cancel_state = co_await asio::this_coro::cancellation_state;
  if (cancel_state.cancelled() != asio::cancellation_type::none) {
    co_return error{make_error_code(std::errc::operation_canceled),
                    fmt::format("{}: cancelled{}", describe_op(*op), op->on_wire ? " (it may still be carried out)" : "")};
  }
  if (stopping) co_return error{make_error_code(msgr::msgr_errc::connection_closed),
                                fmt::format("{}: the client was shut down", describe_op(*op))};
  std::string where = op->target.osd >= 0 ? fmt::format(" (osd.{}, pg {}, epoch {})", op->target.osd,
                                                        op->target.pgid.to_string(), map->epoch())
                                          : "";
  std::string why = !op->last_problem.empty() ? ": " + op->last_problem
                    : op->on_wire          ? fmt::format(": sent to osd.{}", op->sent_to)
                                           : "";
  co_return error{make_error_code(msgr::msgr_errc::timed_out),
                  fmt::format("{}: no reply within {} ms{}{}", describe_op(*op), timeout.count(), where, why)};
}

void objecter::impl::shutdown() {
  if (stopping) return;
  stopping = true;
  for (auto& [tid, op] : ops) op->wake.cancel();
  for (auto& w : flow_waiters) w->cancel();
  for (auto& w : map_waiters) w->cancel();
  for (auto& [cookie, n] : notifies) n->done.cancel();
  if (ping_timer) ping_timer->cancel();
  std::vector<std::shared_ptr<osd_session>> all;
  for (auto& [osd, s] : sessions) all.push_back(s);
  for (auto& s : all) close_session(*s, "shutting down");
}

// ---------------------------------------------------------------- public face

objecter::objecter(asio::any_io_executor ex, mon::mon_client& mon, objecter_config config)
    : impl_(std::make_shared<impl>(std::move(ex), mon, std::move(config))) {}

objecter::~objecter() { impl_->shutdown(); }

asio::awaitable<status> objecter::start() {
  auto s = impl_;
  auto arrived = co_await s->mon.wait_for_osdmap(0);
  if (!arrived) co_return arrived;
  auto newest = newest_osdmap(s->mon.osdmaps());
  if (!newest) co_return newest.err();
  if (auto st = s->install_map(std::move(*newest)); !st) co_return st;
  std::weak_ptr<impl> weak = s;
  s->mon.on_osdmap([weak] {
    if (auto self = weak.lock()) self->on_new_maps();
  });
  co_return ok_status();
}

void objecter::shutdown() { impl_->shutdown(); }

asio::awaitable<result<op_outcome>> objecter::execute(op_request request) {
  auto s = impl_;
  co_return co_await s->execute(std::move(request));
}

asio::awaitable<result<std::uint64_t>> objecter::watch(watch_request request) {
  auto s = impl_;
  co_return co_await s->watch(std::move(request));
}
asio::awaitable<status> objecter::unwatch(std::uint64_t cookie) {
  auto s = impl_;
  co_return co_await s->unwatch(cookie);
}
asio::awaitable<result<notify_outcome>> objecter::notify(op_request target, buffer_list payload,
                                                         std::uint32_t timeout_seconds) {
  auto s = impl_;
  co_return co_await s->notify(std::move(target), std::move(payload), timeout_seconds);
}

osdmap_ref objecter::map() const { return impl_->map; }
placement_ref objecter::current_placement() const { return impl_->current; }
asio::awaitable<status> objecter::refresh_map() {
  auto s = impl_;
  co_return co_await s->refresh_map();
}
const objecter_stats& objecter::stats() const { return impl_->counters; }

}  // namespace radosio::osdc
