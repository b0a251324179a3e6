#pragma once
// One msgr2.1 connection's framing, in whichever mode it currently runs.
//
// Why a std::variant and not a virtual interface: the set of modes is closed (msgr2.1 defines
// crc and secure, nothing else will plug in), a connection switches exactly once, after
// AUTH_DONE, by assigning a new codec, and the codec then lives inside the connection object
// by value: no heap allocation, no base class whose destructor must be virtual, and the
// compiler checks below that both modes offer the same operations.
//
// Reading, without I/O: read preamble_size() bytes, pass them to on_preamble() which says
// how many bytes follow, read exactly that many, pass them to on_rest() which yields the
// frame. Any error except frame_aborted means the connection must be closed.

#include <concepts>
#include <cstddef>
#include <span>
#include <system_error>
#include <utility>
#include <variant>

#include "common/buffer.h"
#include "common/error.h"
#include "messenger/crc_frame_codec.h"
#include "messenger/frame.h"
#include "messenger/secure_frame_codec.h"

namespace radosio::msgr {

template <class C>
concept frame_codec_mode = requires(C c, const C cc, bytes_view bytes, const buffer& rest,
                                    std::size_t& size, frame& f, tag t,
                                    std::span<const buffer_list> segments, buffer_list& out) {
  { cc.is_secure() } -> std::same_as<bool>;
  { cc.preamble_size() } -> std::same_as<std::size_t>;
  { c.on_preamble(bytes, size) } -> std::same_as<std::error_code>;
  { c.on_rest(rest, f) } -> std::same_as<std::error_code>;
  { c.encode(t, segments, out) } -> std::same_as<std::error_code>;
};
static_assert(frame_codec_mode<crc_frame_codec>);
static_assert(frame_codec_mode<secure_frame_codec>);

class frame_codec {
 public:
  // A new connection starts in crc mode: every frame up to AUTH_DONE is a crc frame.
  frame_codec() = default;
  frame_codec(crc_frame_codec c) : mode_(std::move(c)) {}     // NOLINT: implicit by design
  frame_codec(secure_frame_codec c) : mode_(std::move(c)) {}  // NOLINT

  [[nodiscard]] bool is_secure() const noexcept {
    return std::holds_alternative<secure_frame_codec>(mode_);
  }
  [[nodiscard]] std::size_t preamble_size() const noexcept {
    return std::visit([](const auto& m) { return m.preamble_size(); }, mode_);
  }
  [[nodiscard]] std::error_code on_preamble(bytes_view bytes, std::size_t& rest_size) {
    return std::visit([&](auto& m) { return m.on_preamble(bytes, rest_size); }, mode_);
  }
  [[nodiscard]] std::error_code on_rest(const buffer& rest, frame& out) {
    return std::visit([&](auto& m) { return m.on_rest(rest, out); }, mode_);
  }
  [[nodiscard]] std::error_code encode(tag t, std::span<const buffer_list> segments,
                                       buffer_list& out) {
    return std::visit([&](auto& m) { return m.encode(t, segments, out); }, mode_);
  }

 private:
  std::variant<crc_frame_codec, secure_frame_codec> mode_;
};
static_assert(frame_codec_mode<frame_codec>);

// Decodes the frame at the start of `bytes` the way a reader would (preamble, then the
// rest), for tests and fuzzers that hold raw bytes. `consumed` is set to the frame's size on
// success. Input that ends before the frame does gives `truncated`.
template <frame_codec_mode C>
[[nodiscard]] std::error_code decode_frame(C& codec, const buffer& bytes, frame& out,
                                           std::size_t& consumed) {
  const std::size_t head = codec.preamble_size();
  if (bytes.size() < head) return make_error_code(errc::truncated);
  std::size_t rest = 0;
  if (auto ec = codec.on_preamble(bytes.view().first(head), rest)) return ec;
  if (bytes.size() - head < rest) return make_error_code(errc::truncated);
  if (auto ec = codec.on_rest(bytes.slice(head, rest), out)) return ec;
  consumed = head + rest;
  return {};
}

}  // namespace radosio::msgr
