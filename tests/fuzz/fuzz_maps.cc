// libFuzzer target: OSDMaps, OSDMap incrementals and CRUSH maps as a monitor could send them.
// Whatever decodes is also exercised: an incremental is applied to the full map decoded
// from the same input when the epochs line up, and every rule of a decoded CRUSH map is run.

#include <array>
#include <cstdint>

#include "crush/decode.h"
#include "crush/mapper.h"
#include "osdc/osdmap_apply.h"
#include "osdc/osdmap_codec.h"
#include "osdc/osdmap_incremental.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace radosio;
  const auto input = buffer::copy_of(bytes_view(data, size));
  auto map = osdc::decode_osdmap(input);
  auto inc = osdc::decode_incremental(input);
  if (map && inc) (void)osdc::apply(**map, *inc);
  if (auto crush_map = crush::decode_crush_map(input.view())) {
    // The mapper's cost grows with bucket sizes and retry counts (both bounded, but a map
    // with a million items and 1000 retries is seconds per input): map only maps of a size
    // the fuzzer can get through quickly; decoding is exercised either way.
    std::size_t items = 0;
    for (const auto& b : crush_map->buckets)
      if (b) items += b->items.size();
    if (items > 4096 || crush_map->tun.choose_total_tries > 100) return 0;
    crush::workspace ws(*crush_map);
    std::array<int, 8> out{};
    std::array<std::uint32_t, 16> weights;
    weights.fill(0x10000);
    for (int rule = 0; rule < static_cast<int>(crush_map->rules.size()) && rule < 8; ++rule)
      for (int x = 0; x < 16; ++x) (void)crush::do_rule(*crush_map, rule, x, out, weights, ws);
  }
  return 0;
}
