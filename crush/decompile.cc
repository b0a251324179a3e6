#include "crush/decompile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

namespace radosio::crush {
namespace {

// CRUSH_LEGACY_ALLOWED_BUCKET_ALGS: uniform | list | straw.
constexpr std::int32_t legacy_allowed_bucket_algs = 22;

error corrupt(std::errc code, std::string message) {
  return error{std::make_error_code(code), std::move(message)};
}

// Ceph's print_fixedpoint: the 16.16 value is read as an int, divided in single precision,
// and printed by printf "%.3f" (the float promoted to double). Doing the same arithmetic is
// what makes every rounding agree.
std::string fixed_point(std::uint32_t weight) {
  const float value =
      static_cast<float>(static_cast<std::int32_t>(weight)) / static_cast<float>(0x10000);
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(value));
  return text;
}

const std::string* find_name(const std::map<std::int32_t, std::string>& names, std::int32_t key) {
  const auto it = names.find(key);
  return it == names.end() ? nullptr : &it->second;
}

std::string type_name(const crush_map& m, std::int32_t type) {
  if (const auto* name = find_name(m.type_names, type)) return *name;
  return type == 0 ? std::string("device") : fmt::format("type{}", type);
}

std::string item_name(const crush_map& m, std::int32_t item) {
  if (const auto* name = find_name(m.item_names, item)) return *name;
  return item >= 0 ? fmt::format("device{}", item)
                   : fmt::format("bucket{}", -1 - static_cast<std::int64_t>(item));
}

// CrushWrapper::is_valid_crush_name. Shadow buckets ("default~ssd") fail it, which is how
// crushtool leaves them out: `crushtool -c` rebuilds them from the class ids.
bool is_valid_crush_name(const std::string& name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return c == '-' || c == '_' || c == '.' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
           (c >= 'a' && c <= 'z');
  });
}

// The last key holding `name`, as Ceph's reverse maps (built in key order) answer.
std::optional<std::int32_t> key_of(const std::map<std::int32_t, std::string>& names,
                                   const std::string& name) {
  std::optional<std::int32_t> found;
  for (const auto& [key, value] : names)
    if (value == name) found = key;
  return found;
}

const char* alg_name(bucket_alg alg) {
  switch (alg) {
    case bucket_alg::uniform:
      return "uniform";
    case bucket_alg::list:
      return "list";
    case bucket_alg::tree:
      return "tree";
    case bucket_alg::straw:
      return "straw";
    case bucket_alg::straw2:
      return "straw2";
  }
  return "unknown";
}

void write_tunables(const tunables& t, std::string& out) {
  // Only values that differ from the legacy defaults are written; Ceph's getters return int.
  const auto line = [&](const char* name, std::uint32_t value, std::int32_t legacy) {
    const auto v = static_cast<std::int32_t>(value);
    if (v != legacy) out += fmt::format("tunable {} {}\n", name, v);
  };
  line("choose_local_tries", t.choose_local_tries, 2);
  line("choose_local_fallback_tries", t.choose_local_fallback_tries, 5);
  line("choose_total_tries", t.choose_total_tries, 19);
  line("chooseleaf_descend_once", t.chooseleaf_descend_once, 0);
  line("chooseleaf_vary_r", t.chooseleaf_vary_r, 0);
  line("chooseleaf_stable", t.chooseleaf_stable, 0);
  line("straw_calc_version", t.straw_calc_version, 0);
  line("allowed_bucket_algs", t.allowed_bucket_algs, legacy_allowed_bucket_algs);
}

// Ceph's decoder widens max_devices to cover the highest named item, so every named device
// is listed, in id order.
void write_devices(const crush_map& m, std::string& out) {
  out += "\n# devices\n";
  for (const auto& [id, name] : m.item_names) {
    if (id < 0) continue;
    out += fmt::format("device {} {}", id, name);
    if (const auto cls = m.class_map.find(id); cls != m.class_map.end())
      if (const auto* class_name = find_name(m.class_names, cls->second))
        out += " class " + *class_name;
    out += '\n';
  }
}

// Type 0 is always listed (as "osd" when unnamed), unless the map names no types at all.
// crushtool walks ids upward from 0 until it has seen every name, so negative ids (which
// would make it loop forever) are not listed.
void write_types(const crush_map& m, std::string& out) {
  out += "\n# types\n";
  if (!m.type_names.empty() && !m.type_names.contains(0)) out += "type 0 osd\n";
  for (const auto& [id, name] : m.type_names)
    if (id >= 0) out += fmt::format("type {} {}\n", id, name);
}

