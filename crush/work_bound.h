#pragma once
// An upper bound on the work of one do_rule() call, so a map that could keep the mapper busy
// for seconds or hours is refused when it is decoded instead of hanging every mapping.
//
// The mapper is faithful to Ceph: a firstn step keeps trying replicas until it has filled
// the result or reached the step's replica count, each replica may spend every retry the
// tunables allow, and the legacy local fallback retries as often as the bucket has items.
// All of that is ordinary on real maps and explodes on hostile ones (the fuzzer's
// `choose firstn 3866624` with choose_local_tries 30060 ran for hours). Decoding caps the
// individual values (decode.h); this bound covers their products, which no single limit
// can: replicas x attempts per replica x the items one attempt examines.
//
// The unit is one bucket item examined (a hash, and for straw2 a log: 10 to 30 ns); the
// bound assumes the worst weights (every device out, every attempt failing), since the
// weights come from the OSDMap and can be anything. It follows the mapper's loops:
//
//   firstn, per input bucket s:  numrep x (tries + L(s)) x (D(s) + R/16 + inner)
//     L(s)   local retries in one descent: choose_local_tries, or with the legacy fallback
//            the largest bucket size at or below s plus choose_local_fallback_tries
//     D(s)   the heaviest descent from s (bucket sizes summed down the deepest chain)
//     R/16   each attempt compares its pick with the (at most R) items chosen so far; a
//            comparison costs about a sixteenth of a hashed item
//     inner  chooseleaf only: (recurse tries + L(b)) x (D(b) + R/16), over the buckets b of
//            the step's type, one of which each attempt recurses into
//   indep, per input bucket s:   tries x min(numrep, R) x (D(s) + R/16 + inner)
//
// summed over the steps. A step's inputs are the take's bucket, or the buckets of the
// previous step's type: at most R of them, at most numrep per input, at most as many as the
// map has buckets of that type. For the maps crushtool builds the bound is within a few
// times what a mapping with every OSD out really costs.

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "common/result.h"
#include "crush/crush_map.h"

namespace radosio::crush {

// What one do_rule() call may cost, in items examined: 0.1 to 0.3 s at 10 to 30 ns an item,
// reached only when every attempt fails (all OSDs out). It is set by the largest real maps,
// whose own worst case Ceph pays too: 20,000 OSDs as 1,000 hosts under one root, with an
// erasure-code rule (set_choose_tries 100) at 32 shards, needs 3.6e6 (measured: 110 ms
// with every OSD out, 1 ms with all in); the corpus's rules need at most 2e4. What it
// refuses are maps no cluster runs (the fuzzer's needs 6e14), and legacy (argonaut)
// tunables over a flat bucket of more than about 350 items, whose local fallback makes
// every failing replica retry once per item of the bucket (Ceph spends seconds there).
inline constexpr double max_rule_work = 1e7;

// The result size the decode-time check assumes: Ceph's CEPH_PG_MAX_SIZE, the most OSDs a
// Ceph client maps one PG to (the kernel client caps crush_do_rule's result there; replicated
// pools hold at most 10). Larger results cost more, at most cubically in the result size
// (placement asks for up to 64: within 8 x max_rule_work).
inline constexpr int work_check_result = 32;

class work_estimate {
 public:
  // Precomputes per-bucket descents in O(buckets + items).
  explicit work_estimate(const crush_map& map);

  // False if the bucket graph has a cycle (a bucket below itself); every bound is then
  // infinite. Decoding refuses such maps: Ceph's mapper would descend forever.
  [[nodiscard]] bool acyclic() const noexcept { return acyclic_; }
  // A bucket on such a cycle (0 when there is none).
  [[nodiscard]] std::int32_t cycle_bucket() const noexcept { return cycle_bucket_; }

  // Items examined by one do_rule(rule, x) call with `result_max` outputs, at most.
  [[nodiscard]] double rule(const crush::rule& r, int result_max) const;

 private:
  struct stats {
    double descent = 0;        // D: the heaviest descent from the bucket, itself included
    double largest = 0;        // the largest bucket at or below it
    double child_descent = 0;  // the heaviest descent from one of its child buckets
    double child_largest = 0;  // the largest bucket strictly below it
    double count = 0;          // buckets these stats cover
  };
  static void merge(stats& into, const stats& from) noexcept;

  const crush_map& map_;
  bool acyclic_ = true;
  std::int32_t cycle_bucket_ = 0;
  std::vector<stats> buckets_;                // by bucket index
  std::map<std::uint16_t, stats> by_type_;    // maxima over the buckets of each type
};

// One rule's bound; see work_estimate::rule.
[[nodiscard]] double rule_work_bound(const crush_map& map, const rule& r, int result_max);

// The decode-time check: every rule's bound at work_check_result within max_rule_work, and
// no bucket below itself. The error names the rule and its bound.
[[nodiscard]] status check_rule_work(const crush_map& map);

}  // namespace radosio::crush
