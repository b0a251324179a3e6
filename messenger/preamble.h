#pragma once
// The 32-byte frame preamble, identical in crc and secure mode (in secure mode it travels
// encrypted, but its crc is still there and still checked):
//
//   u8 tag | u8 num_segments | 4 x {le32 length, le16 alignment} | u8 flags | u8 reserved
//   | le32 crc32c(seed 0, the 28 bytes before it)
//
// Unused segment slots are zero. Pacific leaves the flags byte zero; Quincy uses it to mark
// compressed frames, which only happens after a compression negotiation we never start.

#include <array>
#include <cstdint>
#include <span>
#include <system_error>

#include "common/buffer.h"
#include "messenger/frame.h"

namespace radosio::msgr {

inline constexpr std::size_t preamble_size = 32;

struct segment_desc {
  std::uint32_t length = 0;
  std::uint16_t alignment = 0;
  friend bool operator==(const segment_desc&, const segment_desc&) = default;
};

struct preamble {
  msgr::tag tag{};
  std::uint8_t num_segments = 1;
  std::array<segment_desc, max_segments> segments{};  // slots >= num_segments are zero
  std::uint8_t flags = 0;

  // Sum of the declared segment lengths.
  [[nodiscard]] std::uint64_t payload_length() const noexcept;
  friend bool operator==(const preamble&, const preamble&) = default;
};

// The preamble for a frame with these segment lengths: trailing empty segments dropped
// (at least one kept) and Ceph's alignment hints filled in. At most max_segments lengths
// are used.
[[nodiscard]] preamble make_preamble(msgr::tag t,
                                     std::span<const std::uint32_t> segment_lengths) noexcept;

// The same for the segments of a frame about to be sent: bad_segment_count for more than
// four, length_too_large for a segment that does not fit a le32.
[[nodiscard]] std::error_code make_preamble(msgr::tag t, std::span<const buffer_list> segments,
                                            preamble& out) noexcept;

void encode_preamble(const preamble& p, std::span<std::uint8_t, preamble_size> out) noexcept;

// Checks the crc first (nothing else in a corrupt preamble can be trusted), then the framing
// rules and `limits`, so that a hostile length is refused before the caller allocates.
[[nodiscard]] std::error_code decode_preamble(bytes_view bytes, const frame_limits& limits,
                                              preamble& out) noexcept;

}  // namespace radosio::msgr
