#pragma once
// The monitor client: keeps one authenticated session with some monitor of the cluster and
// serves requests over it.
//
//  - Hunting: tries the known monitors (from the MonMap once it has one) in random order;
//    a monitor that does not answer within the attempt timeout is skipped.
//  - Liveness: KEEPALIVE2 every keepalive_interval; a session silent for keepalive_timeout is
//    dropped and another monitor is hunted. Requests in flight are resent on the new session.
//  - Subscriptions: monmap and osdmap, continuous, restarting after the last epoch held.
//    OSDMap messages are kept as they arrive (full and incremental bytes by epoch) for the
//    maps layer.
//  - Tickets: service tickets are renewed over the live session (MAuth) at 3/4 of their
//    validity; the AUTH ticket by re-authenticating (with global-id reclaim) before it expires.
//  - Every request has a finite timeout.
//
// One executor, no threads or locks of its own. Calls must be made on that executor.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/crypto_key.h"
#include "auth/ticket_store.h"
#include "common/buffer.h"
#include "common/result.h"
#include "common/types/entity.h"
#include "common/types/entity_addr.h"
#include "messenger/control_frames.h"
#include "monclient/mon_map.h"
#include "monclient/mon_messages.h"

namespace radosio::mon {

namespace asio = boost::asio;
using namespace std::chrono_literals;

enum class log_level { debug, info, warning, error };
using log_sink = std::function<void(log_level, std::string_view)>;

struct mon_client_config {
  std::vector<entity_addrvec> mon_addrs;   // where to start hunting
  entity_name name{entity_type::client, "admin"};
  std::optional<auth::crypto_key> key;    // nullopt: auth none
  std::vector<msgr::con_mode> modes{msgr::con_mode::secure, msgr::con_mode::crc};
  std::chrono::milliseconds connect_timeout = 10s;  // start(): reach and authenticate
  std::chrono::milliseconds attempt_timeout = 3s;   // one monitor, one try
  std::chrono::milliseconds op_timeout = 30s;       // one request
  std::chrono::milliseconds keepalive_interval = 10s;
  std::chrono::milliseconds keepalive_timeout = 30s;
  std::uint32_t wanted_services = 0;  // tickets to fetch (entity_type mask); 0: mon|osd|mgr
  log_sink log;
};

struct command_reply {
  std::int32_t result = 0;  // 0 or -errno, as the monitor returned it
  std::string status;       // the monitor's status text ("pool 'x' created")
  buffer_list output;       // the command's output (JSON when format=json was asked)
};

// The OSDMap messages received so far, as the maps layer needs them.
struct osdmap_feed {
  std::map<std::uint32_t, buffer> full;
  std::map<std::uint32_t, buffer> incremental;
  std::uint32_t newest = 0;  // newest epoch the monitor said it has
  // Epochs up to here were dropped by trim_osdmaps(): their consumer holds them decoded.
  std::uint32_t trimmed_through = 0;
  // The newest epoch received (or trimmed after receipt); 0 before any.
  [[nodiscard]] std::uint32_t held() const noexcept {
    std::uint32_t e = trimmed_through;
    if (!full.empty()) e = std::max(e, full.rbegin()->first);
    if (!incremental.empty()) e = std::max(e, incremental.rbegin()->first);
    return e;
  }
};

class mon_client {
 public:
  mon_client(asio::any_io_executor ex, mon_client_config config);
  ~mon_client();
  mon_client(const mon_client&) = delete;
  mon_client& operator=(const mon_client&) = delete;

  // Hunts for a monitor, authenticates and subscribes; then keeps the session up in the
  // background until shutdown(). Fails after connect_timeout with the last reason.
  asio::awaitable<status> start();
  void shutdown();

  // A mon command (JSON words). `input` goes in the data segment.
  asio::awaitable<result<command_reply>> command(std::vector<std::string> cmd,
                                                 buffer_list input = {});
  asio::awaitable<result<statfs_reply>> statfs(std::optional<std::int64_t> pool = std::nullopt);
  asio::awaitable<result<pool_op_reply>> pool_operation(pool_op op);
  // The newest epoch of "osdmap" or "monmap" the monitors hold.
  asio::awaitable<result<std::uint64_t>> get_version(std::string what);
  // Waits until an OSDMap of at least `epoch` has arrived (0: any), up to op_timeout.
  asio::awaitable<status> wait_for_osdmap(std::uint32_t epoch = 0);

  [[nodiscard]] const mon_map& monmap() const;
  [[nodiscard]] const osdmap_feed& osdmaps() const;
  [[nodiscard]] const auth::ticket_store& tickets() const;
  [[nodiscard]] std::uint64_t global_id() const;
  [[nodiscard]] uuid fsid() const;
  // Where the current session is, "" when there is none.
  [[nodiscard]] std::string session_peer() const;
  // For tests and logs: service-ticket renewals over the session (MAuth), re-authentications
  // done to renew the AUTH ticket, and sessions opened after the first (re-connections).
  [[nodiscard]] std::uint64_t renewals() const;
  [[nodiscard]] std::uint64_t reauthentications() const;
  [[nodiscard]] std::uint64_t reconnects() const;

  // Drops the stored OSDMap messages up to `epoch`: the objecter keeps the map it built
  // from them, and a long-lived client must not keep every epoch's bytes forever.
  void trim_osdmaps(std::uint32_t epoch);

  // Called for each OSDMap message (after it is stored in osdmaps()).
  void on_osdmap(std::function<void()> callback);

 private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

}  // namespace radosio::mon
