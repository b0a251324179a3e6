#pragma once
// The AES-GCM nonces of one direction of a secure msgr2.1 connection.
//
// A nonce is 12 bytes: le32 fixed | le64 counter, both starting from the connection secret.
// Every GCM operation takes the current nonce and then increments the counter. (msgr2.0
// incremented the le32 instead, which let nonces repeat; CVE-2020-1759.) A GCM nonce must
// never be used twice with one key, so once the counter has gone all the way round to its
// first value the sequence refuses to go on, as Ceph's "out of nonces" does.

#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <system_error>

#include "messenger/msgr_error.h"

namespace radosio::msgr {

inline constexpr std::size_t gcm_nonce_size = 12;
using gcm_nonce = std::array<std::uint8_t, gcm_nonce_size>;

class nonce_sequence {
 public:
  nonce_sequence() = default;
  explicit nonce_sequence(std::span<const std::uint8_t, gcm_nonce_size> initial) noexcept {
    std::memcpy(&fixed_, initial.data(), sizeof fixed_);  // host is little-endian
    std::memcpy(&initial_, initial.data() + 4, sizeof initial_);
    next_ = initial_;
  }

  // The nonce for the next GCM operation.
  [[nodiscard]] std::error_code next(gcm_nonce& out) noexcept {
    if (exhausted_) return msgr_errc::out_of_nonces;
    std::memcpy(out.data(), &fixed_, sizeof fixed_);
    std::memcpy(out.data() + 4, &next_, sizeof next_);
    ++next_;
    if (next_ == initial_) exhausted_ = true;
    return {};
  }

  // Discards `n` nonces unused. Skipping never makes a nonce reusable; it lets tests reach the
  // end of a 2^64 counter.
  void skip(std::uint64_t n) noexcept {
    if (exhausted_ || n == 0) return;
    const std::uint64_t used = next_ - initial_;
    // 2^64 - used nonces are left (all of them when used == 0).
    if (used != 0 && n >= ~used + 1) {
      next_ = initial_;
      exhausted_ = true;
      return;
    }
    next_ += n;
  }

  // The counter the next nonce will carry.
  [[nodiscard]] std::uint64_t counter() const noexcept { return next_; }
  [[nodiscard]] bool exhausted() const noexcept { return exhausted_; }

 private:
  std::uint32_t fixed_ = 0;
  std::uint64_t initial_ = 0;
  std::uint64_t next_ = 0;
  bool exhausted_ = false;
};

}  // namespace radosio::msgr
