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

#include "crush_work_bound.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace radosio;
  const auto input = buffer::copy_of(bytes_view(data, size));
  auto map = osdc::decode_osdmap(input);
  auto inc = osdc::decode_incremental(input);
  if (map && inc) (void)osdc::apply(**map, *inc);
  if (auto crush_map = crush::decode_crush_map(input.view())) {
    // Decoding refused maps that could keep one mapping busy for long (crush/work_bound.h);
    // of the rest, the harness maps those it can get through quickly (crush_work_bound.h), so
    // the standard tier runs a fixed number of inputs in bounded time.
    constexpr int rules_run = 8;
    constexpr int inputs_per_rule = 16;
    std::array<int, 8> out{};
    const double work = fuzz::mapping_work_bound(*crush_map, rules_run, inputs_per_rule,
                                                 static_cast<int>(out.size()));
    if (work > fuzz::mapping_work_budget) return 0;
    crush::workspace ws(*crush_map);
    std::array<std::uint32_t, 16> weights;
    weights.fill(0x10000);
    for (int rule = 0; rule < static_cast<int>(crush_map->rules.size()) && rule < rules_run; ++rule)
      for (int x = 0; x < inputs_per_rule; ++x)
        (void)crush::do_rule(*crush_map, rule, x, out, weights, ws);
  }
  return 0;
}
