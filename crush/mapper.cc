#include "crush/mapper.h"

#include <algorithm>
#include <limits>

#include "crush/hash.h"
#include "crush/ln.h"

namespace radosio::crush {
namespace {

// Marks a position indep has not decided yet; distinct from every real item and item_none.
constexpr int item_undef = 0x7ffffffe;

std::size_t bucket_index(int id) noexcept {
  return static_cast<std::size_t>(-1 - static_cast<std::int64_t>(id));
}

// Ceph's tree bucket numbering: nodes are numbered in-order, leaves are odd, and a node's
// height is its count of trailing zero bits.
int tree_height(int n) noexcept {
  int h = 0;
  while ((n & 1) == 0) {
    ++h;
    n >>= 1;
  }
  return h;
}

}  // namespace

namespace detail {

class rule_runner {
 public:
  rule_runner(const crush_map& map, std::span<const std::uint32_t> weights, workspace& ws,
              const choose_args* args) noexcept
      : map_(map), weights_(weights), ws_(ws), args_(args) {}

  int run(const rule& r, int x, std::span<int> result) noexcept;

 private:
  // A bucket by item id, or nullptr for ids that name no bucket. Ceph trusts the map here;
  // we treat a dangling child like one past max_buckets (the "bad item" path).
  const bucket* child_bucket(int item) const noexcept {
    if (item >= 0) return nullptr;
    const auto index = bucket_index(item);
    if (index >= map_.buckets.size() || !map_.buckets[index]) return nullptr;
    return &*map_.buckets[index];
  }

  const choose_arg* arg_for(const bucket& b) const noexcept {
    if (!args_) return nullptr;
    const auto index = bucket_index(b.id);
    if (index >= args_->size()) return nullptr;
    const choose_arg& a = (*args_)[index];
    return a.empty() ? nullptr : &a;
  }

  // Whether device `item` rejects input x: weights below 0x10000 reject a hashed fraction.
  bool is_out(int item, int x) const noexcept {
    if (item < 0 || static_cast<std::size_t>(item) >= weights_.size()) return true;
    const std::uint32_t w = weights_[static_cast<std::size_t>(item)];
    if (w >= weight_in) return false;
    if (w == 0) return true;
    return (hash32_2(hash_rjenkins1, static_cast<std::uint32_t>(x),
                     static_cast<std::uint32_t>(item)) &
            0xffff) >= w;
  }

  int perm_choose(const bucket& b, int x, int r) noexcept;
  int bucket_choose(const bucket& b, int x, int r, int position) noexcept;
  static int list_choose(const bucket& b, int x, int r) noexcept;
  static int tree_choose(const bucket& b, int x, int r) noexcept;
  static int straw_choose(const bucket& b, int x, int r) noexcept;
  int straw2_choose(const bucket& b, int x, int r, int position) const noexcept;

  int choose_firstn(const bucket& start, int x, int numrep, int type, int* out, int outpos,
                    int out_size, unsigned tries, unsigned recurse_tries, unsigned local_retries,
                    unsigned local_fallback_retries, bool recurse_to_leaf, unsigned vary_r,
                    unsigned stable, int* out2, int parent_r) noexcept;
  void choose_indep(const bucket& start, int x, int left, int numrep, int type, int* out,
                    int outpos, unsigned tries, unsigned recurse_tries, bool recurse_to_leaf,
                    int* out2, int parent_r) noexcept;