status write_bucket(const crush_map& m, const bucket& b, std::string& out) {
  if (const auto* name = find_name(m.item_names, b.id); name && !is_valid_crush_name(*name))
    return ok_status();
  out += type_name(m, b.type) + " " + item_name(m, b.id) + " {\n";
  out += fmt::format("\tid {}\t\t# do not change unnecessarily\n", b.id);
  if (const auto per_class = m.class_buckets.find(b.id); per_class != m.class_buckets.end()) {
    for (const auto& [cls, shadow] : per_class->second) {
      const auto* class_name = find_name(m.class_names, cls);
      if (!class_name)
        return corrupt(std::errc::invalid_argument,
                       fmt::format("bucket {} has a class {} bucket, but class {} has no name",
                                   b.id, cls, cls));
      out +=
          fmt::format("\tid {} class {}\t\t# do not change unnecessarily\n", shadow, *class_name);
    }
  }
  out += "\t# weight " + fixed_point(b.weight) + "\n";
  out += std::string("\talg ") + alg_name(b.alg);
  bool with_pos = false;  // where an item's position matters to placement, crushtool says it
  switch (b.alg) {
    case bucket_alg::uniform:
      out += fmt::format("\t# do not change bucket size ({}) unnecessarily", b.size());
      with_pos = true;
      break;
    case bucket_alg::list:
      out += "\t# add new items at the end; do not change order unnecessarily";
      break;
    case bucket_alg::tree:
      out += "\t# do not change pos for existing items unnecessarily";
      with_pos = true;
      break;
    case bucket_alg::straw:
    case bucket_alg::straw2:
      break;
  }
  out += '\n';
  out += fmt::format("\thash {}\t# {}\n", b.hash, b.hash == 0 ? "rjenkins1" : "unknown");
  for (std::size_t j = 0; j < b.items.size(); ++j) {
    out +=
        "\titem " + item_name(m, b.items[j]) + " weight " + fixed_point(bucket_item_weight(b, j));
    if (with_pos) out += fmt::format(" pos {}", j);
    out += '\n';
  }
  out += "}\n";
  return ok_status();
}

// Buckets in crushtool's order: for bucket -1, -2, ... a depth-first walk that writes every
// child bucket before its parent, each once. Iterative, so a deep hierarchy cannot exhaust
// the stack.
status write_buckets(const crush_map& m, std::string& out) {
  out += "\n# buckets\n";
  enum class state : std::uint8_t { unseen, in_progress, done };
  std::vector<state> seen(m.buckets.size(), state::unseen);
  struct frame {
    std::size_t index;
    std::size_t next_child;
  };
  std::vector<frame> stack;
  for (std::size_t root = 0; root < m.buckets.size(); ++root) {
    if (!m.buckets[root] || seen[root] != state::unseen) continue;
    seen[root] = state::in_progress;
    stack.push_back({root, 0});
    while (!stack.empty()) {
      const bucket& b = *m.buckets[stack.back().index];
      if (stack.back().next_child < b.items.size()) {
        const std::int32_t child = b.items[stack.back().next_child++];
        if (!m.find_bucket(child)) continue;  // a device, or a bucket that does not exist
        const auto index = static_cast<std::size_t>(-1 - static_cast<std::int64_t>(child));
        if (seen[index] == state::in_progress)
          return corrupt(std::errc::invalid_argument,
                         fmt::format("bucket {} contains bucket {}, which contains it: the "
                                     "buckets must form a directed acyclic graph",
                                     b.id, child));
        if (seen[index] == state::done) continue;
        seen[index] = state::in_progress;
        stack.push_back({index, 0});
        continue;
      }
      if (auto written = write_bucket(m, b, out); !written) return written;
      seen[stack.back().index] = state::done;
      stack.pop_back();
    }
  }
  return ok_status();
}

// A take step names its item; a per-class shadow bucket ("default~ssd") is written as its
// base item plus the class ("default class ssd"), as CrushWrapper::split_id_class splits it.
result<std::string> take_target(const crush_map& m, std::int32_t item) {
  const auto* name = find_name(m.item_names, item);
  if (!name)
    return corrupt(std::errc::invalid_argument,
                   fmt::format("a rule takes item {}, which has no name", item));
  const auto tilde = name->find('~');
  if (tilde == std::string::npos) return *name;
  const std::string base = name->substr(0, tilde);
  const std::string cls = name->substr(tilde + 1);
  const auto base_id = key_of(m.item_names, base);
  const auto class_id = key_of(m.class_names, cls);
  if (!base_id || !class_id)
    return corrupt(std::errc::no_such_file_or_directory,
                   fmt::format("a rule takes '{}', but {} does not exist", *name,
                               base_id ? "class '" + cls + "'" : "item '" + base + "'"));
  if (*class_id < 0) return *name;  // not a class as far as crushtool is concerned
  return item_name(m, *base_id) + " class " + cls;
}

void write_choose_step(const crush_map& m, const char* what, const rule_step& s, std::string& out) {
  out += fmt::format("\tstep {} {} type {}\n", what, s.arg1, type_name(m, s.arg2));
}

