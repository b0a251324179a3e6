#pragma once
// Full OSDMap encoding: Ceph's OSDMap::encode/decode for the Pacific layout.
//
//   ENCODE_START(8, 7)                 wrapper
//     ENCODE_START(9, 1)  client part  (decoded field by field, older versions by number)
//     ENCODE_START(9, 1)  OSD-only part (read up to the few fields a client uses, the rest
//                                       skipped by length)
//     le32 crc = crc32c(-1, every byte of the map before it)
//
// Wrapper versions below 7 ("classic", pre-Giant) are refused.

#include "common/buffer.h"
#include "common/result.h"
#include "osdc/osdmap.h"

namespace radosio::osdc {

// Decodes one full map occupying all of `bytes` and checks its crc; a mismatch is
// errc::bad_crc with both values in the message.
[[nodiscard]] result<osdmap_state> decode_osdmap_state(const buffer& bytes);
[[nodiscard]] result<osdmap_ref> decode_osdmap(const buffer& bytes);

// Encodes the client part from `s` (version 9) and the OSD-only part from s.osd_only_raw
// (or, when that is empty, a minimal OSD-only section holding only the fields osdmap_state
// keeps), then appends the crc. A Pacific map that was decoded and not modified re-encodes
// to its original bytes; this is how the tests prove the client part is read correctly.
[[nodiscard]] buffer encode_osdmap(const osdmap_state& s);

}  // namespace radosio::osdc
