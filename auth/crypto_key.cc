#include "auth/crypto_key.h"

#include <fmt/format.h>

namespace radosio::auth {

std::string to_string(const crypto_key& k) {
  const char* algorithm = k.algorithm == key_algorithm::aes ? "aes" : "none";
  return fmt::format("{} key ({} bytes, created {}.{:09}, secret redacted)", algorithm,
                     k.secret.size(), k.created.sec, k.created.nsec);
}

void decode(wire::decoder& d, crypto_key& k) {
  std::uint16_t algorithm = 0;
  decode(d, algorithm);
  decode(d, k.created);
  std::uint16_t size = 0;
  decode(d, size);
  if (!d.ok()) return;
  if (algorithm != static_cast<std::uint16_t>(key_algorithm::none) &&
      algorithm != static_cast<std::uint16_t>(key_algorithm::aes)) {
    d.fail(errc::malformed, fmt::format("unknown key algorithm {}", algorithm));
    return;
  }
  if (size > max_secret_size) {
    d.fail(errc::length_too_large, fmt::format("secret of {} bytes", size));
    return;
  }
  k.algorithm = static_cast<key_algorithm>(algorithm);
  const auto bytes = d.take(size, "secret");
  k.secret.assign(bytes.begin(), bytes.end());
}

void encode(wire::encoder& e, const crypto_key& k) {
  encode(e, static_cast<std::uint16_t>(k.algorithm));
  encode(e, k.created);
  encode(e, static_cast<std::uint16_t>(k.secret.size()));
  e.write_bytes(k.secret);
}

}  // namespace radosio::auth
