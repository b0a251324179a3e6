#pragma once
// The msgr2 banner: the first bytes each side sends, before any frame.
//
//   "ceph v2\n" | le16 payload length (16) | le64 supported features | le64 required features
//
// The features here are msgr2's own (revision 1, compression), unrelated to the Ceph feature
// bits exchanged later in CLIENT_IDENT/SERVER_IDENT. A reader takes the 10-byte prefix first
// (it says how long the payload is), then the payload.

#include <array>
#include <cstdint>
#include <system_error>

#include "common/buffer.h"

namespace radosio::msgr {

// msgr2 feature bits carried in the banner.
inline constexpr std::uint64_t msgr2_feature_revision_1 = 1;   // msgr2.1 framing
inline constexpr std::uint64_t msgr2_feature_compression = 2;  // Quincy+, not implemented

struct banner_features {
  std::uint64_t supported = 0;
  std::uint64_t required = 0;
  friend bool operator==(const banner_features&, const banner_features&) = default;
};

// What we offer: msgr2.1 only, nothing required.
inline constexpr banner_features our_banner_features{msgr2_feature_revision_1, 0};

inline constexpr std::size_t banner_prefix_size = 10;  // "ceph v2\n" + le16 payload length
inline constexpr std::size_t banner_payload_size = 16;
inline constexpr std::size_t banner_size = banner_prefix_size + banner_payload_size;

// Our 26-byte banner.
[[nodiscard]] std::array<std::uint8_t, banner_size> encode_banner(
    const banner_features& ours = our_banner_features) noexcept;

// Checks the first 10 bytes the peer sent and yields the payload length to read next.
// A msgr1 peer ("ceph v027") gets msgr1_peer, anything else that is not "ceph v2\n" gets
// not_msgr2; bytes of the wrong size are `truncated`.
[[nodiscard]] std::error_code parse_banner_prefix(bytes_view prefix,
                                                  std::uint16_t& payload_length) noexcept;

// Decodes the payload and checks it against what we support: the peer must offer msgr2.1
// and must not require anything we lack, and it must offer what we require. Later banner
// revisions may append fields; bytes past the two we know are ignored.
[[nodiscard]] std::error_code parse_banner_payload(bytes_view payload, const banner_features& ours,
                                                   banner_features& peer) noexcept;

// Both steps on a complete banner (prefix + payload, exactly), for callers that have it all.
[[nodiscard]] std::error_code parse_banner(bytes_view banner, const banner_features& ours,
                                           banner_features& peer) noexcept;

}  // namespace radosio::msgr
