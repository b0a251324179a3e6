#pragma once
// The CRUSH map as a plain value: what Ceph's CrushWrapper encodes (`ceph osd getcrushmap`,
// `crushtool -o`, the `crush` bufferlist inside an OSDMap). Decoded once, then shared
// read-only by every mapping; per-call mutable state lives in crush::workspace instead.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace radosio::crush {

inline constexpr std::uint32_t crush_magic = 0x00010000;
// The value an indep (erasure-code) mapping leaves in a position it could not fill.
inline constexpr int item_none = 0x7fffffff;
// The choose_args set used when a pool has none of its own (the "compat" weight set).
inline constexpr std::int64_t default_choose_args = -1;

enum class bucket_alg : std::uint8_t { uniform = 1, list = 2, tree = 3, straw = 4, straw2 = 5 };

// Rule step opcodes as they appear on the wire.
enum class rule_op : std::uint32_t {
  noop = 0,
  take = 1,
  choose_firstn = 2,
  choose_indep = 3,
  emit = 4,
  chooseleaf_firstn = 6,
  chooseleaf_indep = 7,
  set_choose_tries = 8,
  set_chooseleaf_tries = 9,
  set_choose_local_tries = 10,
  set_choose_local_fallback_tries = 11,
  set_chooseleaf_vary_r = 12,
  set_chooseleaf_stable = 13,
};

struct bucket {
  std::int32_t id = 0;  // negative; the bucket sits at index -1 - id
  std::uint16_t type = 0;
  bucket_alg alg = bucket_alg::straw2;
  std::uint8_t hash = 0;     // 0 = rjenkins1, the only hash Ceph defines
  std::uint32_t weight = 0;  // 16.16 fixed point
  std::vector<std::int32_t> items;
  // Per-algorithm data; only the vectors of `alg` are filled.
  std::uint32_t uniform_item_weight = 0;    // uniform
  std::vector<std::uint32_t> item_weights;  // list, straw, straw2
  std::vector<std::uint32_t> sum_weights;   // list
  std::vector<std::uint32_t> straws;        // straw (precomputed by Ceph; never recomputed)
  std::vector<std::uint32_t> node_weights;  // tree (num_nodes = size of this vector)

  [[nodiscard]] std::uint32_t size() const noexcept {
    return static_cast<std::uint32_t>(items.size());
  }
};

struct rule_step {
  std::uint32_t op = 0;  // a rule_op value (kept raw: unknown ops are skipped like Ceph does)
  std::int32_t arg1 = 0;
  std::int32_t arg2 = 0;
};

struct rule {
  // The Pacific rule mask: find_rule() filters on it. Quincy and later write ruleset = rule id.
  std::uint8_t ruleset = 0;
  std::uint8_t type = 0;  // 1 = replicated, 3 = erasure
  std::uint8_t min_size = 0;
  std::uint8_t max_size = 0;
  std::vector<rule_step> steps;
};

struct tunables {
  // Defaults are the legacy (argonaut) values that apply when an old map omits them.
  std::uint32_t choose_local_tries = 2;
  std::uint32_t choose_local_fallback_tries = 5;
  std::uint32_t choose_total_tries = 19;
  std::uint32_t chooseleaf_descend_once = 0;
  std::uint8_t chooseleaf_vary_r = 0;
  std::uint8_t chooseleaf_stable = 0;
  std::uint8_t straw_calc_version = 0;
  std::uint32_t allowed_bucket_algs = 22;  // uniform|list|straw bits: the legacy set
  // Squid's multi-step-retry tunables; present only in maps encoded for MSR-aware peers.
  std::optional<std::uint32_t> msr_descents;
  std::optional<std::uint32_t> msr_collision_tries;
};

// One bucket's override in a choose_args set: a weight vector per output position (the last
// one serves every later position) and/or substitute ids fed to the straw2 hash.
struct choose_arg {
  std::vector<std::vector<std::uint32_t>> weight_set;
  std::vector<std::int32_t> ids;

  [[nodiscard]] bool empty() const noexcept { return weight_set.empty() && ids.empty(); }
};

// Indexed by bucket index (-1 - bucket id); buckets without overrides hold an empty entry.
using choose_args = std::vector<choose_arg>;

struct crush_map {
  std::int32_t max_devices = 0;
  // Indexed by -1 - bucket id; holes (deleted buckets) are empty optionals.
  std::vector<std::optional<bucket>> buckets;
  // Indexed by rule id; holes are empty optionals.
  std::vector<std::optional<rule>> rules;

  std::map<std::int32_t, std::string> type_names;
  std::map<std::int32_t, std::string> item_names;
  std::map<std::int32_t, std::string> rule_names;
  tunables tun;

  // Device classes: item -> class id, class id -> name, and for each original bucket the
  // per-class shadow bucket ids.
  std::map<std::int32_t, std::int32_t> class_map;
  std::map<std::int32_t, std::string> class_names;
  std::map<std::int32_t, std::map<std::int32_t, std::int32_t>> class_buckets;

  // Keyed by pool id, or default_choose_args for the compat set.
  std::map<std::int64_t, crush::choose_args> choose_arg_sets;

  [[nodiscard]] const bucket* find_bucket(std::int32_t id) const noexcept {
    if (id >= 0) return nullptr;
    const auto index = static_cast<std::size_t>(-1 - static_cast<std::int64_t>(id));
    if (index >= buckets.size() || !buckets[index]) return nullptr;
    return &*buckets[index];
  }
  [[nodiscard]] const rule* find_rule_by_id(int rule_id) const noexcept {
    if (rule_id < 0 || static_cast<std::size_t>(rule_id) >= rules.size() || !rules[rule_id])
      return nullptr;
    return &*rules[rule_id];
  }
  // The choose_args for `pool`, else the compat set, else nullptr (plain bucket weights).
  [[nodiscard]] const crush::choose_args* choose_args_for(std::int64_t pool) const noexcept;
};

// The weight of the item at `pos` inside `b` (Ceph's crush_get_bucket_item_weight): uniform
// buckets share one weight, tree buckets keep it at leaf node 2*pos+1; 0 past the end.
[[nodiscard]] std::uint32_t bucket_item_weight(const bucket& b, std::size_t pos) noexcept;

// What Ceph keeps of a choose_args set once it has decoded the map (CrushWrapper::decode ->
// update_choose_args): one entry per bucket slot, overrides of straw2 buckets only, and
// weight vectors resized to their bucket (cut, or padded with 0) when the bucket has as many
// positions as the first bucket with any. Ceph maps, reweights and re-encodes this form.
[[nodiscard]] choose_args ceph_kept_choose_args(const crush_map& map, const choose_args& args);

// Pacific's crush_find_rule: the first rule whose mask matches ruleset and type and whose
// [min_size, max_size] holds `size`; -1 if none.
[[nodiscard]] int find_rule(const crush_map& map, int ruleset, int type, int size) noexcept;

// Rule id by name; -1 if none.
[[nodiscard]] int find_rule_by_name(const crush_map& map, const std::string& name) noexcept;

}  // namespace radosio::crush
