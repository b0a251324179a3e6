#pragma once
// The msgr2.1 frame epilogue, sent only by frames with more than one segment.
//
//   crc mode:    u8 late_status | le32 crc(seg2) | le32 crc(seg3) | le32 crc(seg4)   (13 bytes)
//   secure mode: u8 late_status | 15 zero bytes, encrypted with segments 2-4        (16 bytes)
//
// late_status uses a 4-bit code (0xE complete, 0x1 aborted) rather than one bit, so that a
// single flipped bit in crc mode cannot turn one into the other.

#include <cstddef>
#include <cstdint>
#include <system_error>

#include "messenger/msgr_error.h"

namespace radosio::msgr {

inline constexpr std::uint8_t late_status_complete = 0x0e;
inline constexpr std::uint8_t late_status_aborted = 0x01;
inline constexpr std::uint8_t late_status_mask = 0x0f;

inline constexpr std::size_t crc_epilogue_size = 13;
inline constexpr std::size_t secure_epilogue_size = 16;

// Segment 1's crc follows segment 1 directly in crc mode (when segment 1 is not empty).
inline constexpr std::size_t segment_crc_size = 4;
// Segments, the crc of an empty-but-present one being 0xffffffff: the crc of nothing.
inline constexpr std::uint32_t segment_crc_seed = 0xffffffff;

// Complete: ok. Aborted: frame_aborted (drop the frame, keep reading). Anything else:
// bad_late_status. The high nibble is reserved and ignored, as Ceph does.
[[nodiscard]] inline std::error_code check_late_status(std::uint8_t status) noexcept {
  switch (status & late_status_mask) {
    case late_status_complete:
      return {};
    case late_status_aborted:
      return msgr_errc::frame_aborted;
    default:
      return msgr_errc::bad_late_status;
  }
}

}  // namespace radosio::msgr
