#pragma once
// msgr2.1 secure mode: every frame encrypted and authenticated with AES-128-GCM, in up to
// three GCM operations, each with its own nonce:
//
//   A: preamble(32) | first 48 bytes of seg1, zero-padded             -> 80 + 16 tag = 96
//   B: the rest of seg1, zero-padded to 16          (only if seg1 > 48) -> n + 16 tag
//   C: seg2 | seg3 | seg4, each zero-padded to 16, | late_status + 15 zeros
//                                              (only if num_segments > 1) -> n + 16 tag
//
// So a reader first reads 96 bytes, which decrypt to the preamble (with its crc, still
// checked) and the start of segment 1; small control frames arrive in one read.
// (Ceph frames_v2.cc asm_secure_rev1; kernel messenger_v2.c prepare_head_secure_small.)

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <system_error>

#include "common/buffer.h"
#include "messenger/aes_gcm.h"
#include "messenger/frame.h"
#include "messenger/gcm_nonce.h"
#include "messenger/preamble.h"

namespace radosio::msgr {

// Which end of the connection we are: the two ends use the secret's nonces crossed.
enum class connection_side { client, server };

// Key and starting nonces, taken from the connection secret cephx hands both ends
// (64 bytes; the first 40 are used): key = [0,16), client rx nonce = [16,28), client tx
// nonce = [28,40). The server receives with the client's tx nonce and vice versa.
struct secure_session_keys {
  std::array<std::uint8_t, gcm_key_size> key{};
  gcm_nonce rx_nonce{};
  gcm_nonce tx_nonce{};
};

// bad_connection_secret if the secret is shorter than 40 bytes (cephx in crc mode sends an
// empty one: secure mode cannot start on it).
[[nodiscard]] std::error_code session_keys_from_secret(bytes_view connection_secret,
                                                       connection_side side,
                                                       secure_session_keys& out) noexcept;

inline constexpr std::size_t secure_inline_size = 48;  // seg1 bytes carried in block A
inline constexpr std::size_t secure_preamble_block_size =
    msgr::preamble_size + secure_inline_size + gcm_tag_size;  // 96

class secure_frame_codec {
 public:
  explicit secure_frame_codec(const secure_session_keys& keys, frame_limits limits = {}) noexcept;
  // For resuming or testing with nonce sequences prepared elsewhere.
  secure_frame_codec(std::span<const std::uint8_t, gcm_key_size> key, nonce_sequence rx,
                     nonce_sequence tx, frame_limits limits = {}) noexcept;

  [[nodiscard]] static constexpr bool is_secure() noexcept { return true; }
  [[nodiscard]] static constexpr std::size_t preamble_size() noexcept {
    return secure_preamble_block_size;
  }
  [[nodiscard]] const frame_limits& limits() const noexcept { return limits_; }

  // Decrypts and validates block A and sets `rest_size` to the bytes of blocks B and C.
  // Consumes one rx nonce, even on failure (the peer consumed one to send it).
  [[nodiscard]] std::error_code on_preamble(bytes_view bytes, std::size_t& rest_size);

  // Decrypts blocks B and C. The segments of `out` share storage with the decrypted
  // plaintext (one buffer for segment 1, one for segments 2-4).
  [[nodiscard]] std::error_code on_rest(const buffer& rest, frame& out);

  // Appends the frame's ciphertext to `out` as one buffer, encrypting straight from the
  // caller's segment buffers (no intermediate plaintext copy beyond block A).
  [[nodiscard]] std::error_code encode(msgr::tag t, std::span<const buffer_list> segments,
                                       buffer_list& out);

 private:
  aes128_gcm gcm_;
  nonce_sequence rx_;
  nonce_sequence tx_;
  frame_limits limits_;
  std::optional<preamble> pending_;
  // Block A's plaintext after the preamble: the inline head of segment 1.
  std::array<std::uint8_t, secure_inline_size> pending_inline_{};
};

}  // namespace radosio::msgr
