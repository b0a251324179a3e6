#include "crush/decode.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

#include "crush/work_bound.h"

namespace radosio::crush {
namespace {

// Each bucket slot costs at least its le32 alg, each rule slot its le32 presence flag.
constexpr std::size_t min_bucket_bytes = 4;
constexpr std::size_t min_rule_bytes = 4;
constexpr std::size_t step_bytes = 12;

bool known_alg(std::uint32_t alg) { return alg >= 1 && alg <= 5; }

void decode_bucket(wire::decoder& d, std::size_t index, std::optional<bucket>& slot) {
  const auto outer_alg = d.read_le<std::uint32_t>("bucket alg");
  if (!d.ok() || outer_alg == 0) return;  // 0 marks a hole left by a removed bucket
  if (!known_alg(outer_alg)) {
    d.fail(errc::malformed,
           fmt::format("bucket slot {} has unknown algorithm {}", index, outer_alg));
    return;
  }
  bucket& b = slot.emplace();
  decode(d, b.id);
  decode(d, b.type);
  const auto inner_alg = d.read_le<std::uint8_t>("bucket alg");
  decode(d, b.hash);
  decode(d, b.weight);
  if (!d.ok()) return;
  // The slot position is what rules and child items use to find the bucket, and the id is
  // what the hashes mix in; Ceph keeps them tied (index = -1 - id), so anything else is corrupt.
  if (b.id != -1 - static_cast<std::int64_t>(index)) {
    d.fail(errc::malformed, fmt::format("bucket slot {} holds id {}", index, b.id));
    return;
  }
  if (inner_alg != outer_alg) {
    d.fail(errc::malformed,
           fmt::format("bucket {} says alg {} then {}", b.id, outer_alg, inner_alg));
    return;
  }
  b.alg = static_cast<bucket_alg>(inner_alg);
  decode(d, b.items);

  const std::size_t n = b.items.size();
  auto read_u32s = [&](std::vector<std::uint32_t>& out, std::size_t count, const char* what) {
    if (count > d.remaining() / 4) {
      d.fail(errc::length_too_large, fmt::format("bucket {}: {} {} do not fit", b.id, count, what));
      return;
    }
    out.resize(count);
    for (auto& v : out) decode(d, v);
  };
  switch (b.alg) {
    case bucket_alg::uniform:
      decode(d, b.uniform_item_weight);
      break;
    case bucket_alg::list:
      if (n > d.remaining() / 8) {
        d.fail(errc::length_too_large, fmt::format("bucket {}: list weights do not fit", b.id));
        return;
      }
      b.item_weights.resize(n);
      b.sum_weights.resize(n);
      for (std::size_t i = 0; i < n; ++i) {
        decode(d, b.item_weights[i]);
        decode(d, b.sum_weights[i]);
      }
      break;
    case bucket_alg::tree: {
      // A u8 count: Ceph's tree buckets cap num_nodes at 255.
      const auto nodes = d.read_le<std::uint8_t>("tree num_nodes");
      read_u32s(b.node_weights, nodes, "tree node weights");
      break;
    }
    case bucket_alg::straw:
      if (n > d.remaining() / 8) {
        d.fail(errc::length_too_large, fmt::format("bucket {}: straws do not fit", b.id));
        return;
      }
      b.item_weights.resize(n);
      b.straws.resize(n);
      for (std::size_t i = 0; i < n; ++i) {
        decode(d, b.item_weights[i]);
        decode(d, b.straws[i]);
      }
      break;
    case bucket_alg::straw2:
      read_u32s(b.item_weights, n, "straw2 weights");
      break;
  }
}

void decode_rule(wire::decoder& d, std::optional<rule>& slot) {
  const auto present = d.read_le<std::uint32_t>("rule present");
  if (!d.ok() || present == 0) return;
  rule& r = slot.emplace();
  const auto len = d.read_le<std::uint32_t>("rule len");
  decode(d, r.ruleset);
  decode(d, r.type);
  decode(d, r.min_size);
  decode(d, r.max_size);
  if (!d.ok()) return;
  if (len > d.remaining() / step_bytes) {
    d.fail(errc::length_too_large,
           fmt::format("rule claims {} steps, {} bytes remain", len, d.remaining()));
    return;
  }
  r.steps.resize(len);
  for (auto& s : r.steps) {
    decode(d, s.op);
    decode(d, s.arg1);
    decode(d, s.arg2);
  }
}

// An old Ceph bug wrote some of these keys as 64-bit; names are never empty, so a zero
// length means "that was the key's high half, the length follows".
void decode_name_map(wire::decoder& d, std::map<std::int32_t, std::string>& out, const char* what) {
  const auto n = d.read_count(8, what);
  out.clear();
  for (std::uint32_t i = 0; i < n && d.ok(); ++i) {
    std::int32_t key = 0;
    decode(d, key);
    auto len = d.read_le<std::uint32_t>("name length");
    if (len == 0) len = d.read_le<std::uint32_t>("name length");
    const auto text = d.take(len, "name");
    if (!d.ok()) return;
    out[key].assign(reinterpret_cast<const char*>(text.data()), text.size());
  }
}

void decode_choose_args(wire::decoder& d, crush_map& map) {
  const auto n_sets = d.read_count(12, "choose_args sets");
  for (std::uint32_t s = 0; s < n_sets && d.ok(); ++s) {
    std::int64_t set_id = 0;
    decode(d, set_id);
    auto& args = map.choose_arg_sets[set_id];
    args.assign(map.buckets.size(), choose_arg{});
    const auto n = d.read_count(12, "choose_args buckets");
    for (std::uint32_t j = 0; j < n && d.ok(); ++j) {
      const auto index = d.read_le<std::uint32_t>("choose_args bucket index");
      if (!d.ok()) return;
      if (index >= map.buckets.size() || !map.buckets[index]) {
        d.fail(errc::malformed,
               fmt::format("choose_args {} names missing bucket index {}", set_id, index));
        return;
      }
      choose_arg& arg = args[index];
      const auto positions = d.read_count(4, "weight_set positions");
      arg.weight_set.resize(positions);
      for (auto& weights : arg.weight_set) {
        decode(d, weights);
        if (!d.ok()) return;
      }
      decode(d, arg.ids);
      if (!d.ok()) return;
      // The mapper reads ids[i] for every item, so a short list would read past it.
      if (!arg.ids.empty() && arg.ids.size() != map.buckets[index]->size()) {
        d.fail(errc::malformed,
               fmt::format("choose_args {} bucket {}: {} ids for {} items", set_id,
                           map.buckets[index]->id, arg.ids.size(), map.buckets[index]->size()));
        return;
      }
    }
  }
}

const char* step_name(std::uint32_t op) {
  switch (static_cast<rule_op>(op)) {
    case rule_op::choose_firstn:
      return "choose firstn";
    case rule_op::choose_indep:
      return "choose indep";
    case rule_op::chooseleaf_firstn:
      return "chooseleaf firstn";
    case rule_op::chooseleaf_indep:
      return "chooseleaf indep";
    case rule_op::set_choose_tries:
      return "set_choose_tries";
    case rule_op::set_chooseleaf_tries:
      return "set_chooseleaf_tries";
    case rule_op::set_choose_local_tries:
      return "set_choose_local_tries";
    case rule_op::set_choose_local_fallback_tries:
      return "set_choose_local_fallback_tries";
    default:
      return "step";
  }
}

std::string rule_label(const crush_map& map, std::size_t id) {
  const auto name = map.rule_names.find(static_cast<std::int32_t>(id));
  if (name == map.rule_names.end()) return fmt::format("rule {}", id);
  return fmt::format("rule {} ({})", id, name->second);
}

// The limits of decode.h, checked once the whole map (tunables included) is known.
void check_limits(wire::decoder& d, const crush_map& map) {
  const auto& t = map.tun;
  for (const auto& [name, value] : {std::pair{"choose_total_tries", t.choose_total_tries},
                                    std::pair{"choose_local_tries", t.choose_local_tries},
                                    std::pair{"choose_local_fallback_tries",
                                              t.choose_local_fallback_tries}}) {
    if (value > max_rule_tries) {
      d.fail(errc::malformed, fmt::format("tunable {} {} is above the limit of {}", name, value,
                                          max_rule_tries));
      return;
    }
  }
  for (std::size_t id = 0; id < map.rules.size(); ++id) {
    if (!map.rules[id]) continue;
    const auto& steps = map.rules[id]->steps;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const rule_step& s = steps[i];
      switch (static_cast<rule_op>(s.op)) {
        case rule_op::choose_firstn:
        case rule_op::choose_indep:
        case rule_op::chooseleaf_firstn:
        case rule_op::chooseleaf_indep:
          if (s.arg1 > max_rule_replicas) {
            d.fail(errc::malformed,
                   fmt::format("{} step {}: {} {} type {} asks for {} replicas, above the limit "
                               "of {} (the largest pool size)",
                               rule_label(map, id), i, step_name(s.op), s.arg1, s.arg2, s.arg1,
                               max_rule_replicas));
            return;
          }
          break;
        case rule_op::set_choose_tries:
        case rule_op::set_chooseleaf_tries:
        case rule_op::set_choose_local_tries:
        case rule_op::set_choose_local_fallback_tries:
          if (s.arg1 > 0 && static_cast<std::uint32_t>(s.arg1) > max_rule_tries) {
            d.fail(errc::malformed,
                   fmt::format("{} step {}: {} {} is above the limit of {}", rule_label(map, id),
                               i, step_name(s.op), s.arg1, max_rule_tries));
            return;
          }
          break;
        default:
          break;
      }
    }
  }
  if (auto work = check_rule_work(map); !work) d.fail(errc::malformed, work.err().message);
}

}  // namespace

