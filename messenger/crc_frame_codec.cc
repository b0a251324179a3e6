#include "messenger/crc_frame_codec.h"

#include <array>
#include <cstring>
#include <vector>

#include "common/crc32c.h"
#include "common/error.h"
#include "messenger/epilogue.h"
#include "messenger/msgr_error.h"

namespace radosio::msgr {
namespace {

std::uint64_t rest_length(const preamble& p) noexcept {
  std::uint64_t n = 0;
  if (p.segments[0].length > 0) n += p.segments[0].length + segment_crc_size;
  if (p.num_segments > 1) {
    for (std::size_t i = 1; i < p.num_segments; ++i) n += p.segments[i].length;
    n += crc_epilogue_size;
  }
  return n;
}

std::uint32_t load_le32(const std::uint8_t* p) noexcept {
  std::uint32_t v = 0;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void store_le32(std::uint8_t* p, std::uint32_t v) noexcept { std::memcpy(p, &v, sizeof v); }

}  // namespace

std::error_code crc_frame_codec::on_preamble(bytes_view bytes, std::size_t& rest_size) noexcept {
  pending_.reset();
  preamble p;
  if (auto ec = decode_preamble(bytes, limits_, p)) return ec;
  rest_size = static_cast<std::size_t>(rest_length(p));
  pending_ = p;
  return {};
}

std::error_code crc_frame_codec::on_rest(const buffer& rest, frame& out) {
  if (!pending_) return msgr_errc::codec_misuse;
  const preamble p = *pending_;
  pending_.reset();
  const auto expected = rest_length(p);
  if (rest.size() < expected) return errc::truncated;
  if (rest.size() > expected) return msgr_errc::codec_misuse;

  frame f;
  f.tag = p.tag;
  f.num_segments = p.num_segments;
  std::size_t at = 0;
  const std::uint32_t len1 = p.segments[0].length;
  if (len1 > 0) {
    f.segments[0] = rest.slice(0, len1);
    if (crc32c(segment_crc_seed, f.segments[0].view()) != load_le32(rest.data() + len1))
      return errc::bad_crc;
    at = len1 + segment_crc_size;
  }
  if (p.num_segments > 1) {
    for (std::size_t i = 1; i < p.num_segments; ++i) {
      f.segments[i] = rest.slice(at, p.segments[i].length);
      at += p.segments[i].length;
    }
    const std::uint8_t* epilogue = rest.data() + at;
    for (std::size_t i = 1; i < p.num_segments; ++i) {
      const auto stored = load_le32(epilogue + 1 + segment_crc_size * (i - 1));
      if (crc32c(segment_crc_seed, f.segments[i].view()) != stored) return errc::bad_crc;
    }
    // Like Ceph, crcs first: a frame that fails them is corrupt whatever its status says.
    if (auto ec = check_late_status(epilogue[0])) return ec;
  }
  out = std::move(f);
  return {};
}

std::error_code crc_frame_codec::encode(msgr::tag t, std::span<const buffer_list> segments,
                                        buffer_list& out) {
  preamble p;
  if (auto ec = make_preamble(t, segments, p)) return ec;

  // Preamble, seg1 crc and epilogue share one allocation, sliced three ways.
  constexpr std::size_t crc_at = msgr::preamble_size;
  constexpr std::size_t epilogue_at = crc_at + segment_crc_size;
  std::vector<std::uint8_t> small(epilogue_at + crc_epilogue_size, 0);
  encode_preamble(p,
                  std::span<std::uint8_t, msgr::preamble_size>(small.data(), msgr::preamble_size));
  const bool has_seg1 = p.segments[0].length > 0;
  if (has_seg1) store_le32(small.data() + crc_at, crc32c(segment_crc_seed, segments[0]));
  if (p.num_segments > 1) {
    small[epilogue_at] = late_status_complete;
    // Slots past num_segments keep crc 0, as Ceph sends them.
    for (std::size_t i = 1; i < p.num_segments; ++i)
      store_le32(small.data() + epilogue_at + 1 + segment_crc_size * (i - 1),
                 crc32c(segment_crc_seed, segments[i]));
  }
  const buffer pieces = buffer::adopt(std::move(small));

  out.append(pieces.slice(0, msgr::preamble_size));
  if (has_seg1) {
    out.append(segments[0]);
    out.append(pieces.slice(crc_at, segment_crc_size));
  }
  if (p.num_segments > 1) {
    for (std::size_t i = 1; i < p.num_segments; ++i) out.append(segments[i]);
    out.append(pieces.slice(epilogue_at, crc_epilogue_size));
  }
  return {};
}

}  // namespace radosio::msgr