status write_step(const crush_map& m, const rule_step& s, std::string& out) {
  const auto set_step = [&](const char* name) {
    out += fmt::format("\tstep {} {}\n", name, s.arg1);
  };
  switch (static_cast<rule_op>(s.op)) {
    case rule_op::noop:
      out += "\tstep noop\n";
      break;
    case rule_op::take: {
      auto target = take_target(m, s.arg1);
      if (!target) return target.err();
      out += "\tstep take " + *target + "\n";
      break;
    }
    case rule_op::emit:
      out += "\tstep emit\n";
      break;
    case rule_op::set_choose_tries:
      set_step("set_choose_tries");
      break;
    case rule_op::set_choose_local_tries:
      set_step("set_choose_local_tries");
      break;
    case rule_op::set_choose_local_fallback_tries:
      set_step("set_choose_local_fallback_tries");
      break;
    case rule_op::set_chooseleaf_tries:
      set_step("set_chooseleaf_tries");
      break;
    case rule_op::set_chooseleaf_vary_r:
      set_step("set_chooseleaf_vary_r");
      break;
    case rule_op::set_chooseleaf_stable:
      set_step("set_chooseleaf_stable");
      break;
    case rule_op::choose_firstn:
      write_choose_step(m, "choose firstn", s, out);
      break;
    case rule_op::choose_indep:
      write_choose_step(m, "choose indep", s, out);
      break;
    case rule_op::chooseleaf_firstn:
      write_choose_step(m, "chooseleaf firstn", s, out);
      break;
    case rule_op::chooseleaf_indep:
      write_choose_step(m, "chooseleaf indep", s, out);
      break;
    default:
      break;  // ops Pacific does not know (Squid's MSR steps) are left out
  }
  return ok_status();
}

status write_rules(const crush_map& m, std::string& out) {
  out += "\n# rules\n";
  for (std::size_t i = 0; i < m.rules.size(); ++i) {
    if (!m.rules[i]) continue;
    const rule& r = *m.rules[i];
    const auto id = static_cast<std::int32_t>(i);
    out += "rule ";
    if (const auto* name = find_name(m.rule_names, id)) out += *name;
    out += fmt::format(" {{\n\tid {}\n", id);
    if (r.ruleset != i)
      out +=
          fmt::format("\t# WARNING: ruleset {} != id {}; this will not recompile to the same map\n",
                      r.ruleset, id);
    switch (r.type) {
      case 1:
        out += "\ttype replicated\n";
        break;
      case 3:
        out += "\ttype erasure\n";
        break;
      default:
        out += fmt::format("\ttype {}\n", r.type);
        break;
    }
    out += fmt::format("\tmin_size {}\n\tmax_size {}\n", r.min_size, r.max_size);
    for (const auto& s : r.steps)
      if (auto written = write_step(m, s, out); !written) return written;
    out += "}\n";
  }
  return ok_status();
}

void write_choose_arg(std::size_t index, const choose_arg& arg, std::string& out) {
  out += fmt::format("  {{\n    bucket_id {}\n", -1 - static_cast<std::int64_t>(index));
  if (!arg.weight_set.empty()) {
    out += "    weight_set [\n";
    for (const auto& weights : arg.weight_set) {
      out += "      [ ";
      for (auto w : weights) out += fixed_point(w) + " ";
      out += "]\n";
    }
    out += "    ]\n";
  }
  if (!arg.ids.empty()) {
    out += "    ids [ ";
    for (auto id : arg.ids) out += fmt::format("{} ", id);
    out += "]\n";
  }
  out += "  }\n";
}

// Ceph keeps the sets in signed id order but prints each id through an unsigned 64-bit
// parameter, so the compat set (-1) comes first, as 18446744073709551615.
void write_choose_args(const crush_map& m, std::string& out) {
  if (m.choose_arg_sets.empty()) return;
  out += "\n# choose_args\n";
  for (const auto& [id, args] : m.choose_arg_sets) {
    out += fmt::format("choose_args {} {{\n", static_cast<std::uint64_t>(id));
    const auto kept = ceph_kept_choose_args(m, args);
    for (std::size_t i = 0; i < kept.size(); ++i)
      if (!kept[i].empty()) write_choose_arg(i, kept[i], out);
    out += "}\n";
  }
}

}  // namespace

result<std::string> decompile(const crush_map& map) {
  std::string out = "# begin crush map\n";
  write_tunables(map.tun, out);
  write_devices(map, out);
  write_types(map, out);
  if (auto written = write_buckets(map, out); !written) return written.err();
  if (auto written = write_rules(map, out); !written) return written.err();
  write_choose_args(map, out);
  out += "\n# end crush map\n";
  return out;
}

}  // namespace radosio::crush
