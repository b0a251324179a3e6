#pragma once
// `crushtool --test --show-mappings` for our mapper: the same inputs give the same lines
// ("CRUSH rule R x X [a,b,c]"), so the two outputs can be diffed. Meant to back a
// `rados-client crush test` subcommand; it lives here so the CLI only parses arguments.

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "crush/crush_map.h"

namespace radosio::crush {

struct crush_test_options {
  std::optional<int> rule;  // every rule when unset, like crushtool
  int min_rep = 3;
  int max_rep = 3;
  int min_x = 0;
  int max_x = 1023;
  // crushtool --pool-id: inputs become hash32_2(x, pool) and the pool's choose_args apply.
  std::optional<std::int64_t> pool_id;
  // Device reweights in [0, 1] (crushtool --weight OSD W).
  std::map<int, double> device_weights;
};

// Parses "OSD:W" (e.g. "3:0.5") into `options.device_weights`.
[[nodiscard]] status parse_weight_arg(const std::string& arg, crush_test_options& options);

// crushtool's weight vector: listed reweights, 0x10000 for devices that appear in some
// bucket, 0 for the rest.
[[nodiscard]] std::vector<std::uint32_t> test_weights(const crush_map& map,
                                                      const crush_test_options& options);

// Prints one line per (rule, num_rep, x). Returns 0, or 1 with a message on `err` when
// nothing can be mapped (no such rule, bad range).
int run_crush_test(const crush_map& map, const crush_test_options& options, std::ostream& out,
                   std::ostream& err);

// Reads and decodes FILE, then as above.
int run_crush_test_file(const std::string& path, const crush_test_options& options,
                        std::ostream& out, std::ostream& err);

}  // namespace radosio::crush
