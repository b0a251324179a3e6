#pragma once
// The pool table of a full OSDMap: enough of the map to list, find and describe pools before
// the maps layer (full OSDMap and incrementals, CRUSH) exists. Reads the client part of the
// map up to the pool names and skips the rest by its encoded lengths.

#include <cstdint>
#include <map>
#include <string>

#include "common/buffer.h"
#include "common/result.h"
#include "common/types/basic.h"
#include "common/types/pg_pool.h"

namespace radosio::mon {

struct osdmap_pools {
  uuid fsid;
  std::uint32_t epoch = 0;
  std::map<std::int64_t, pg_pool> pools;
  std::map<std::int64_t, std::string> names;

  // The id of the pool called `name`, or -1.
  [[nodiscard]] std::int64_t lookup(std::string_view name) const;
};

// Decodes a full OSDMap (as carried in MOSDMap) far enough to fill osdmap_pools; checks the
// map's trailing crc first.
result<osdmap_pools> decode_osdmap_pools(const buffer& full_map);

}  // namespace radosio::mon
