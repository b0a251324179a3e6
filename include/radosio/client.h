#pragma once
// A RADOS client: one monitor session (maps, tickets, commands) and the objecter (OSD
// sessions and ops), on one Asio executor. No threads of its own: run the executor's
// io_context on the thread(s) you choose; with more than one thread, give the client a
// strand. Every call must be made on that executor.
//
//   radosio::client_config cfg{.mon_host = "v2:10.0.0.1:3300", .key = "AQA..."};
//   auto c = radosio::client::create(io.get_executor(), cfg);
//   co_await c->connect();
//   auto pool = co_await c->open_pool("data");
//   co_await pool->write_full("greeting", radosio::buffer_list(radosio::buffer::copy_of("hi")));
//
// For callbacks or futures instead of coroutines, see radosio/async.h; for plain blocking
// calls, radosio/blocking.h.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "radosio/result.h"
#include "radosio/types.h"

namespace radosio {

namespace mon {
class mon_client;
struct mon_client_config;
}  // namespace mon
namespace osdc {
class objecter;
struct objecter_config;
}  // namespace osdc

class ioctx;

struct client_config {
  std::string mon_host;                // as `mon host` in ceph.conf: "v2:10.0.0.1:3300,..." or names
  std::string name = "client.admin";  // the CephX entity
  std::string key;                     // its base64 secret; empty: the cluster runs auth none
  std::vector<connection_mode> mon_modes{connection_mode::secure, connection_mode::crc};
  std::vector<connection_mode> osd_modes{connection_mode::crc, connection_mode::secure};
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds op_timeout{30'000};  // 0: ops wait forever
  std::size_t max_ops_in_flight = 1024;
  std::uint64_t max_bytes_in_flight = 100ull << 20;
  // Writes to a full pool wait instead of failing with ENOSPC ("cluster full": OSDs past the
  // full ratio) or EDQUOT ("pool full": its quota reached).
  bool wait_if_full = false;
  log_function log;
};

struct pool_info {
  std::int64_t id = -1;
  std::string name;
};

class client {
 public:
  // Checks the configuration (monitor addresses, entity name, key); connects nothing yet.
  static result<client> create(boost::asio::any_io_executor ex, const client_config& config);
  // For tools that have already read ceph.conf and keyrings into the layers' own configs.
  client(boost::asio::any_io_executor ex, mon::mon_client_config mon, osdc::objecter_config osd);

  client(client&&) noexcept;
  client& operator=(client&&) noexcept;
  ~client();

  // Reaches a monitor, authenticates, and takes the current OSDMap.
  boost::asio::awaitable<status> connect();
  // Fails whatever is in flight and closes every session.
  void shutdown();

  // A handle on the pool (refreshing the OSDMap once if the name is unknown, so a pool
  // created a moment ago is found). ENOENT if there is no such pool.
  boost::asio::awaitable<result<ioctx>> open_pool(std::string name);
  result<ioctx> open_pool(std::int64_t id);
  // The pools of the current OSDMap, by id.
  [[nodiscard]] std::vector<pool_info> pools() const;

  [[nodiscard]] boost::asio::any_io_executor get_executor() const;
  // The layers underneath, for what the object API does not cover (mon commands, maps).
  [[nodiscard]] mon::mon_client& monitors();
  [[nodiscard]] osdc::objecter& objects();

  struct impl;  // opaque: defined in rados/client_impl.h

 private:
  friend class ioctx;
  std::shared_ptr<impl> impl_;
  explicit client(std::shared_ptr<impl> i);
};

}  // namespace radosio
