// libFuzzer target: keyring and key text. Malformed files must give an error naming the
// line, never crash.

#include <cstdint>
#include <string_view>

#include "auth/keyring.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)radosio::auth::parse_keyring(text, "fuzz");
  (void)radosio::auth::parse_key(text);
  return 0;
}