  const crush_map& map_;
  std::span<const std::uint32_t> weights_;
  workspace& ws_;
  const choose_args* args_;
};

// A lazily extended Fisher-Yates permutation of the bucket's slots, seeded by (x, bucket);
// position r % size of it is the answer. The cache in the workspace only saves work: the
// permutation for a given x is always the same.
int rule_runner::perm_choose(const bucket& b, int x, int r) noexcept {
  const std::uint32_t size = b.size();
  auto& st = ws_.perms_[bucket_index(b.id)];
  if (st.size != size) return b.items[static_cast<std::uint32_t>(r) % size];  // foreign workspace
  std::uint32_t* perm = ws_.perm_slots_.data() + st.offset;
  const std::uint32_t pr = static_cast<std::uint32_t>(r) % size;
  const auto ux = static_cast<std::uint32_t>(x);
  const auto uid = static_cast<std::uint32_t>(b.id);

  if (st.x != ux || st.n == 0) {
    st.x = ux;
    if (pr == 0) {
      // Most calls want slot 0 only: compute just that and remember it is a partial state.
      perm[0] = hash32_3(b.hash, ux, uid, 0) % size;
      st.n = 0xffff;
      return b.items[perm[0]];
    }
    for (std::uint32_t i = 0; i < size; ++i) perm[i] = i;
    st.n = 0;
  } else if (st.n == 0xffff) {
    // Expand the shortcut into the equivalent one-step permutation.
    for (std::uint32_t i = 1; i < size; ++i) perm[i] = i;
    perm[perm[0]] = 0;
    st.n = 1;
  }
  while (st.n <= pr) {
    const std::uint32_t p = st.n;
    if (p < size - 1) {
      const std::uint32_t i = hash32_3(b.hash, ux, uid, p) % (size - p);
      if (i != 0) std::swap(perm[p], perm[p + i]);
    }
    ++st.n;
  }
  return b.items[perm[pr]];
}

int rule_runner::list_choose(const bucket& b, int x, int r) noexcept {
  for (int i = static_cast<int>(b.size()) - 1; i >= 0; --i) {
    const auto ui = static_cast<std::size_t>(i);
    std::uint64_t w =
        hash32_4(b.hash, static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(b.items[ui]),
                 static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(b.id)) &
        0xffff;
    w = (w * b.sum_weights[ui]) >> 16;
    if (w < b.item_weights[ui]) return b.items[ui];
  }
  return b.items[0];
}

int rule_runner::tree_choose(const bucket& b, int x, int r) noexcept {
  const auto& nodes = b.node_weights;
  int n = static_cast<int>(nodes.size() >> 1);
  // Bounds checks guard against hostile maps; a well-formed tree never trips them.
  while (n > 0 && (n & 1) == 0) {
    const auto h = tree_height(n);
    const int left = n - (1 << (h - 1));
    const int right = n + (1 << (h - 1));
    if (static_cast<std::size_t>(n) >= nodes.size() ||
        static_cast<std::size_t>(left) >= nodes.size())
      return b.items[0];
    const std::uint64_t t =
        (static_cast<std::uint64_t>(
             hash32_4(b.hash, static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(n),
                      static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(b.id))) *
         nodes[static_cast<std::size_t>(n)]) >>
        32;
    n = t < nodes[static_cast<std::size_t>(left)] ? left : right;
  }
  const auto slot = static_cast<std::size_t>(n >> 1);
  return slot < b.items.size() ? b.items[slot] : b.items[0];
}

int rule_runner::straw_choose(const bucket& b, int x, int r) noexcept {
  std::size_t high = 0;
  std::uint64_t high_draw = 0;
  for (std::size_t i = 0; i < b.items.size(); ++i) {
    std::uint64_t draw =
        hash32_3(b.hash, static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(b.items[i]),
                 static_cast<std::uint32_t>(r)) &
        0xffff;
    draw *= b.straws[i];
    if (i == 0 || draw > high_draw) {
      high = i;
      high_draw = draw;
    }
  }
  return b.items[high];
}

// Each item draws ln(u) / weight (an exponential variate scaled by its weight; ln(u) <= 0) and
// the largest draw wins. Weights and ids may come from a choose_args set.
int rule_runner::straw2_choose(const bucket& b, int x, int r, int position) const noexcept {
  const std::uint32_t* weights = b.item_weights.data();
  const std::int32_t* ids = b.items.data();
  if (const choose_arg* arg = arg_for(b)) {
    if (!arg->weight_set.empty()) {
      const auto pos =
          std::min(static_cast<std::size_t>(std::max(position, 0)), arg->weight_set.size() - 1);
      // A weight set shorter than the bucket cannot be used safely; keep the bucket's own.
      if (arg->weight_set[pos].size() >= b.size()) weights = arg->weight_set[pos].data();
    }
    if (arg->ids.size() >= b.size() && !arg->ids.empty()) ids = arg->ids.data();
  }
  std::size_t high = 0;
  std::int64_t high_draw = 0;
  for (std::size_t i = 0; i < b.items.size(); ++i) {
    std::int64_t draw = std::numeric_limits<std::int64_t>::min();
    if (weights[i] != 0) {
      const std::uint32_t u =
          hash32_3(b.hash, static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(ids[i]),
                   static_cast<std::uint32_t>(r)) &
          0xffff;
      const std::int64_t ln = static_cast<std::int64_t>(crush_ln(u)) - 0x1000000000000ll;
      // Ceph passes the weight as int (generate_exponential_distribution): weights of 2^31
      // and more divide as negative numbers, so their draws are >= 0 and beat every item of
      // ordinary weight. div64_s64 truncates toward zero, as `/` does.
      draw = ln / static_cast<std::int64_t>(static_cast<std::int32_t>(weights[i]));
    }
    if (i == 0 || draw > high_draw) {
      high = i;
      high_draw = draw;
    }
  }
  return b.items[high];
}

int rule_runner::bucket_choose(const bucket& b, int x, int r, int position) noexcept {
  switch (b.alg) {
    case bucket_alg::uniform:
      return perm_choose(b, x, r);
    case bucket_alg::list:
      return list_choose(b, x, r);
    case bucket_alg::tree:
      return tree_choose(b, x, r);
    case bucket_alg::straw:
      return straw_choose(b, x, r);
    case bucket_alg::straw2:
      return straw2_choose(b, x, r, position);
  }
  return b.items[0];
}

// Depth-first selection: each replica descends from `start` until it finds an item of
// `type` that is not out and does not collide with earlier picks, retrying first within the
// same bucket (local retries), then with a fresh descent, up to `tries` in all.
int rule_runner::choose_firstn(const bucket& start, int x, int numrep, int type, int* out,
                               int outpos, int out_size, unsigned tries, unsigned recurse_tries,
                               unsigned local_retries, unsigned local_fallback_retries,
                               bool recurse_to_leaf, unsigned vary_r, unsigned stable, int* out2,
                               int parent_r) noexcept {
  int count = out_size;
  for (int rep = stable ? 0 : outpos; rep < numrep && count > 0; ++rep) {
    unsigned ftotal = 0;
    bool skip_rep = false;
    int item = 0;
    bool retry_descent;
    do {
      retry_descent = false;
      const bucket* in = &start;
      unsigned flocal = 0;
      // Decoding refuses bucket cycles, on which Ceph descends forever; a map built in code
      // may still have one, so the descent gives up after as many levels as there are buckets.
      std::size_t depth = 0;
      bool retry_bucket;
      do {
        retry_bucket = false;
        bool collide = false;
        bool reject = false;
        const int r = static_cast<int>(static_cast<std::uint32_t>(rep) +
                                       static_cast<std::uint32_t>(parent_r) + ftotal);  // wraps like Ceph
        int itemtype = 0;
        if (in->size() == 0) {
          reject = true;
        } else {
          if (local_fallback_retries > 0 && flocal >= (in->size() >> 1) &&
              flocal > local_fallback_retries)
            item = perm_choose(*in, x, r);
          else
            item = bucket_choose(*in, x, r, outpos);
          if (item >= map_.max_devices) {
            skip_rep = true;
            break;
          }
          const bucket* child = child_bucket(item);
          if (item < 0 && !child) {
            skip_rep = true;
            break;
          }
          itemtype = child ? child->type : 0;
          if (itemtype != type) {
            if (!child || ++depth > map_.buckets.size()) {  // a device where a bucket was wanted
              skip_rep = true;
              break;
            }
            in = child;
            retry_bucket = true;
            continue;
          }
          for (int i = 0; i < outpos; ++i) {
            if (out[i] == item) {
              collide = true;
              break;
            }
          }
          if (!collide && recurse_to_leaf) {
            if (child) {
              // Ceph shifts an int by vary_r - 1 unchecked; the CPU (x86-64 and arm64 alike)
              // takes the count mod 32, so vary_r 33 acts as 1 (crushtool agrees).
              const int sub_r = vary_r ? (r >> ((vary_r - 1) & 31u)) : 0;
              if (choose_firstn(*child, x, stable ? 1 : outpos + 1, 0, out2, outpos, count,
                                recurse_tries, 0, local_retries, local_fallback_retries, false,
                                vary_r, stable, nullptr, sub_r) <= outpos)
                reject = true;  // no usable leaf under it
            } else {
              out2[outpos] = item;
            }
          }
          if (!reject && !collide && itemtype == 0) reject = is_out(item, x);
        }
        if (reject || collide) {
          ++ftotal;
          ++flocal;
          if (collide && flocal <= local_retries)
            retry_bucket = true;
          else if (local_fallback_retries > 0 && flocal <= in->size() + local_fallback_retries)
            retry_bucket = true;
          else if (ftotal < tries)
            retry_descent = true;
          else
            skip_rep = true;
        }
      } while (retry_bucket);
    } while (retry_descent);

    if (skip_rep) continue;
    out[outpos] = item;
    ++outpos;
    --count;
  }
  return outpos;
}

// Breadth-first, position-stable selection for erasure codes: every position keeps its own
// r sequence, so one failure changes only that position; unfillable ones become item_none.
void rule_runner::choose_indep(const bucket& start, int x, int left, int numrep, int type, int* out,
                               int outpos, unsigned tries, unsigned recurse_tries,
                               bool recurse_to_leaf, int* out2, int parent_r) noexcept {
  const int endpos = outpos + left;
  for (int rep = outpos; rep < endpos; ++rep) {
    out[rep] = item_undef;
    if (out2) out2[rep] = item_undef;
  }
  for (unsigned ftotal = 0; left > 0 && ftotal < tries; ++ftotal) {
    for (int rep = outpos; rep < endpos; ++rep) {
      if (out[rep] != item_undef) continue;
      const bucket* in = &start;
      std::size_t depth = 0;
      for (;;) {
        // Computed in unsigned arithmetic: Ceph's int arithmetic wraps in practice, and a
        // hostile rule's numrep must not make this undefined behaviour (found by fuzzing).
        auto r_bits = static_cast<std::uint32_t>(rep) + static_cast<std::uint32_t>(parent_r);
        // Uniform buckets whose size divides numrep would cycle through the same slots.
        if (in->alg == bucket_alg::uniform && in->size() % static_cast<std::uint32_t>(numrep) == 0)
          r_bits += (static_cast<std::uint32_t>(numrep) + 1u) * ftotal;
        else
          r_bits += static_cast<std::uint32_t>(numrep) * ftotal;
        const int r = static_cast<int>(r_bits);
        if (in->size() == 0) break;

        const int item = bucket_choose(*in, x, r, outpos);
        const bucket* child = child_bucket(item);
        if (item >= map_.max_devices || (item < 0 && !child)) {
          out[rep] = item_none;
          if (out2) out2[rep] = item_none;
          --left;
          break;
        }
        const int itemtype = child ? child->type : 0;
        if (itemtype != type) {
          if (!child || ++depth > map_.buckets.size()) {
            out[rep] = item_none;
            if (out2) out2[rep] = item_none;
            --left;
            break;
          }
          in = child;
          continue;
        }
        bool collide = false;
        for (int i = outpos; i < endpos; ++i) {
          if (out[i] == item) {
            collide = true;
            break;
          }
        }
        if (collide) break;
        if (recurse_to_leaf) {
          if (child) {
            choose_indep(*child, x, 1, numrep, 0, out2, rep, recurse_tries, 0, false, nullptr, r);
            if (out2[rep] == item_none) break;  // nothing usable below it
          } else {
            out2[rep] = item;
          }
        }
        if (itemtype == 0 && is_out(item, x)) break;
        out[rep] = item;
        --left;
        break;
      }
    }
  }
  for (int rep = outpos; rep < endpos; ++rep) {
    if (out[rep] == item_undef) out[rep] = item_none;
    if (out2 && out2[rep] == item_undef) out2[rep] = item_none;
  }
}

int rule_runner::run(const rule& rl, int x, std::span<int> result) noexcept {
  const int result_max = static_cast<int>(result.size());
  int* a = ws_.scratch_.data();
  int* b = a + result_max;
  int* c = b + result_max;
  int* w = a;
  int* o = b;
  int wsize = 0;
  int result_len = 0;

  const auto& t = map_.tun;
  // Ceph's choose_total_tries counts retries; the loops count attempts. Retry counts are
  // used as they are: decoding refuses maps whose counts, or the work they multiply into,
  // could keep one call busy for long (decode.h, work_bound.h).
  unsigned choose_tries = t.choose_total_tries + 1;
  unsigned choose_leaf_tries = 0;
  unsigned local_retries = t.choose_local_tries;
  unsigned local_fallback_retries = t.choose_local_fallback_tries;
  unsigned vary_r = t.chooseleaf_vary_r;
  unsigned stable = t.chooseleaf_stable;

  for (const rule_step& step : rl.steps) {
    bool firstn = false;
    switch (static_cast<rule_op>(step.op)) {
      case rule_op::take:
        if ((step.arg1 >= 0 && step.arg1 < map_.max_devices) || map_.find_bucket(step.arg1)) {
          w[0] = step.arg1;
          wsize = 1;
        }
        break;
      case rule_op::set_choose_tries:
        if (step.arg1 > 0) choose_tries = static_cast<unsigned>(step.arg1);
        break;
      case rule_op::set_chooseleaf_tries:
        if (step.arg1 > 0) choose_leaf_tries = static_cast<unsigned>(step.arg1);
        break;
      case rule_op::set_choose_local_tries:
        if (step.arg1 >= 0) local_retries = static_cast<unsigned>(step.arg1);
        break;
      case rule_op::set_choose_local_fallback_tries:
        if (step.arg1 >= 0) local_fallback_retries = static_cast<unsigned>(step.arg1);
        break;
      case rule_op::set_chooseleaf_vary_r:
        if (step.arg1 >= 0) vary_r = static_cast<unsigned>(step.arg1);
        break;
      case rule_op::set_chooseleaf_stable:
        if (step.arg1 >= 0) stable = static_cast<unsigned>(step.arg1);
        break;
      case rule_op::chooseleaf_firstn:
      case rule_op::choose_firstn:
        firstn = true;
        [[fallthrough]];
      case rule_op::chooseleaf_indep:
      case rule_op::choose_indep: {
        if (wsize == 0) break;
        const bool recurse_to_leaf =
            step.op == static_cast<std::uint32_t>(rule_op::chooseleaf_firstn) ||
            step.op == static_cast<std::uint32_t>(rule_op::chooseleaf_indep);
        int osize = 0;
        for (int i = 0; i < wsize; ++i) {
          // numrep <= 0 is relative to the caller's result size ("size - n" rules).
          int numrep = step.arg1;
          if (numrep <= 0) {
            numrep += result_max;
            if (numrep <= 0) continue;
          }
          const bucket* from = w[i] < 0 && w[i] != item_none ? map_.find_bucket(w[i]) : nullptr;
          if (!from) continue;  // a device or a hole from an earlier indep step
          if (firstn) {
            unsigned recurse_tries;
            if (choose_leaf_tries)
              recurse_tries = choose_leaf_tries;
            else if (t.chooseleaf_descend_once)
              recurse_tries = 1;
            else
              recurse_tries = choose_tries;
            osize +=
                choose_firstn(*from, x, numrep, step.arg2, o + osize, 0, result_max - osize,
                              choose_tries, recurse_tries, local_retries, local_fallback_retries,
                              recurse_to_leaf, vary_r, stable, c + osize, 0);
          } else {
            const int out_size = std::min(numrep, result_max - osize);
            choose_indep(*from, x, out_size, numrep, step.arg2, o + osize, 0, choose_tries,
                         choose_leaf_tries ? choose_leaf_tries : 1, recurse_to_leaf, c + osize, 0);
            osize += out_size;
          }
        }
        if (recurse_to_leaf) std::copy(c, c + osize, o);
        std::swap(o, w);
        wsize = osize;
        break;
      }
      case rule_op::emit:
        for (int i = 0; i < wsize && result_len < result_max; ++i)
          result[static_cast<std::size_t>(result_len++)] = w[i];
        wsize = 0;
        break;
      default:
        break;  // noop and opcodes newer than Pacific are skipped, as Ceph does
    }
  }
  return result_len;
}

}  // namespace detail

int do_rule(const crush_map& map, int rule_id, int x, std::span<int> result,
            std::span<const std::uint32_t> weights, workspace& ws,
            const choose_args* args) noexcept {
  const rule* r = map.find_rule_by_id(rule_id);
  if (!r || result.size() > ws.max_result() || ws.bucket_slots() != map.buckets.size())
    return -EINVAL;
  return detail::rule_runner(map, weights, ws, args).run(*r, x, result);
}

}  // namespace radosio::crush
