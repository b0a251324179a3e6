#pragma once
// The CRUSH mapper: Ceph's crush_do_rule, reproduced so that every input maps to the same
// devices as Ceph (Pacific) does.

#include <cerrno>
#include <cstdint>
#include <span>

#include "crush/crush_map.h"
#include "crush/workspace.h"

namespace radosio::crush {

// Device weights (the OSDMap's osd_weight): 0x10000 = fully in, 0 = out; in between, the
// device rejects that fraction of the inputs. Devices at or past the end are out.
inline constexpr std::uint32_t weight_in = 0x10000;

// Runs rule `rule_id` for input `x` and writes up to result.size() items into `result`.
// Returns the number written; indep (erasure) rules leave item_none in positions they could
// not fill. Errors are negative: -EINVAL for a missing rule, a workspace built for another
// map layout, or a result larger than the workspace allows. Never allocates.
//
// `args` is a choose_args set (crush_map::choose_args_for(pool)); it changes straw2 buckets
// only, as in Ceph.
//
// Retry counts are used as the map gives them, as Ceph does; decode() guarantees they are
// bounded (decode.h) and that one call on a decoded map examines at most max_rule_work items
// for results up to work_check_result (work_bound.h). A map built in code should pass
// check_rule_work() and stay within decode.h's limits too.
[[nodiscard]] int do_rule(const crush_map& map, int rule_id, int x, std::span<int> result,
                          std::span<const std::uint32_t> weights, workspace& ws,
                          const choose_args* args = nullptr) noexcept;

}  // namespace radosio::crush