void decode(wire::decoder& d, crush_map& map) {
  map = crush_map{};
  const auto magic = d.read_le<std::uint32_t>("crush magic");
  if (d.ok() && magic != crush_magic) {
    d.fail(errc::malformed, fmt::format("crush magic {:#x}, expected {:#x}", magic, crush_magic));
    return;
  }
  const auto max_buckets = d.read_le<std::int32_t>("max_buckets");
  const auto max_rules = d.read_le<std::uint32_t>("max_rules");
  const auto max_devices = d.read_le<std::int32_t>("max_devices");
  if (!d.ok()) return;
  if (max_buckets < 0 || static_cast<std::size_t>(max_buckets) > d.remaining() / min_bucket_bytes) {
    d.fail(errc::length_too_large,
           fmt::format("max_buckets {} with {} bytes left", max_buckets, d.remaining()));
    return;
  }
  if (max_devices < 0 || static_cast<std::uint32_t>(max_devices) > max_sane_devices) {
    d.fail(errc::length_too_large, fmt::format("max_devices {}", max_devices));
    return;
  }
  map.max_devices = max_devices;

  map.buckets.resize(static_cast<std::size_t>(max_buckets));
  for (std::size_t i = 0; i < map.buckets.size() && d.ok(); ++i)
    decode_bucket(d, i, map.buckets[i]);
  if (!d.ok()) return;

  if (max_rules > d.remaining() / min_rule_bytes) {
    d.fail(errc::length_too_large,
           fmt::format("max_rules {} with {} bytes left", max_rules, d.remaining()));
    return;
  }
  map.rules.resize(max_rules);
  for (auto& r : map.rules) {
    decode_rule(d, r);
    if (!d.ok()) return;
  }

  decode_name_map(d, map.type_names, "type names");
  decode_name_map(d, map.item_names, "item names");
  decode_name_map(d, map.rule_names, "rule names");
  if (!d.ok()) return;

  // Each later group exists only in maps written by newer Ceph; absence keeps the defaults.
  auto& t = map.tun;
  if (!d.at_end()) {
    decode(d, t.choose_local_tries);
    decode(d, t.choose_local_fallback_tries);
    decode(d, t.choose_total_tries);
  }
  if (!d.at_end()) decode(d, t.chooseleaf_descend_once);
  if (!d.at_end()) decode(d, t.chooseleaf_vary_r);
  if (!d.at_end()) decode(d, t.straw_calc_version);
  if (!d.at_end()) decode(d, t.allowed_bucket_algs);
  if (!d.at_end()) decode(d, t.chooseleaf_stable);
  if (!d.at_end()) {
    decode(d, map.class_map);
    decode(d, map.class_names);
    decode(d, map.class_buckets);
  }
  if (!d.at_end()) decode_choose_args(d, map);
  if (!d.ok()) return;
  if (d.remaining() >= 8) {
    t.msr_descents = d.read_le<std::uint32_t>("msr_descents");
    t.msr_collision_tries = d.read_le<std::uint32_t>("msr_collision_tries");
  }
  // Whatever follows was added after Squid; the format gives no way to interpret it.
  d.skip(d.remaining(), "newer crush fields");
  if (d.ok()) check_limits(d, map);
}

