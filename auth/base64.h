#pragma once
// Standard base64 (RFC 4648, "+/" alphabet, "=" padding), as keyrings store CephX keys.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auth/auth_error.h"
#include "common/buffer.h"

namespace radosio::auth {

[[nodiscard]] std::string base64_encode(bytes_view bytes);

// Strict: whitespace anywhere is skipped (keys get wrapped and indented), but any other
// character outside the alphabet, a missing or misplaced "=", or non-zero bits left over in
// the last group is an error (auth_errc::bad_base64) saying where. A lenient decoder would
// turn a mangled key into a different key and the failure would surface much later, as an
// unexplained EPERM from the mon.
[[nodiscard]] result<std::vector<std::uint8_t>> base64_decode(std::string_view text);

}  // namespace radosio::auth
