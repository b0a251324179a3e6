#pragma once
// The numbers an OSD op carries on the wire (Ceph's include/rados.h): op codes, message-level
// flags (MOSDOp flags) and per-op flags. Facts, not design: they must equal Ceph's.

#include <cstdint>
#include <string_view>

namespace radosio::osdc {

// An op code is mode | type | number. The mode says whether the op reads or writes, which
// decides the MOSDOp flags (READ / WRITE) of the message that carries it.
namespace op_mode {
inline constexpr std::uint16_t read = 0x1000;
inline constexpr std::uint16_t write = 0x2000;
inline constexpr std::uint16_t mask = 0xf000;
}  // namespace op_mode

enum class op_code : std::uint16_t {
  // data, read
  read = 0x1201,
  stat = 0x1202,
  sparse_read = 0x1205,
  notify = 0x1206,
  notify_ack = 0x1207,
  assert_ver = 0x1208,
  list_watchers = 0x1209,
  list_snaps = 0x120a,
  omap_get_keys = 0x1211,
  omap_get_vals = 0x1212,
  omap_get_header = 0x1213,
  omap_get_vals_by_keys = 0x1214,
  omap_cmp = 0x1219,
  // data, write
  write = 0x2201,
  write_full = 0x2202,
  truncate = 0x2203,
  zero = 0x2204,
  remove = 0x2205,  // CEPH_OSD_OP_DELETE
  append = 0x2206,
  create = 0x220d,
  rollback = 0x220e,
  watch = 0x220f,
  omap_set_vals = 0x2215,
  omap_set_header = 0x2216,
  omap_clear = 0x2217,
  omap_rm_keys = 0x2218,
  set_alloc_hint = 0x2223,
  omap_rm_key_range = 0x222c,
  copy_from = 0x221a,  // the OSD copies another object (data, xattrs, omap) over this one
  // attributes
  get_xattr = 0x1301,
  get_xattrs = 0x1302,
  cmp_xattr = 0x1303,
  set_xattr = 0x2301,
  rm_xattr = 0x2304,
  // class methods (the class's own flags decide read/write)
  call = 0x1401,
  // placement-group ops
  pgnls = 0x1505,
  pgnls_filter = 0x1506,
};

[[nodiscard]] constexpr bool is_write(op_code c) noexcept {
  return (static_cast<std::uint16_t>(c) & op_mode::write) != 0;
}
[[nodiscard]] constexpr bool is_read(op_code c) noexcept {
  return (static_cast<std::uint16_t>(c) & op_mode::read) != 0;
}
// Ceph's name for the op ("writefull", "omap-get-vals"), for messages.
[[nodiscard]] std::string_view op_name(op_code c) noexcept;

// MOSDOp / MOSDOpReply flags (CEPH_OSD_FLAG_*).
namespace osd_flag {
inline constexpr std::uint32_t ack = 0x1;
inline constexpr std::uint32_t ondisk = 0x4;
inline constexpr std::uint32_t retry = 0x8;
inline constexpr std::uint32_t read = 0x10;
inline constexpr std::uint32_t write = 0x20;
inline constexpr std::uint32_t balance_reads = 0x100;
inline constexpr std::uint32_t pgop = 0x400;
inline constexpr std::uint32_t exec = 0x800;
inline constexpr std::uint32_t localize_reads = 0x2000;
inline constexpr std::uint32_t rwordered = 0x4000;
inline constexpr std::uint32_t ignore_cache = 0x8000;
inline constexpr std::uint32_t ignore_overlay = 0x20000;
inline constexpr std::uint32_t redirected = 0x200000;
inline constexpr std::uint32_t known_redir = 0x400000;
inline constexpr std::uint32_t full_try = 0x800000;
inline constexpr std::uint32_t full_force = 0x1000000;
inline constexpr std::uint32_t returnvec = 0x4000000;
}  // namespace osd_flag

// Per-op flags (CEPH_OSD_OP_FLAG_*).
namespace op_flag {
inline constexpr std::uint32_t excl = 0x1;    // create: fail with EEXIST if the object exists
inline constexpr std::uint32_t failok = 0x2;  // this op may fail without failing the message
}  // namespace op_flag

// WATCH sub-ops (CEPH_OSD_WATCH_OP_*).
enum class watch_op : std::uint8_t { unwatch = 0, legacy_watch = 1, watch = 3, reconnect = 5, ping = 7 };

// CMPXATTR operators and modes.
enum class cmp_op : std::uint8_t { eq = 1, ne = 2, gt = 3, gte = 4, lt = 5, lte = 6 };
enum class cmp_mode : std::uint8_t { string = 1, u64 = 2 };

}  // namespace radosio::osdc
