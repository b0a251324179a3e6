#pragma once
// One step of an OSD request (Ceph's ceph_osd_op plus its data): 38 bytes in the MOSDOp front
//
//   le16 op | le32 flags | 28-byte argument union | le32 payload_len
//
// and `payload_len` bytes of input in the message's data segment. A reply carries the same
// 38 bytes per op (payload_len now the size of the op's output), each op's return value, and
// the outputs concatenated in the reply's data segment.
//
// The union is kept as its raw 28 bytes with typed setters and getters for the layouts we
// use: it goes back to the wire exactly as it came, whatever the op.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/buffer.h"
#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "osdc/osd_op_codes.h"

namespace radosio::osdc {

inline constexpr std::size_t osd_op_wire_size = 38;
inline constexpr std::size_t osd_op_args_size = 28;

struct osd_op {
  op_code code = op_code::read;
  std::uint32_t flags = 0;  // op_flag bits
  std::array<std::uint8_t, osd_op_args_size> args{};
  buffer_list indata;   // request: the op's input (its payload_len is indata.size())
  buffer_list outdata;  // reply: the op's output
  std::int32_t rval = 0;  // reply: the op's own result

  // ---- the argument union's layouts (little-endian, packed) ----
  // extent: offset, length, truncate_size, truncate_seq (read, write, zero, truncate, ...)
  void set_extent(std::uint64_t offset, std::uint64_t length, std::uint64_t truncate_size = 0,
                  std::uint32_t truncate_seq = 0) noexcept;
  [[nodiscard]] std::uint64_t extent_offset() const noexcept { return u64_at(0); }
  [[nodiscard]] std::uint64_t extent_length() const noexcept { return u64_at(8); }
  // xattr: name_len, value_len, cmp_op, cmp_mode
  void set_xattr(std::uint32_t name_len, std::uint32_t value_len, std::uint8_t cmp_operator = 0,
                 std::uint8_t cmp_mode_ = 0) noexcept;
  // cls: class_len, method_len, argc, indata_len
  void set_cls(std::uint8_t class_len, std::uint8_t method_len, std::uint32_t indata_len) noexcept;
  // pgls: count, start_epoch
  void set_pgls(std::uint64_t count, std::uint32_t start_epoch) noexcept;
  // snap: snapid (rollback)
  void set_snap(std::uint64_t snapid) noexcept;
  // watch: cookie, ver, op, gen, timeout
  void set_watch(std::uint64_t cookie, watch_op op, std::uint32_t gen, std::uint32_t timeout) noexcept;
  // notify: cookie
  void set_notify(std::uint64_t cookie) noexcept;
  // assert_ver: unused le64, ver
  void set_assert_version(std::uint64_t version) noexcept;
  // alloc_hint: expected_object_size, expected_write_size, flags
  void set_alloc_hint(std::uint64_t object_size, std::uint64_t write_size, std::uint32_t flags) noexcept;

  [[nodiscard]] std::uint64_t u64_at(std::size_t at) const noexcept;
  [[nodiscard]] std::uint32_t u32_at(std::size_t at) const noexcept;
  void put_u64(std::size_t at, std::uint64_t v) noexcept;
  void put_u32(std::size_t at, std::uint32_t v) noexcept;
};

// The 38 bytes; `payload_len` is passed because a request gives its input size and a reply
// its output size.
void encode_osd_op(wire::encoder& e, const osd_op& op, std::uint32_t payload_len);
// Reads the 38 bytes into `op` (code, flags, args) and returns payload_len.
std::uint32_t decode_osd_op(wire::decoder& d, osd_op& op);

// "writefull 0~17" style description for errors and logs.
[[nodiscard]] std::string describe(const osd_op& op);

}  // namespace radosio::osdc
