#pragma once
// The text form of a compiled CRUSH map, exactly as Pacific's `crushtool -d FILE` prints it
// (CrushCompiler::decompile): tunables that differ from the legacy defaults, named devices
// with their classes, types, buckets children-first, rules, choose_args. Being identical,
// our output can be diffed against crushtool's and fed back to `crushtool -c`.

#include <string>

#include "common/result.h"
#include "crush/crush_map.h"

namespace radosio::crush {

// Fails where crushtool fails: a bucket hierarchy with a cycle, a `take` step naming an item
// that has no name, a shadow bucket ("host~ssd") whose base item or class is unknown, and a
// per-class bucket id whose class has no name (crushtool asserts on that one).
[[nodiscard]] result<std::string> decompile(const crush_map& map);

}  // namespace radosio::crush
