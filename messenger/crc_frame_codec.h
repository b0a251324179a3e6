#pragma once
// msgr2.1 crc mode: frames in the clear, protected against corruption (not tampering) by
// crc32c.
//
//   preamble(32) | seg1 | le32 crc(seg1) | seg2 | seg3 | seg4 | epilogue(13)
//
// seg1's crc is there only when seg1 is not empty; the epilogue only when num_segments > 1.
// Both are Ceph's rev1 rules (frames_v2.cc asm_crc_rev1, kernel head_onwire_len).
//
// Sans-I/O: the reader asks preamble_size(), hands those bytes to on_preamble(), which says
// how many more to read, and hands exactly those to on_rest(), which yields the frame.

#include <cstddef>
#include <optional>
#include <span>
#include <system_error>

#include "common/buffer.h"
#include "messenger/frame.h"
#include "messenger/preamble.h"

namespace radosio::msgr {

class crc_frame_codec {
 public:
  explicit crc_frame_codec(frame_limits limits = {}) noexcept : limits_(limits) {}

  [[nodiscard]] static constexpr bool is_secure() noexcept { return false; }
  [[nodiscard]] static constexpr std::size_t preamble_size() noexcept {
    return msgr::preamble_size;
  }
  [[nodiscard]] const frame_limits& limits() const noexcept { return limits_; }

  // Validates the preamble and sets `rest_size` to the number of bytes on_rest() needs
  // (possibly 0). Nothing is allocated, whatever the preamble claims.
  [[nodiscard]] std::error_code on_preamble(bytes_view bytes, std::size_t& rest_size) noexcept;

  // Checks the crcs and the epilogue of the rest of the frame. The segments of `out` are
  // slices of `rest` (no copy). frame_aborted means: drop this frame, read the next one.
  [[nodiscard]] std::error_code on_rest(const buffer& rest, frame& out);

  // Appends the frame's wire bytes to `out`. The caller's segment buffers are referenced,
  // not copied; only the preamble, crc and epilogue are new (one small allocation).
  [[nodiscard]] std::error_code encode(msgr::tag t, std::span<const buffer_list> segments,
                                       buffer_list& out);

 private:
  frame_limits limits_;
  std::optional<preamble> pending_;  // between on_preamble() and on_rest()
};

}  // namespace radosio::msgr
