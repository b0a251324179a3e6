#include "monclient/osdmap_pools.h"

#include <fmt/format.h>

#include <cstring>

#include "common/crc32c.h"
#include "common/encoding/decoder.h"

namespace radosio::mon {

std::int64_t osdmap_pools::lookup(std::string_view name) const {
  for (const auto& [id, n] : names)
    if (n == name) return id;
  return -1;
}

result<osdmap_pools> decode_osdmap_pools(const buffer& full_map) {
  const auto bytes = full_map.view();
  if (bytes.size() < 4)
    return error{make_error_code(errc::truncated), "OSDMap shorter than its crc"};
  // The map ends with crc32c(-1, everything before it): a cheap whole-map integrity check.
  std::uint32_t stored = 0;
  std::memcpy(&stored, bytes.data() + bytes.size() - 4, 4);
  const auto computed = crc32c(0xffffffff, bytes.first(bytes.size() - 4));
  if (stored != computed) {
    return error{make_error_code(errc::bad_crc),
                 fmt::format("OSDMap crc {:#010x} does not match its contents ({:#010x})", stored, computed)};
  }
  osdmap_pools out;
  wire::decoder d(full_map, "OSDMap");
  d.versioned("OSDMap", 8, [&](wire::decoder& w, std::uint8_t v) {
    if (v < 7) {
      w.fail(errc::unsupported_version, fmt::format("OSDMap v{} predates the v7 (Giant) layout", v));
      return;
    }
    w.versioned("OSDMap client data", 9, [&](wire::decoder& c, std::uint8_t) {
      decode(c, out.fsid);
      decode(c, out.epoch);
      utime created, modified;
      decode(c, created);
      decode(c, modified);
      decode(c, out.pools);
      decode(c, out.names);
      // The rest of the client part (OSD states, addresses, CRUSH, upmaps) is skipped.
    });
    w.skip(w.remaining(), "OSDMap OSD-only data and crc");
  });
  if (!d.ok()) return error{d.error(), d.message()};
  return out;
}

}  // namespace radosio::mon
