#pragma once
// How much mapping the map fuzz harness does for one input.
//
// Decoding refuses maps whose rules could make one do_rule() call examine more than
// crush::max_rule_work items (crush/work_bound.h): about 0.1 s, what the largest real maps
// need when every OSD is out. The harness makes 128 calls per input and must get through
// 20,000 inputs in well under a minute, so it measures each decoded map with the same
// estimate and maps only those it can get through quickly. The rest were decoded, checked
// and accepted; the mapper's loops over them are the same as over the maps it does run.

#include "crush/crush_map.h"
#include "crush/work_bound.h"

namespace radosio::fuzz {

// The harness runs rules 0..rules-1 for inputs 0..inputs-1 with `result_max` outputs;
// this bounds the work of all those calls together.
inline double mapping_work_bound(const crush::crush_map& map, int rules, int inputs,
                                 int result_max) {
  const crush::work_estimate estimate(map);
  double work = 0;
  for (int id = 0; id < rules; ++id)
    if (const auto* r = map.find_rule_by_id(id)) work += estimate.rule(*r, result_max);
  return work * inputs;
}

// What the harness lets one input cost: the corpus's maps need at most 4.4e5; the budget
// is at most about 0.1 s of mapping when every attempt fails, and far less in practice.
inline constexpr double mapping_work_budget = 4e6;

}  // namespace radosio::fuzz
