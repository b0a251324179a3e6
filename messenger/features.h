#pragma once
// Ceph feature bits exchanged in CLIENT_IDENT / SERVER_IDENT (protocol.md d.12).
//
// Peers choose encodings by the features we advertise: a monitor re-encodes OSDMaps and pools
// for them, an OSD decides whether to send backoffs. We advertise the set a Pacific librados
// client advertises, so every daemon sends us exactly what it sends librados (the encodings the
// corpus and transcripts were recorded with). The bits that change what a peer sends a client
// are named below, and each layer implements what its bits promise.

#include <cstdint>
#include <string>

namespace radosio::msgr::feature {

inline constexpr std::uint64_t crush_tunables = 1ull << 18;
inline constexpr std::uint64_t server_luminous_bit = 1ull << 21;  // with 57: luminous mask
inline constexpr std::uint64_t crush_tunables2 = 1ull << 25;
inline constexpr std::uint64_t server_mimic_bit = 1ull << 28;
inline constexpr std::uint64_t osdhashpspool = 1ull << 30;
inline constexpr std::uint64_t osd_cachepool = 1ull << 35;
inline constexpr std::uint64_t crush_v2 = 1ull << 36;
inline constexpr std::uint64_t crush_tunables3 = 1ull << 41;  // also OSD_PRIMARY_AFFINITY
inline constexpr std::uint64_t msgr_keepalive2 = 1ull << 42;
inline constexpr std::uint64_t crush_v4 = 1ull << 48;  // straw2
inline constexpr std::uint64_t new_osdop_encoding = 1ull << 56;
inline constexpr std::uint64_t server_jewel = 1ull << 57;  // also the incarnation-2 marker
inline constexpr std::uint64_t crush_tunables5 = 1ull << 58;
inline constexpr std::uint64_t msg_addr2 = 1ull << 59;
inline constexpr std::uint64_t cephx_v2 = 1ull << 61;

// Masks that only hold when their incarnation marker is present too.
inline constexpr std::uint64_t server_luminous = server_luminous_bit | server_jewel;
inline constexpr std::uint64_t rados_backoff = server_luminous;
inline constexpr std::uint64_t osdmap_pg_upmap = server_luminous;
inline constexpr std::uint64_t crush_choose_args = server_luminous;

// What we advertise (Pacific librados' set) and require (nothing beyond msgr2's own needs).
inline constexpr std::uint64_t supported = 0x3f01cfbdfffdffffull;
inline constexpr std::uint64_t required = 0;

[[nodiscard]] constexpr bool has(std::uint64_t features, std::uint64_t mask) noexcept {
  return (features & mask) == mask;
}

// "0x... (bits 36, 61)" for error messages about missing features.
[[nodiscard]] std::string describe_bits(std::uint64_t bits);

}  // namespace radosio::msgr::feature
