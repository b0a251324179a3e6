#pragma once
// Error codes of radosio's own making (as opposed to errnos a peer sends back, which are
// carried as std::errc in the generic category). Every layer reports failures as
// std::error_code; these are the codes that name what went wrong inside the client.

#include <string>
#include <system_error>

namespace radosio {

enum class errc {
  ok = 0,
  truncated,            // input ended before a field was complete
  length_too_large,     // a length or count larger than the input (or a hard cap) allows
  unsupported_version,  // an encoding whose compat version is newer than what we understand
  malformed,            // a value that cannot be valid (bad marker, bad enum, bad family)
  bad_crc,              // a checksum did not match
  protocol_error,       // the peer broke the protocol's rules
};

const std::error_category& radosio_category() noexcept;

inline std::error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), radosio_category()};
}

}  // namespace radosio

template <>
struct std::is_error_code_enum<radosio::errc> : std::true_type {};
