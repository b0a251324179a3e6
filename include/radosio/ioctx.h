#pragma once
// An I/O context: a pool, and within it a namespace, an optional locator key and the
// snapshot reads come from. Cheap to copy; shares the client it came from, which must
// outlive the calls made through it.
//
// Every call is a coroutine on the client's executor. An OSD's refusal comes back as an
// error whose code is the errno (std::generic_category) and whose message names the
// operation, pool and object: "read data/greeting: No such file or directory".

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <functional>
#include <climits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "radosio/buffer.h"
#include "radosio/operations.h"
#include "radosio/result.h"
#include "radosio/types.h"

namespace radosio {

class client;

// Where a listing stands. PGs are walked in the OSDs' object order (by bit-reversed PG
// seed), so one pass lists objects in the order `rados ls` prints them; `index` counts PGs
// in that order and `end` bounds a slice of them (see ioctx::split).
struct list_cursor {
  // Not an aggregate on purpose: GCC 12 destroys a braced aggregate temporary twice when it
  // is an argument inside co_await (`co_await io.list(list_cursor{})`); with a declared
  // constructor that form is safe.
  list_cursor() = default;
  std::uint32_t index = 0;
  std::uint32_t end = UINT32_MAX;  // PG walk index to stop before (clamped to pg_num)
  std::string position;            // opaque: the OSD's cursor in the current PG; empty = its start
  bool done = false;
  [[nodiscard]] bool at_end() const noexcept { return done; }
};

struct list_page {
  std::vector<object_entry> entries;
  list_cursor next;
};

class ioctx {
 public:
  ioctx();
  ~ioctx();
  ioctx(const ioctx&);
  ioctx& operator=(const ioctx&);
  ioctx(ioctx&&) noexcept;
  ioctx& operator=(ioctx&&) noexcept;

  [[nodiscard]] std::int64_t pool_id() const noexcept;
  [[nodiscard]] const std::string& pool_name() const noexcept;
  void set_namespace(std::string nspace);
  [[nodiscard]] const std::string& get_namespace() const noexcept;
  // Lists every namespace instead of one (listing only).
  void set_all_namespaces(bool all);
  // Objects are placed by this key instead of their names (empty: by name).
  void set_locator_key(std::string key);
  // Reads come from this pool snapshot (head_snap: the live objects); while one is set,
  // writes fail with EROFS, as with librados.
  void set_read_snap(snap_id snap);
  [[nodiscard]] snap_id read_snap() const noexcept;

  // ---- compound operations ----
  boost::asio::awaitable<status> operate(std::string oid, write_op op);
  // `version`, if given, receives the object's version.
  boost::asio::awaitable<status> operate(std::string oid, read_op op, std::uint64_t* version = nullptr);

  // ---- single operations ----
  // `length` 0: to the end of the object.
  boost::asio::awaitable<result<buffer_list>> read(std::string oid, std::uint64_t offset = 0, std::uint64_t length = 0);
  boost::asio::awaitable<status> write_full(std::string oid, buffer_list data);
  boost::asio::awaitable<status> write(std::string oid, buffer_list data, std::uint64_t offset);
  boost::asio::awaitable<status> append(std::string oid, buffer_list data);
  boost::asio::awaitable<status> truncate(std::string oid, std::uint64_t size);
  boost::asio::awaitable<status> create(std::string oid, bool exclusive);
  boost::asio::awaitable<status> remove(std::string oid);
  boost::asio::awaitable<result<object_stat>> stat(std::string oid);
  boost::asio::awaitable<result<buffer_list>> get_xattr(std::string oid, std::string name);
  boost::asio::awaitable<result<std::map<std::string, buffer_list>>> get_xattrs(std::string oid);
  boost::asio::awaitable<status> set_xattr(std::string oid, std::string name, buffer_list value);
  boost::asio::awaitable<status> rm_xattr(std::string oid, std::string name);

  // ---- watch / notify ----
  using watch_callback = std::function<void(const notify_event&)>;
  using watch_error_callback = std::function<void(std::uint64_t cookie, const error&)>;
  // Watches the object until unwatch(); the client keeps the watch registered across OSD
  // restarts and remaps. `on_error` hears of a watch that could not be kept (e.g. the
  // object was deleted). Returns the watch's cookie.
  boost::asio::awaitable<result<std::uint64_t>> watch(std::string oid, watch_callback on_notify,
                                                      watch_error_callback on_error = {},
                                                      std::uint32_t timeout_seconds = 0);
  boost::asio::awaitable<status> unwatch(std::uint64_t cookie);
  boost::asio::awaitable<status> notify_ack(std::string oid, std::uint64_t notify_id, std::uint64_t cookie,
                                            buffer_list reply = {});
  // Notifies every watcher and waits for their acks (up to `timeout_seconds`, 0: the OSD's
  // default). Watchers that did not ack are listed in the result, which is still a success.
  boost::asio::awaitable<result<notify_result>> notify(std::string oid, buffer_list payload,
                                                       std::uint32_t timeout_seconds = 0);
  boost::asio::awaitable<result<std::vector<object_watcher>>> list_watchers(std::string oid);

  // ---- pool snapshots (rados/snapshots.cc) ----
  // Snapshots of the whole pool, made and removed by the monitor. A pool has either these or
  // self-managed snapshots, never both: the monitor refuses the other kind with EINVAL. Reads
  // at a snapshot: set_read_snap(snap_lookup(name)).
  //
  // Creates snapshot `name` (EEXIST if the pool has one by that name) and returns its id
  // once this client's OSDMap carries it, so a following snap_list sees it.
  boost::asio::awaitable<result<snap_id>> snap_create(std::string name);
  // Removes snapshot `name` (ENOENT if there is none), waiting for the map likewise.
  boost::asio::awaitable<status> snap_remove(std::string name);
  // The pool's snapshots in the client's current OSDMap, by id.
  [[nodiscard]] result<std::vector<pool_snap>> snap_list() const;
  // ENOENT if the pool has no snapshot of that name / id.
  [[nodiscard]] result<snap_id> snap_lookup(std::string_view name) const;
  [[nodiscard]] result<pool_snap> snap_get(snap_id id) const;
  // Makes the object what it was at snapshot `snap_name` (ENOENT if there is no such
  // snapshot); an object that did not exist then is removed.
  boost::asio::awaitable<status> rollback(std::string oid, std::string snap_name);

  // ---- listing ----
  // Up to `max` objects from `from` on (a default cursor starts at the beginning). Each
  // object appears once across pages; call again with page.next until it is at_end().
  // The live objects are listed even with a read snapshot set (as librados lists them).
  boost::asio::awaitable<result<list_page>> list(list_cursor from, std::size_t max = 1024);
  // The starting cursor of slice `i` of `n`: the slices split the pool's PGs evenly, list
  // each object once between them, and can be walked in parallel.
  [[nodiscard]] list_cursor split(std::size_t i, std::size_t n) const;

  struct impl;  // opaque: defined in rados/client_impl.h

 private:
  friend class client;
  std::shared_ptr<impl> impl_;
  explicit ioctx(std::shared_ptr<impl> i);
};

}  // namespace radosio
