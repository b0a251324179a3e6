// libFuzzer target: the text inputs of the configuration: keyring and key text, ceph.conf, and
// address strings. Malformed input must give an error naming the problem (the line, for
// files), never crash. (Not parse_mon_host: it resolves host names, which is slow and not
// the parser's doing; the address syntax it accepts is parse_entity_addr's.)

#include <cstdint>
#include <string_view>

#include "auth/keyring.h"
#include "common/conf/ceph_conf.h"
#include "monclient/mon_host.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)radosio::auth::parse_keyring(text, "fuzz");
  (void)radosio::auth::parse_key(text);
  if (auto conf = radosio::conf::ceph_conf::parse(text, "fuzz")) {
    (void)conf->get("client.admin", "mon host");
    (void)conf->get("client.admin", "keyring");
  }
  (void)radosio::mon::parse_entity_addr(text);
  return 0;
}
