#pragma once
// Decoding (and re-encoding) Ceph's CrushWrapper encoding.
//
// The encoding has no version header: newer fields are appended and an old reader stops
// wherever its input ends. So decode() consumes the whole input it is given: known fields
// are decoded, fields newer than we know (Squid's MSR tunables are known; anything after
// them is not) are skipped. Inside an OSDMap the crush map is a length-prefixed bufferlist,
// so give decode() a decoder bounded to that bufferlist.

#include <string>

#include "common/buffer.h"
#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "common/result.h"
#include "crush/crush_map.h"

namespace radosio::crush {

// Hard caps well above any real cluster; a map beyond them is treated as hostile.
inline constexpr std::uint32_t max_sane_devices = 1u << 24;

void decode(wire::decoder& d, crush_map& map);

// Decodes a whole crush map (e.g. the output of `ceph osd getcrushmap`).
[[nodiscard]] result<crush_map> decode_crush_map(bytes_view bytes);

// Reads and decodes a compiled map file (`ceph osd getcrushmap -o FILE`, `crushtool -o FILE`);
// errors name the file.
[[nodiscard]] result<crush_map> read_crush_map_file(const std::string& path);

// Encodes in Pacific's layout, with every optional section (tunables, classes,
// choose_args, and the MSR tunables when the map carries them).
void encode(wire::encoder& e, const crush_map& map);

}  // namespace radosio::crush
