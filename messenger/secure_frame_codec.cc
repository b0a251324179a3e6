#include "messenger/secure_frame_codec.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "common/error.h"
#include "messenger/epilogue.h"
#include "messenger/msgr_error.h"

namespace radosio::msgr {
namespace {

constexpr std::size_t block_size = 16;  // segments are padded to the AES block size
constexpr std::size_t head_plain_size = msgr::preamble_size + secure_inline_size;  // 80
constexpr std::size_t secret_used = gcm_key_size + 2 * gcm_nonce_size;             // 40

constexpr std::array<std::uint8_t, block_size> zeros{};

constexpr std::uint64_t padded(std::uint64_t n) noexcept {
  return (n + block_size - 1) / block_size * block_size;
}

// Ciphertext+tag size of block B: the part of segment 1 that does not fit inline.
std::uint64_t seg1_block_size(const preamble& p) noexcept {
  const std::uint32_t len1 = p.segments[0].length;
  return len1 > secure_inline_size ? padded(len1 - secure_inline_size) + gcm_tag_size : 0;
}

// Ciphertext+tag size of block C: segments 2-4 and the epilogue.
std::uint64_t tail_block_size(const preamble& p) noexcept {
  if (p.num_segments < 2) return 0;
  std::uint64_t n = secure_epilogue_size + gcm_tag_size;
  for (std::size_t i = 1; i < p.num_segments; ++i) n += padded(p.segments[i].length);
  return n;
}

// The views of `bl`'s buffers, then zeros up to the block size.
void add_padded(std::vector<bytes_view>& pieces, const buffer_list& bl) {
  for (const auto& b : bl.segments()) pieces.push_back(b.view());
  const auto pad = padded(bl.size()) - bl.size();
  if (pad != 0) pieces.push_back(bytes_view(zeros.data(), pad));
}

}  // namespace

std::error_code session_keys_from_secret(bytes_view connection_secret, connection_side side,
                                         secure_session_keys& out) noexcept {
  if (connection_secret.size() < secret_used) return msgr_errc::bad_connection_secret;
  const std::uint8_t* s = connection_secret.data();
  std::memcpy(out.key.data(), s, gcm_key_size);
  const std::uint8_t* first = s + gcm_key_size;                    // the client's rx nonce
  const std::uint8_t* second = s + gcm_key_size + gcm_nonce_size;  // the client's tx nonce
  const bool client = side == connection_side::client;
  std::memcpy(out.rx_nonce.data(), client ? first : second, gcm_nonce_size);
  std::memcpy(out.tx_nonce.data(), client ? second : first, gcm_nonce_size);
  return {};
}

secure_frame_codec::secure_frame_codec(const secure_session_keys& keys,
                                       frame_limits limits) noexcept
    : secure_frame_codec(keys.key, nonce_sequence(keys.rx_nonce), nonce_sequence(keys.tx_nonce),
                         limits) {}

secure_frame_codec::secure_frame_codec(std::span<const std::uint8_t, gcm_key_size> key,
                                       nonce_sequence rx, nonce_sequence tx,
                                       frame_limits limits) noexcept
    : gcm_(key), rx_(rx), tx_(tx), limits_(limits) {}

std::error_code secure_frame_codec::on_preamble(bytes_view bytes, std::size_t& rest_size) {
  pending_.reset();
  if (bytes.size() != secure_preamble_block_size) return errc::truncated;
  gcm_nonce nonce;
  if (auto ec = rx_.next(nonce)) return ec;
  std::array<std::uint8_t, head_plain_size> plain;
  if (auto ec = gcm_.open(nonce, bytes, plain.data())) return ec;
  preamble p;
  if (auto ec = decode_preamble(bytes_view(plain.data(), msgr::preamble_size), limits_, p))
    return ec;
  std::memcpy(pending_inline_.data(), plain.data() + msgr::preamble_size, secure_inline_size);
  rest_size = static_cast<std::size_t>(seg1_block_size(p) + tail_block_size(p));
  pending_ = p;
  return {};
}

std::error_code secure_frame_codec::on_rest(const buffer& rest, frame& out) {
  if (!pending_) return msgr_errc::codec_misuse;
  const preamble p = *pending_;
  pending_.reset();
  const auto b_size = static_cast<std::size_t>(seg1_block_size(p));
  const auto c_size = static_cast<std::size_t>(tail_block_size(p));
  if (rest.size() < b_size + c_size) return errc::truncated;
  if (rest.size() > b_size + c_size) return msgr_errc::codec_misuse;

  frame f;
  f.tag = p.tag;
  f.num_segments = p.num_segments;
  const std::uint32_t len1 = p.segments[0].length;
  gcm_nonce nonce;
  if (b_size == 0) {
    f.segments[0] = buffer::copy_of(bytes_view(pending_inline_.data(), len1));
  } else {
    // Segment 1 = the inline head, then block B decrypted right behind it.
    std::uint8_t* seg1_data = nullptr;
    const buffer seg1 = buffer::allocate(secure_inline_size + b_size - gcm_tag_size, seg1_data);
    std::memcpy(seg1_data, pending_inline_.data(), secure_inline_size);
    if (auto ec = rx_.next(nonce)) return ec;
    if (auto ec = gcm_.open(nonce, rest.view().first(b_size), seg1_data + secure_inline_size))
      return ec;
    f.segments[0] = seg1.slice(0, len1);
  }
  if (c_size != 0) {
    // Uninitialised: every byte is written by the decryption (a 4 MiB read is not memset).
    std::uint8_t* tail_data = nullptr;
    const std::size_t tail_size = c_size - gcm_tag_size;
    const buffer plain = buffer::allocate(tail_size, tail_data);
    if (auto ec = rx_.next(nonce)) return ec;
    if (auto ec = gcm_.open(nonce, rest.view().subspan(b_size, c_size), tail_data)) return ec;
    if (auto ec = check_late_status(tail_data[tail_size - secure_epilogue_size])) return ec;
    std::size_t at = 0;
    for (std::size_t i = 1; i < p.num_segments; ++i) {
      f.segments[i] = plain.slice(at, p.segments[i].length);
      at += static_cast<std::size_t>(padded(p.segments[i].length));
    }
  }
  out = std::move(f);
  return {};
}

std::error_code secure_frame_codec::encode(msgr::tag t, std::span<const buffer_list> segments,
                                           buffer_list& out) {
  preamble p;
  if (auto ec = make_preamble(t, segments, p)) return ec;
  const auto b_size = static_cast<std::size_t>(seg1_block_size(p));
  const auto c_size = static_cast<std::size_t>(tail_block_size(p));
  std::uint8_t* at = nullptr;
  const buffer wire = buffer::allocate(secure_preamble_block_size + b_size + c_size, at);
  gcm_nonce nonce;

  // Block A: the preamble and up to 48 bytes of segment 1 (zeros after a shorter one).
  std::array<std::uint8_t, head_plain_size> head{};
  encode_preamble(p,
                  std::span<std::uint8_t, msgr::preamble_size>(head.data(), msgr::preamble_size));
  if (!segments.empty())
    segments[0].sub_list(0, secure_inline_size).copy_to(head.data() + msgr::preamble_size);
  const bytes_view head_view(head);
  if (auto ec = tx_.next(nonce)) return ec;
  if (auto ec = gcm_.seal(nonce, std::span(&head_view, 1), at)) return ec;
  at += secure_preamble_block_size;

  std::vector<bytes_view> pieces;
  if (b_size != 0) {
    const std::uint32_t len1 = p.segments[0].length;
    add_padded(pieces, segments[0].sub_list(secure_inline_size, len1 - secure_inline_size));
    if (auto ec = tx_.next(nonce)) return ec;
    if (auto ec = gcm_.seal(nonce, pieces, at)) return ec;
    at += b_size;
  }
  if (c_size != 0) {
    pieces.clear();
    for (std::size_t i = 1; i < p.num_segments; ++i) add_padded(pieces, segments[i]);
    std::array<std::uint8_t, secure_epilogue_size> epilogue{};
    epilogue[0] = late_status_complete;
    pieces.push_back(bytes_view(epilogue));
    if (auto ec = tx_.next(nonce)) return ec;
    if (auto ec = gcm_.seal(nonce, pieces, at)) return ec;
  }
  out.append(wire);
  return {};
}

}  // namespace radosio::msgr
