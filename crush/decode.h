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

// What a rule may ask of the mapper. Ceph and crushtool take any value here, and the mapper
// spends each of them in full, so one absurd value makes every mapping take minutes or
// hours (the fuzzer's map: `choose firstn 3866624` with choose_local_tries 30060).
//
// A choose/chooseleaf step's replica count (arg1) above the largest pool size (a pool's size
// is a u8) can only repeat failing attempts. Counts <= 0 are relative to the pool size
// ("firstn 0", "firstn -1") and are always accepted, as are steps Ceph ignores (set_* with a
// negative value).
inline constexpr std::int32_t max_rule_replicas = 255;
// Retry counts: the tunables choose_total_tries, choose_local_tries and
// choose_local_fallback_tries, and the rule steps set_choose_tries, set_chooseleaf_tries,
// set_choose_local_tries and set_choose_local_fallback_tries. Every tunables profile uses at
// most 50 (argonaut 19 total / 2 local / 5 fallback; bobtail through jewel and optimal 50
// total, 0 local, 0 fallback); Ceph's erasure-code rules set_choose_tries 100 and its docs
// suggest raising choose_total_tries to 100 for awkward hierarchies. 1000 is ten times that.
inline constexpr std::uint32_t max_rule_tries = 1000;

// Besides these, decoding refuses a bucket graph with a cycle and rules whose worst-case
// work multiplies beyond crush::max_rule_work (work_bound.h).

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
