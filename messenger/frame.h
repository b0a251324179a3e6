#pragma once
// What a msgr2 frame is once the framing is stripped: a tag and up to four segments.
//
// Control frames use one segment. MESSAGE frames use four: ceph_msg_header2, front, middle
// and data. Trailing empty segments are not sent (num_segments counts up to the last
// non-empty one, and is at least 1), but an empty segment in the middle is.

#include <array>
#include <cstddef>
#include <cstdint>

#include "common/buffer.h"
#include "messenger/frame_tags.h"

namespace radosio::msgr {

inline constexpr std::size_t max_segments = 4;

// Alignment hints written into the preamble, per segment slot, as Ceph and the kernel send
// them (8 = sizeof(void*), and a page for the data segment so receivers can read it straight
// into page-aligned memory). Observed in the transcripts: control frames 8; MOSDOp 8,8,8,4096.
// On receipt they are ignored: they only say how the peer would like its buffers aligned.
inline constexpr std::array<std::uint16_t, max_segments> segment_alignments{8, 8, 8, 4096};

struct frame {
  msgr::tag tag{};
  std::uint8_t num_segments = 1;  // as the preamble declared, 1..4
  // Segment payloads; slots at and past num_segments are empty. They share storage with the
  // bytes handed to the codec (crc mode) or with the decrypted plaintext (secure mode).
  std::array<buffer, max_segments> segments;
};

// Caps checked at the preamble, before anything is allocated for the rest of the frame. The
// kernel client caps the control segment at 16 MiB and the data segment at 64 MiB; a client
// reading large objects may raise max_frame_length.
struct frame_limits {
  std::uint32_t max_segment1_length = 16u << 20;  // control payload, or ceph_msg_header2
  std::uint64_t max_frame_length = 256u << 20;    // all segments together
};

}  // namespace radosio::msgr
