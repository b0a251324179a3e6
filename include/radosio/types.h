#pragma once
// Plain vocabulary of the public API: what a stat returns, what a listing yields, how the
// client logs and which wire modes it may use.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "radosio/buffer.h"

namespace radosio {

using object_time = std::chrono::sys_time<std::chrono::nanoseconds>;

struct object_stat {
  std::uint64_t size = 0;
  object_time mtime{};  // to the nanosecond, as the OSD keeps it
};

// One object of a listing.
struct object_entry {
  std::string nspace;
  std::string name;
  std::string locator;  // the locator key, if the object was written with one
  friend bool operator==(const object_entry&, const object_entry&) = default;
};

// A watcher of an object (list-watchers).
struct object_watcher {
  std::string entity;   // "client.4123"
  std::uint64_t cookie = 0;
  std::uint32_t timeout_seconds = 0;
  std::string address;  // "v1:127.0.0.1:0/12345"
};

// A notify delivered to a watch. Ack it with ioctx::notify_ack (optionally with a reply).
struct notify_event {
  std::uint64_t notify_id = 0;
  std::uint64_t cookie = 0;       // the watch's cookie
  std::uint64_t notifier_id = 0;  // the notifying client's global id
  buffer_list payload;
  bool disconnected = false;      // not a notify: the OSD dropped the watch (it is being re-registered)
};

// What a notify brought back: each watcher's ack (with its reply bytes) and those that
// did not answer within the timeout.
struct notify_result {
  struct ack {
    std::uint64_t watcher_id = 0;  // the watching client's global id
    std::uint64_t cookie = 0;
    buffer_list reply;
  };
  std::vector<ack> acks;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> timed_out;  // (global id, cookie)
};

enum class log_level { debug, info, warning, error };
using log_function = std::function<void(log_level, std::string_view)>;

// msgr2 connection modes: crc (integrity only) and secure (AES-128-GCM).
enum class connection_mode { crc, secure };

// Snapshot ids: the head (the live object) and a pool snapshot's id.
using snap_id = std::uint64_t;
inline constexpr snap_id head_snap = 0xfffffffffffffffeull;  // CEPH_NOSNAP

// A pool snapshot, as the OSDMap lists it (ioctx::snap_list).
struct pool_snap {
  snap_id id = 0;
  std::string name;
  object_time stamp{};  // when the monitor made it
  friend bool operator==(const pool_snap&, const pool_snap&) = default;
};

// CMPXATTR comparisons (the attribute compared with the given operand).
enum class compare_op : std::uint8_t { eq = 1, ne = 2, gt = 3, gte = 4, lt = 5, lte = 6 };

// Bits of write_op::set_alloc_hint's flags (Ceph's CEPH_OSD_ALLOC_HINT_FLAG_*).
namespace alloc_hint_flag {
inline constexpr std::uint32_t sequential_write = 1;
inline constexpr std::uint32_t random_write = 2;
inline constexpr std::uint32_t sequential_read = 4;
inline constexpr std::uint32_t random_read = 8;
inline constexpr std::uint32_t append_only = 16;
inline constexpr std::uint32_t immutable = 32;
inline constexpr std::uint32_t shortlived = 64;
inline constexpr std::uint32_t longlived = 128;
inline constexpr std::uint32_t compressible = 256;
inline constexpr std::uint32_t incompressible = 512;
}  // namespace alloc_hint_flag

}  // namespace radosio
