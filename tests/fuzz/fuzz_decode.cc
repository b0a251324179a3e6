// libFuzzer target for one decoder, chosen at compile time with -DFUZZ_TYPE=...
//
// Properties checked on every input: see fuzz_round_trip.h.

#include <cstdint>

#include "auth/cephx_types.h"
#include "auth/crypto_key.h"
#include "common/types/entity.h"
#include "common/types/entity_addr.h"
#include "common/types/object.h"
#include "common/types/pg.h"
#include "common/types/pg_pool.h"
#include "messenger/control_frames.h"
#include "messenger/message_header.h"
#include "monclient/mon_map.h"

#include "fuzz_round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  radosio::fuzz::check_round_trip<FUZZ_TYPE>(data, size);
  return 0;
}
