#pragma once
// The objecter's internal state, shared by objecter.cc (ops, maps, flow control) and
// objecter_sessions.cc (OSD connections, replies, backoffs). Not a public header.

#include <boost/asio/steady_timer.hpp>

#include <deque>
#include <map>
#include <random>

#include "messenger/connection.h"
#include "osdc/backoff.h"
#include "osdc/objecter.h"
#include "osdc/op_target.h"
#include "osdc/osd_messages.h"

namespace radosio::osdc {

struct objecter::impl : std::enable_shared_from_this<impl> {
  using clock = std::chrono::steady_clock;

  struct pending_op {
    explicit pending_op(asio::any_io_executor ex) : wake(ex) {}
    std::uint64_t tid = 0;
    op_request request;
    op_target target;
    std::uint64_t bytes = 0;        // counted against max_bytes_in_flight
    std::uint32_t attempts = 0;     // sends so far; the next send's retry_attempt
    std::uint64_t session_gen = 0;  // the session it was last sent on (0: none)
    bool on_wire = false;           // sent on that session and not answered
    bool blocked = false;           // dropped by the OSD under a backoff; resent on UNBLOCK
    clock::time_point deadline = clock::time_point::max();
    std::string last_problem;       // why it is not answered yet (for the timeout message)
    std::int32_t sent_to = -1;      // the OSD it was last sent to
    std::string pool_name;          // as the map named it when submitted (for messages once it is gone)
    asio::steady_timer wake;        // expires at the deadline; cancelled when done
    std::optional<result<op_outcome>> outcome;
  };

  struct osd_session {
    std::int32_t osd = -1;
    entity_addr addr;
    std::uint64_t gen = 0;  // unique per session: replies on an old one are ignored
    std::shared_ptr<msgr::connection> conn;  // null while connecting
    bool closed = false;
    bool delivered = false;  // the OSD sent something on it (it worked)
    backoff_set backoffs;
  };

  struct watch_state {
    std::uint64_t cookie = 0;
    watch_request request;
    op_target target;  // where the registration went, to notice placement changes
    std::uint32_t gen = 0;  // registration generation: bumped by every reconnect
    bool registered = false;
    bool reconnecting = false;
    bool retry = false;     // a session ended while a reconnect was in flight: try again
    bool pinging = false;  // a ping is in flight (pings run side by side, one per watch)
  };

  struct notify_state {
    explicit notify_state(asio::any_io_executor ex) : done(ex) {}
    asio::steady_timer done;  // cancelled when NOTIFY_COMPLETE arrives or its session ends
    std::optional<mwatch_notify> completion;
    std::uint64_t notify_id = 0;  // the OSD's id for the latest send (0 until its reply)
    std::uint64_t session = 0;    // the session that answered the latest send
    bool session_lost = false;    // that session ended before NOTIFY_COMPLETE came
  };

  impl(asio::any_io_executor executor, mon::mon_client& mon_client, objecter_config cfg);

  asio::any_io_executor ex;
  mon::mon_client& mon;
  objecter_config config;
  std::mt19937_64 rng;
  std::uint32_t addr_nonce;  // one per client, as one messenger has one address
  std::uint64_t global_seq = 0;

  osdmap_ref map;
  placement_ref current;
  std::optional<crush::workspace> ws;  // sized for `current`

  std::uint64_t next_tid = 0;
  std::map<std::uint64_t, std::shared_ptr<pending_op>> ops;
  std::uint64_t next_session_gen = 0;
  std::map<std::int32_t, std::shared_ptr<osd_session>> sessions;
  // Consecutive failures per OSD, for the delay before the next attempt.
  std::map<std::int32_t, unsigned> connect_failures;

  std::size_t ops_in_flight = 0;
  std::uint64_t bytes_in_flight = 0;
  std::deque<std::shared_ptr<asio::steady_timer>> flow_waiters;
  std::vector<std::shared_ptr<asio::steady_timer>> map_waiters;

  std::uint64_t next_cookie = 0;
  std::map<std::uint64_t, std::shared_ptr<watch_state>> watches;
  std::map<std::uint64_t, std::shared_ptr<notify_state>> notifies;
  std::shared_ptr<asio::steady_timer> ping_timer;  // the ping loop's, while it runs

  bool stopping = false;
  objecter_stats counters;

  void log(mon::log_level level, std::string_view text) const {
    if (config.log) config.log(level, text);
  }

  // ---- maps (objecter.cc) ----
  status install_map(osdmap_ref next);
  void on_new_maps();
  asio::awaitable<status> refresh_map();
  // An OSD has a newer map than ours (it said so in a reply, or sent an MOSDMap): fetch it
  // from the monitors in the background, once at a time.
  void want_map(std::uint32_t epoch);
  bool refreshing = false;

  // ---- ops (objecter.cc) ----
  asio::awaitable<result<op_outcome>> execute(op_request request);
  asio::awaitable<bool> acquire_flow(std::uint64_t bytes, clock::time_point deadline);
  void release_flow(std::uint64_t bytes);
  // Places the op with the current map and sends, holds or fails it.
  void place_op(pending_op& op);
  void finish(pending_op& op, result<op_outcome> outcome);
  [[nodiscard]] std::string describe_op(const pending_op& op) const;
  [[nodiscard]] hobject object_of(const pending_op& op) const;

  // ---- sessions (objecter_sessions.cc) ----
  // Queues the op for its target OSD, opening a session if there is none.
  void send(pending_op& op);
  void transmit(osd_session& s, pending_op& op);
  std::shared_ptr<osd_session> session_for(std::int32_t osd);
  asio::awaitable<void> connect(std::shared_ptr<osd_session> s);
  asio::awaitable<void> read_loop(std::shared_ptr<osd_session> s);
  void close_session(osd_session& s, std::string_view why);
  void dispatch(osd_session& s, msgr::message m);
  void handle_reply(osd_session& s, const msgr::message& m);
  void handle_backoff(osd_session& s, const msgr::message& m);

  // ---- linger ops (objecter_linger.cc) ----
  asio::awaitable<result<std::uint64_t>> watch(watch_request request);
  asio::awaitable<status> unwatch(std::uint64_t cookie);
  asio::awaitable<result<notify_outcome>> notify(op_request target, buffer_list payload,
                                                 std::uint32_t timeout_seconds);
  [[nodiscard]] op_request watch_op_request(const watch_state& w, watch_op op) const;
  asio::awaitable<void> reconnect_watch(std::shared_ptr<watch_state> w, std::string why);
  asio::awaitable<void> ping_loop();
  asio::awaitable<void> ping_watch(std::shared_ptr<watch_state> w);
  void handle_watch_notify(osd_session& s, const msgr::message& m);
  // After a map change or a session fault: re-register watches whose OSD changed or was lost.
  void recheck_watches(std::int32_t lost_osd = -1);

  void shutdown();
};

}  // namespace radosio::osdc
