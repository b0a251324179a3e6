#include "messenger/preamble.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "common/crc32c.h"
#include "common/error.h"
#include "messenger/msgr_error.h"

namespace radosio::msgr {
namespace {

constexpr std::size_t crc_offset = preamble_size - 4;
constexpr std::size_t flags_offset = 26;

template <class T>
void store_le(std::uint8_t* p, T v) noexcept {
  std::memcpy(p, &v, sizeof v);  // host is little-endian
}

template <class T>
T load_le(const std::uint8_t* p) noexcept {
  T v{};
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

std::uint64_t preamble::payload_length() const noexcept {
  std::uint64_t total = 0;
  for (const auto& s : segments) total += s.length;
  return total;
}

preamble make_preamble(msgr::tag t, std::span<const std::uint32_t> segment_lengths) noexcept {
  preamble p;
  p.tag = t;
  const auto count = std::min(segment_lengths.size(), max_segments);
  std::size_t used = 1;
  for (std::size_t i = count; i > 0; --i) {
    if (segment_lengths[i - 1] != 0) {
      used = i;
      break;
    }
  }
  p.num_segments = static_cast<std::uint8_t>(used);
  for (std::size_t i = 0; i < used; ++i) {
    p.segments[i].length = i < count ? segment_lengths[i] : 0;
    p.segments[i].alignment = segment_alignments[i];
  }
  return p;
}

std::error_code make_preamble(msgr::tag t, std::span<const buffer_list> segments,
                              preamble& out) noexcept {
  if (segments.size() > max_segments) return msgr_errc::bad_segment_count;
  std::array<std::uint32_t, max_segments> lengths{};
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (segments[i].size() > UINT32_MAX) return errc::length_too_large;
    lengths[i] = static_cast<std::uint32_t>(segments[i].size());
  }
  out = make_preamble(t, lengths);
  return {};
}

void encode_preamble(const preamble& p, std::span<std::uint8_t, preamble_size> out) noexcept {
  std::uint8_t* b = out.data();
  std::memset(b, 0, preamble_size);
  b[0] = static_cast<std::uint8_t>(p.tag);
  b[1] = p.num_segments;
  for (std::size_t i = 0; i < max_segments; ++i) {
    store_le(b + 2 + 6 * i, p.segments[i].length);
    store_le(b + 6 + 6 * i, p.segments[i].alignment);
  }
  b[flags_offset] = p.flags;
  store_le(b + crc_offset, crc32c(0, bytes_view(b, crc_offset)));
}

std::error_code decode_preamble(bytes_view bytes, const frame_limits& limits,
                                preamble& out) noexcept {
  if (bytes.size() != preamble_size) return errc::truncated;
  const std::uint8_t* b = bytes.data();
  if (crc32c(0, bytes.first(crc_offset)) != load_le<std::uint32_t>(b + crc_offset))
    return errc::bad_crc;

  preamble p;
  const std::uint8_t count = b[1];
  if (count < 1 || count > max_segments) return msgr_errc::bad_segment_count;
  if (!is_known_tag(b[0])) return msgr_errc::unknown_tag;
  p.tag = static_cast<msgr::tag>(b[0]);
  p.num_segments = count;
  // Slots past num_segments are zero from honest peers; like Ceph we do not look at them.
  for (std::size_t i = 0; i < count; ++i) {
    p.segments[i].length = load_le<std::uint32_t>(b + 2 + 6 * i);
    p.segments[i].alignment = load_le<std::uint16_t>(b + 6 + 6 * i);
  }
  p.flags = b[flags_offset];
  // The only flag defined (Quincy's "compressed") needs a negotiation we never start: a
  // frame that carries it holds bytes we would misread.
  if (p.flags != 0) return msgr_errc::bad_preamble;
  // A sender drops trailing empty segments, so a declared-but-empty last one is malformed.
  if (count > 1 && p.segments[count - 1].length == 0) return msgr_errc::bad_preamble;
  if (p.segments[0].length > limits.max_segment1_length) return errc::length_too_large;
  if (p.payload_length() > limits.max_frame_length) return errc::length_too_large;
  out = p;
  return {};
}

}  // namespace radosio::msgr
