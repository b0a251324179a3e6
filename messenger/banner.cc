#include "messenger/banner.h"

#include <cstring>
#include <string_view>

#include "common/error.h"
#include "messenger/msgr_error.h"

namespace radosio::msgr {
namespace {

constexpr std::string_view v2_magic = "ceph v2\n";
// msgr1's banner is 9 bytes; it fits in our 10-byte prefix read, so we can name the problem
// instead of reporting line noise.
constexpr std::string_view v1_magic = "ceph v027";

bool starts_with(bytes_view bytes, std::string_view magic) noexcept {
  return bytes.size() >= magic.size() && std::memcmp(bytes.data(), magic.data(), magic.size()) == 0;
}

std::uint64_t load_le64(const std::uint8_t* p) noexcept {
  std::uint64_t v = 0;
  std::memcpy(&v, p, sizeof v);  // host is little-endian, as everywhere in radosio
  return v;
}

}  // namespace

std::array<std::uint8_t, banner_size> encode_banner(const banner_features& ours) noexcept {
  std::array<std::uint8_t, banner_size> out{};
  std::memcpy(out.data(), v2_magic.data(), v2_magic.size());
  const std::uint16_t length = banner_payload_size;
  std::memcpy(out.data() + 8, &length, sizeof length);
  std::memcpy(out.data() + 10, &ours.supported, sizeof ours.supported);
  std::memcpy(out.data() + 18, &ours.required, sizeof ours.required);
  return out;
}

std::error_code parse_banner_prefix(bytes_view prefix, std::uint16_t& payload_length) noexcept {
  if (prefix.size() != banner_prefix_size) return errc::truncated;
  if (starts_with(prefix, v1_magic)) return msgr_errc::msgr1_peer;
  if (!starts_with(prefix, v2_magic)) return msgr_errc::not_msgr2;
  std::memcpy(&payload_length, prefix.data() + v2_magic.size(), sizeof payload_length);
  // Shorter than the two feature words cannot be decoded; longer is a future revision.
  if (payload_length < banner_payload_size) return msgr_errc::bad_banner;
  return {};
}

std::error_code parse_banner_payload(bytes_view payload, const banner_features& ours,
                                     banner_features& peer) noexcept {
  if (payload.size() < banner_payload_size) return msgr_errc::bad_banner;
  peer.supported = load_le64(payload.data());
  peer.required = load_le64(payload.data() + 8);
  if ((peer.required & ~ours.supported) != 0) return msgr_errc::missing_features;
  if ((ours.required & ~peer.supported) != 0) return msgr_errc::missing_features;
  // We implement only msgr2.1 framing (2.0 reused GCM nonces, CVE-2020-1759).
  if ((peer.supported & msgr2_feature_revision_1) == 0) return msgr_errc::no_revision_1;
  return {};
}

std::error_code parse_banner(bytes_view banner, const banner_features& ours,
                             banner_features& peer) noexcept {
  if (banner.size() < banner_prefix_size) return errc::truncated;
  std::uint16_t payload_length = 0;
  if (auto ec = parse_banner_prefix(banner.first(banner_prefix_size), payload_length)) return ec;
  if (banner.size() != banner_prefix_size + payload_length) return errc::truncated;
  return parse_banner_payload(banner.subspan(banner_prefix_size), ours, peer);
}

}  // namespace radosio::msgr
