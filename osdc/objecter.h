#pragma once
// The objecter: sends ops to the OSDs that hold their objects and brings back the replies.
//
//  - Placement: each op is placed with the current OSDMap (calc_target); every new map
//    re-places every op in flight and resends those whose PG interval changed, with the same
//    tid and the next retry_attempt. Ops on a pool that is gone fail with ENOENT.
//  - Sessions: one lossy msgr2 connection per OSD, opened on demand with a CephX authorizer
//    (the OSD service ticket the mon client keeps fresh). A fault closes the session; its
//    ops are placed again and resent on a new one, with a growing delay between attempts to
//    the same OSD so a dead OSD the map still calls up is not hammered.
//  - The op table is keyed by tid and independent of sessions.
//  - Backoff: MOSDBackoff BLOCK is acked and the ops in its range held until UNBLOCK.
//  - Flow control: bounded ops and bytes in flight; submitters wait (within their timeout).
//  - Finite time: every op has a deadline (op_timeout, 0 = none); a write to a full pool
//    fails at once, unless the config says to wait: ENOSPC "cluster full: osd.N passed the
//    full ratio R" or EDQUOT "pool full: pool 'P' reached its quota (max_objects N)".
//
// Runs on the executor it is given; no threads, no locks. Calls must be made on it.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/types/basic.h"
#include "common/types/object.h"
#include "messenger/control_frames.h"
#include "monclient/mon_client.h"
#include "osdc/osd_messages.h"
#include "osdc/osd_op.h"
#include "osdc/osdmap.h"
#include "osdc/placement.h"

namespace radosio::osdc {

namespace asio = boost::asio;
using namespace std::chrono_literals;

struct objecter_config {
  std::vector<msgr::con_mode> modes{msgr::con_mode::crc, msgr::con_mode::secure};
  bool cephx = true;  // false: the cluster runs auth none
  entity_name name{entity_type::client, "admin"};  // who we say we are under auth none
  std::chrono::milliseconds connect_timeout = 10s;  // one OSD session attempt
  std::chrono::milliseconds op_timeout = 30s;       // 0: wait forever
  std::size_t max_ops_in_flight = 1024;             // as librados' objecter_inflight_ops
  std::uint64_t max_bytes_in_flight = 100ull << 20;  // objecter_inflight_op_bytes
  bool wait_if_full = false;  // a write to a full pool: wait for space instead of ENOSPC/EDQUOT
  // How often registered watches are pinged (librados: every objecter tick, 5 s); the OSD
  // drops a watch it has not heard of within its timeout (osd_client_watch_timeout, 30 s).
  std::chrono::milliseconds watch_ping_interval = 5s;
  mon::log_sink log;
};

// A watch on an object: registered once, then kept alive by the objecter (pinged, and
// re-registered after a session fault or a placement change) until unwatch().
struct watch_request {
  std::int64_t pool = -1;
  std::string name;
  std::string key;
  std::string nspace;
  std::uint32_t timeout_seconds = 0;  // 0: the OSD's osd_client_watch_timeout
  // Each NOTIFY (and DISCONNECT) the OSD sends for this watch. The application acks
  // notifies itself (notify_ack), as with librados.
  std::function<void(const mwatch_notify&)> on_event;
  // The watch was lost and re-registering failed (e.g. the object was deleted).
  std::function<void(const error&)> on_error;
};

struct notify_outcome {
  std::int32_t return_code = 0;  // 0, or -ETIMEDOUT when some watcher did not ack in time
  std::uint64_t notify_id = 0;
  buffer_list acks;  // map<(gid, cookie), bufferlist> acks | list<(gid, cookie)> missed
};

struct op_request {
  std::int64_t pool = -1;
  std::string name;
  std::string key;     // locator key
  std::string nspace;
  std::vector<osd_op> ops;
  std::uint32_t extra_flags = 0;  // osd_flag bits beyond READ/WRITE (derived from the ops)
  snapid snap = snap_head;        // read from this snapshot
  snap_context snapc;             // writes
  std::optional<utime> mtime;     // writes: the object's new mtime; default now
  bool full_try = false;          // go ahead on a full pool (deletes free space)
  bool pg_op = false;             // a PG op (listing): addresses pg_seed, not an object
  std::uint32_t pg_seed = 0;
  std::optional<bool> is_write;   // overrides what the op codes say (a watch ping reads)
  std::optional<std::chrono::milliseconds> timeout;  // overrides op_timeout
};

struct op_outcome {
  std::int32_t result = 0;   // 0 or -errno, as the OSD answered
  std::vector<osd_op> ops;   // per op: rval and output (slices of the reply)
  std::uint64_t version = 0;  // the object's user version
  std::uint32_t epoch = 0;    // the OSD's map epoch
  std::int32_t osd = -1;      // which OSD answered
  std::uint64_t session = 0;  // the objecter's session that carried the answer (linger ops
                              // watch it: what the OSD sends later is lost with it)
  std::uint32_t attempts = 1;  // sends it took; after a resend the OSD may have answered a
                               // logged op from its PG log without running it again
};

struct objecter_stats {
  std::uint64_t ops_sent = 0;      // MOSDOps written, resends included
  std::uint64_t resends = 0;       // sends after the first, for any reason
  std::uint64_t sessions_opened = 0;
  std::uint64_t session_failures = 0;
  std::uint64_t backoffs = 0;      // BLOCKs received
  std::uint64_t maps_applied = 0;
  std::uint64_t watch_reconnects = 0;
};

class objecter {
 public:
  objecter(asio::any_io_executor ex, mon::mon_client& mon, objecter_config config);
  ~objecter();
  objecter(const objecter&) = delete;
  objecter& operator=(const objecter&) = delete;

  // Takes the newest OSDMap the mon client has (waiting for one if needed) and follows
  // every later one. The mon client must have been started.
  asio::awaitable<status> start();
  // Fails every op in flight with "shut down" and closes the OSD sessions.
  void shutdown();

  // Sends the op and waits for its reply. Errors: the op could not be delivered and answered
  // in time, its pool does not exist, or the pool is full; an OSD's own answer (e.g.
  // -ENOENT for a missing object) is outcome.result.
  asio::awaitable<result<op_outcome>> execute(op_request request);

  // Watches and notifies (linger ops). `target` names the object (pool, name, key, nspace).
  asio::awaitable<result<std::uint64_t>> watch(watch_request request);
  asio::awaitable<status> unwatch(std::uint64_t cookie);
  asio::awaitable<result<notify_outcome>> notify(op_request target, buffer_list payload,
                                                 std::uint32_t timeout_seconds);

  [[nodiscard]] osdmap_ref map() const;
  [[nodiscard]] placement_ref current_placement() const;
  // If the mon may hold a newer map than ours (e.g. a pool was just created), fetch it.
  asio::awaitable<status> refresh_map();
  [[nodiscard]] const objecter_stats& stats() const;

 private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

}  // namespace radosio::osdc
