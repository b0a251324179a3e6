#include "osdc/osd_op.h"

#include <fmt/format.h>

#include <cstring>

namespace radosio::osdc {

std::uint64_t osd_op::u64_at(std::size_t at) const noexcept {
  std::uint64_t v = 0;
  std::memcpy(&v, args.data() + at, sizeof v);  // host is little-endian, as the wire
  return v;
}
std::uint32_t osd_op::u32_at(std::size_t at) const noexcept {
  std::uint32_t v = 0;
  std::memcpy(&v, args.data() + at, sizeof v);
  return v;
}
void osd_op::put_u64(std::size_t at, std::uint64_t v) noexcept { std::memcpy(args.data() + at, &v, sizeof v); }
void osd_op::put_u32(std::size_t at, std::uint32_t v) noexcept { std::memcpy(args.data() + at, &v, sizeof v); }

void osd_op::set_extent(std::uint64_t offset, std::uint64_t length, std::uint64_t truncate_size,
                        std::uint32_t truncate_seq) noexcept {
  put_u64(0, offset);
  put_u64(8, length);
  put_u64(16, truncate_size);
  put_u32(24, truncate_seq);
}

void osd_op::set_xattr(std::uint32_t name_len, std::uint32_t value_len, std::uint8_t cmp_operator,
                       std::uint8_t cmp_mode_) noexcept {
  put_u32(0, name_len);
  put_u32(4, value_len);
  args[8] = cmp_operator;
  args[9] = cmp_mode_;
}

void osd_op::set_cls(std::uint8_t class_len, std::uint8_t method_len, std::uint32_t indata_len) noexcept {
  args[0] = class_len;
  args[1] = method_len;
  args[2] = 0;  // argc: unused by OSDs
  put_u32(3, indata_len);
}

void osd_op::set_pgls(std::uint64_t count, std::uint32_t start_epoch) noexcept {
  put_u64(0, count);
  put_u32(8, start_epoch);
}

void osd_op::set_snap(std::uint64_t snapid) noexcept { put_u64(0, snapid); }

void osd_op::set_watch(std::uint64_t cookie, watch_op op, std::uint32_t gen, std::uint32_t timeout) noexcept {
  put_u64(0, cookie);
  put_u64(8, 0);  // ver: obsolete
  args[16] = static_cast<std::uint8_t>(op);
  put_u32(17, gen);
  put_u32(21, timeout);
}

void osd_op::set_notify(std::uint64_t cookie) noexcept { put_u64(0, cookie); }

void osd_op::set_assert_version(std::uint64_t version) noexcept {
  put_u64(0, 0);
  put_u64(8, version);
}

void osd_op::set_alloc_hint(std::uint64_t object_size, std::uint64_t write_size, std::uint32_t flags_) noexcept {
  put_u64(0, object_size);
  put_u64(8, write_size);
  put_u32(16, flags_);
}

void encode_osd_op(wire::encoder& e, const osd_op& op, std::uint32_t payload_len) {
  e.write_le(static_cast<std::uint16_t>(op.code));
  e.write_le(op.flags);
  e.write_bytes(bytes_view(op.args.data(), op.args.size()));
  e.write_le(payload_len);
}

std::uint32_t decode_osd_op(wire::decoder& d, osd_op& op) {
  std::uint16_t code = 0;
  decode(d, code);
  op.code = static_cast<op_code>(code);
  decode(d, op.flags);
  const auto raw = d.take(osd_op_args_size, "ceph_osd_op args");
  if (raw.size() == osd_op_args_size) std::memcpy(op.args.data(), raw.data(), raw.size());
  std::uint32_t payload_len = 0;
  decode(d, payload_len);
  return payload_len;
}

std::string_view op_name(op_code c) noexcept {
  switch (c) {
    case op_code::read: return "read";
    case op_code::stat: return "stat";
    case op_code::sparse_read: return "sparse-read";
    case op_code::notify: return "notify";
    case op_code::notify_ack: return "notify-ack";
    case op_code::assert_ver: return "assert-version";
    case op_code::list_watchers: return "list-watchers";
    case op_code::list_snaps: return "list-snaps";
    case op_code::omap_get_keys: return "omap-get-keys";
    case op_code::omap_get_vals: return "omap-get-vals";
    case op_code::omap_get_header: return "omap-get-header";
    case op_code::omap_get_vals_by_keys: return "omap-get-vals-by-keys";
    case op_code::omap_cmp: return "omap-cmp";
    case op_code::write: return "write";
    case op_code::write_full: return "writefull";
    case op_code::truncate: return "truncate";
    case op_code::zero: return "zero";
    case op_code::remove: return "delete";
    case op_code::append: return "append";
    case op_code::create: return "create";
    case op_code::rollback: return "rollback";
    case op_code::watch: return "watch";
    case op_code::omap_set_vals: return "omap-set-vals";
    case op_code::omap_set_header: return "omap-set-header";
    case op_code::omap_clear: return "omap-clear";
    case op_code::omap_rm_keys: return "omap-rm-keys";
    case op_code::set_alloc_hint: return "set-alloc-hint";
    case op_code::omap_rm_key_range: return "omap-rm-key-range";
    case op_code::copy_from: return "copy-from";
    case op_code::get_xattr: return "getxattr";
    case op_code::get_xattrs: return "getxattrs";
    case op_code::cmp_xattr: return "cmpxattr";
    case op_code::set_xattr: return "setxattr";
    case op_code::rm_xattr: return "rmxattr";
    case op_code::call: return "call";
    case op_code::pgnls: return "pgnls";
    case op_code::pgnls_filter: return "pgnls-filter";
  }
  return "unknown-op";
}

std::string describe(const osd_op& op) {
  switch (op.code) {
    case op_code::read:
    case op_code::sparse_read:
    case op_code::write:
    case op_code::write_full:
    case op_code::zero:
    case op_code::append:
      return fmt::format("{} {}~{}", op_name(op.code), op.extent_offset(), op.extent_length());
    case op_code::truncate:
      return fmt::format("truncate {}", op.extent_offset());
    default:
      return std::string(op_name(op.code));
  }
}

}  // namespace radosio::osdc
