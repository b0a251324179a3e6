#pragma once
// Advisory locks on objects, kept by the OSDs' `lock` object class (Ceph's cls_lock: what
// `rados lock` and RBD's exclusive lock use). A lock has a name; it is held exclusively by
// one locker or shared by several, each locker being a client (its entity name, e.g.
// client.4123) with a cookie. Nothing stops I/O to a locked object: the lock only tells
// cooperating clients who holds it.
//
// Taking a lock creates the object if it does not exist. The class's answers, as errnos:
//   lock        EBUSY  held by someone else (or shared/exclusive mismatch, or another tag)
//               EEXIST already held by this locker with this cookie (unless may_renew)
//   unlock      ENOENT not held by this locker with this cookie
//   break_lock  ENOENT not held by that locker with that cookie
//   get_info    ENOENT no such object; a lock that is not held reads as type none
//   list_locks  ENOENT no such object
//
// Each call comes as a step for compound operations (write_op / read_op) and as a single
// coroutine on an ioctx.

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "radosio/ioctx.h"
#include "radosio/operations.h"
#include "radosio/result.h"
#include "radosio/types.h"

namespace radosio::cls_lock {

enum class lock_type : std::uint8_t {
  none = 0,
  exclusive = 1,
  shared = 2,
  exclusive_ephemeral = 3
};
// As Ceph names them: "none", "exclusive", "shared", "exclusive-ephemeral"; "<unknown>".
[[nodiscard]] std::string_view to_string(lock_type type) noexcept;

namespace lock_flag {
inline constexpr std::uint8_t may_renew = 0x1;   // taking a lock already held renews it (no EEXIST)
inline constexpr std::uint8_t must_renew = 0x2;  // only renew: ENOENT unless already held
}  // namespace lock_flag

// Who holds a lock: Ceph's entity_name_t, printed "client.4123".
struct locker_name {
  std::uint8_t type =
      0x08;  // CEPH_ENTITY_TYPE_*: mon 0x01, mds 0x02, osd 0x04, client 0x08, mgr 0x10
  std::int64_t num = 0;
  friend auto operator<=>(const locker_name&, const locker_name&) = default;
  [[nodiscard]] std::string to_string() const;
  // "client.4123", "osd.2", ... as Ceph's entity_name_t::parse reads them.
  static std::optional<locker_name> parse(std::string_view text);
};

struct lock_request {
  lock_request() = default;  // declared: safe to pass as a temporary inside co_await (GCC 12)
  std::string name;
  lock_type type = lock_type::exclusive;
  std::string cookie;  // tells apart several holds of one locker
  std::string tag;     // every holder of a shared lock must give the same tag
  std::string description;
  std::chrono::nanoseconds duration{0};  // the hold expires after this; 0: until unlocked
  std::uint8_t flags = 0;                // lock_flag bits
};

struct locker {
  locker_name name;
  std::string cookie;
  object_time expiration{};  // the epoch itself: never expires
  std::string description;
  // The locker's address as the OSD saw it, in Ceph's legacy notation: "127.0.0.1:0/3996361839".
  std::string address;
};

struct lock_info {
  lock_type type = lock_type::none;  // none: nobody holds it
  std::string tag;
  std::vector<locker> lockers;  // in the class's order: by locker name, then cookie
};

// ---- steps of compound operations ----
void lock(write_op& op, const lock_request& request);
void unlock(write_op& op, std::string_view name, std::string_view cookie);
void break_lock(write_op& op, std::string_view name, std::string_view cookie,
                const locker_name& locker);
void get_lock_info(read_op& op, std::string_view name, lock_info* out, int* rval = nullptr);
void list_locks(read_op& op, std::vector<std::string>* out, int* rval = nullptr);

// ---- single calls ----
boost::asio::awaitable<status> lock(ioctx io, std::string oid, lock_request request);
boost::asio::awaitable<status> lock_exclusive(ioctx io, std::string oid, std::string name,
                                              std::string cookie);
boost::asio::awaitable<status> lock_shared(ioctx io, std::string oid, std::string name,
                                           std::string cookie, std::string tag);
boost::asio::awaitable<status> unlock(ioctx io, std::string oid, std::string name,
                                      std::string cookie);
boost::asio::awaitable<status> break_lock(ioctx io, std::string oid, std::string name,
                                          std::string cookie, locker_name locker);
boost::asio::awaitable<result<lock_info>> get_lock_info(ioctx io, std::string oid,
                                                        std::string name);
boost::asio::awaitable<result<std::vector<std::string>>> list_locks(ioctx io, std::string oid);

}  // namespace radosio::cls_lock