result<crush_map> decode_crush_map(bytes_view bytes) {
  wire::decoder d(bytes, "crush map");
  crush_map map;
  decode(d, map);
  if (!d.ok()) return error{d.error(), d.message()};
  return map;
}

result<crush_map> read_crush_map_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return error{std::make_error_code(std::errc::no_such_file_or_directory),
                 fmt::format("cannot open {}", path)};
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                        std::istreambuf_iterator<char>());
  auto map = decode_crush_map(bytes);
  if (!map) return error{map.code(), fmt::format("{}: {}", path, map.err().what())};
  return map;
}

namespace {

void encode_name_map(wire::encoder& e, const std::map<std::int32_t, std::string>& names) {
  encode(e, static_cast<std::uint32_t>(names.size()));
  for (const auto& [key, name] : names) {
    encode(e, key);
    encode(e, name);
  }
}

}  // namespace

void encode(wire::encoder& e, const crush_map& map) {
  encode(e, crush_magic);
  encode(e, static_cast<std::int32_t>(map.buckets.size()));
  encode(e, static_cast<std::uint32_t>(map.rules.size()));
  encode(e, map.max_devices);
  for (const auto& slot : map.buckets) {
    if (!slot) {
      encode(e, std::uint32_t{0});
      continue;
    }
    const bucket& b = *slot;
    encode(e, static_cast<std::uint32_t>(b.alg));
    encode(e, b.id);
    encode(e, b.type);
    encode(e, static_cast<std::uint8_t>(b.alg));
    encode(e, b.hash);
    encode(e, b.weight);
    encode(e, b.size());
    for (auto item : b.items) encode(e, item);
    switch (b.alg) {
      case bucket_alg::uniform:
        encode(e, b.uniform_item_weight);
        break;
      case bucket_alg::list:
        for (std::size_t i = 0; i < b.items.size(); ++i) {
          encode(e, i < b.item_weights.size() ? b.item_weights[i] : 0u);
          encode(e, i < b.sum_weights.size() ? b.sum_weights[i] : 0u);
        }
        break;
      case bucket_alg::tree:
        encode(e, static_cast<std::uint8_t>(b.node_weights.size()));
        for (auto w : b.node_weights) encode(e, w);
        break;
      case bucket_alg::straw:
        for (std::size_t i = 0; i < b.items.size(); ++i) {
          encode(e, i < b.item_weights.size() ? b.item_weights[i] : 0u);
          encode(e, i < b.straws.size() ? b.straws[i] : 0u);
        }
        break;
      case bucket_alg::straw2:
        for (std::size_t i = 0; i < b.items.size(); ++i)
          encode(e, i < b.item_weights.size() ? b.item_weights[i] : 0u);
        break;
    }
  }
  for (const auto& slot : map.rules) {
    encode(e, std::uint32_t{slot ? 1u : 0u});
    if (!slot) continue;
    encode(e, static_cast<std::uint32_t>(slot->steps.size()));
    encode(e, slot->ruleset);
    encode(e, slot->type);
    encode(e, slot->min_size);
    encode(e, slot->max_size);
    for (const auto& s : slot->steps) {
      encode(e, s.op);
      encode(e, s.arg1);
      encode(e, s.arg2);
    }
  }
  encode_name_map(e, map.type_names);
  encode_name_map(e, map.item_names);
  encode_name_map(e, map.rule_names);
  const auto& t = map.tun;
  encode(e, t.choose_local_tries);
  encode(e, t.choose_local_fallback_tries);
  encode(e, t.choose_total_tries);
  encode(e, t.chooseleaf_descend_once);
  encode(e, t.chooseleaf_vary_r);
  encode(e, t.straw_calc_version);
  encode(e, t.allowed_bucket_algs);
  encode(e, t.chooseleaf_stable);
  encode(e, static_cast<std::uint32_t>(map.class_map.size()));
  for (const auto& [item, cls] : map.class_map) {
    encode(e, item);
    encode(e, cls);
  }
  encode_name_map(e, map.class_names);
  encode(e, static_cast<std::uint32_t>(map.class_buckets.size()));
  for (const auto& [id, per_class] : map.class_buckets) {
    encode(e, id);
    encode(e, static_cast<std::uint32_t>(per_class.size()));
    for (const auto& [cls, shadow] : per_class) {
      encode(e, cls);
      encode(e, shadow);
    }
  }
  encode(e, static_cast<std::uint32_t>(map.choose_arg_sets.size()));
  for (const auto& [set_id, args] : map.choose_arg_sets) {
    encode(e, set_id);
    std::uint32_t used = 0;
    for (const auto& a : args) used += a.empty() ? 0 : 1;
    encode(e, used);
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i].empty()) continue;
      encode(e, static_cast<std::uint32_t>(i));
      encode(e, static_cast<std::uint32_t>(args[i].weight_set.size()));
      for (const auto& weights : args[i].weight_set) {
        encode(e, static_cast<std::uint32_t>(weights.size()));
        for (auto w : weights) encode(e, w);
      }
      encode(e, static_cast<std::uint32_t>(args[i].ids.size()));
      for (auto id : args[i].ids) encode(e, id);
    }
  }
  if (t.msr_descents && t.msr_collision_tries) {
    encode(e, *t.msr_descents);
    encode(e, *t.msr_collision_tries);
  }
}

}  // namespace radosio::crush
