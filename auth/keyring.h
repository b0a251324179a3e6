#pragma once
// Ceph keyring files, and bare base64 keys (`--key`, `keyfile`).
//
//   # comment                      ; comment
//   [client.admin]
//       key = AQDj2ZRl...==
//       caps mon = "allow *"
//       caps_osd = "allow rwx pool=rbd"
//
// The file is Ceph's INI dialect: section names are entity names ([global] is skipped);
// field names treat "_" and runs of spaces alike; values may be double-quoted. The fields
// are `key`, `caps <service>` and the obsolete `auid` (ignored). Anything else is an error,
// as it is for Ceph: a misspelt field should not silently leave an entity without its key.
//
// No function here prints a secret: errors name the file, line and problem, never the value.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "auth/auth_error.h"
#include "auth/crypto_key.h"
#include "common/types/entity.h"

namespace radosio::auth {

struct keyring_entry {
  crypto_key key;                           // secret: never log
  std::map<std::string, std::string> caps;  // service ("mon", "osd", ...) -> cap string
};

class keyring {
 public:
  [[nodiscard]] const keyring_entry* find(const entity_name& name) const;
  // The key for `name`, or key_not_found naming the entity.
  [[nodiscard]] result<crypto_key> key_for(const entity_name& name) const;

  void add(const entity_name& name, keyring_entry entry) { entries_[name] = std::move(entry); }
  [[nodiscard]] const std::map<entity_name, keyring_entry>& entries() const noexcept {
    return entries_;
  }
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }

 private:
  std::map<entity_name, keyring_entry> entries_;
};

// Parses keyring text. `source` names it in error messages (usually the file path), e.g.
// "/etc/ceph/ceph.client.admin.keyring:3: [client.admin]: key: invalid base64 ...".
[[nodiscard]] result<keyring> parse_keyring(std::string_view text, std::string_view source);

// Reads and parses a keyring file.
[[nodiscard]] result<keyring> load_keyring(const std::filesystem::path& path);

// A bare base64 CryptoKey, as given to `--key` or found in a keyfile (surrounding
// whitespace ignored). It must decode to exactly one AES-128 CryptoKey (bad_key otherwise).
[[nodiscard]] result<crypto_key> parse_key(std::string_view base64_text);

// Reads a keyfile: a bare key, as parse_key.
[[nodiscard]] result<crypto_key> load_keyfile(const std::filesystem::path& path);

// The base64 form Ceph writes for `key` (for tools that create keyrings).
[[nodiscard]] std::string key_to_base64(const crypto_key& key);

}  // namespace radosio::auth
