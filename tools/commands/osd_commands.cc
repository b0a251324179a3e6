// Placement commands: `osd map POOL OBJ [NS]` (as `ceph osd map`) and `osd map-pgs POOL`
// (as `osdmaptool --test-map-pgs-dump-all`), on the live cluster's map or, with --osdmap
// FILE, on a binary map offline, with osdmaptool's what-if flags.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "crush/adjust_weight.h"
#include "crush/decode.h"
#include "osdc/osdmap_codec.h"
#include "osdc/osdmap_feed.h"
#include "osdc/placement.h"
#include "tools/cli/runner.h"
#include "tools/commands/commands.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;
using json = nlohmann::ordered_json;  // keeps fields in the order ceph prints them

struct what_if {
  std::string osdmap_file;
  bool mark_up_in = false;
  std::vector<std::int32_t> mark_out, mark_in, mark_up;
  std::vector<std::string> crush_weights;  // "ID:W" items, possibly comma-separated
  [[nodiscard]] bool any() const {
    return mark_up_in || !mark_out.empty() || !mark_in.empty() || !mark_up.empty() ||
           !crush_weights.empty();
  }
};

void add_what_if_options(CLI::App* cmd, what_if& w) {
  cmd->add_option("--osdmap", w.osdmap_file, "work offline on this binary map (ceph osd getmap -o FILE)");
  cmd->add_flag("--mark-up-in", w.mark_up_in, "with --osdmap: treat every OSD as up and in");
  cmd->add_option("--mark-out", w.mark_out, "with --osdmap: treat this OSD as out")->take_all();
  cmd->add_option("--mark-in", w.mark_in, "with --osdmap: treat this OSD as in")->take_all();
  cmd->add_option("--mark-up", w.mark_up, "with --osdmap: treat this OSD as up")->take_all();
  cmd->add_option("--adjust-crush-weight", w.crush_weights,
                  "with --osdmap: give OSD ID the CRUSH weight W (ID:W[,ID:W...])")
      ->take_all();
}

// Applies the CRUSH side of the what-if flags (decode, adjust, re-encode), in osdmaptool's
// order: --mark-up-in gives every OSD of CRUSH weight 0 the weight 1.0, then
// --adjust-crush-weight sets the weights asked for.
status adjust_crush_weights(osdc::osdmap_state& s, const what_if& w) {
  const auto& specs = w.crush_weights;
  if (specs.empty() && !w.mark_up_in) return ok_status();
  auto map = crush::decode_crush_map(s.crush.view());
  if (!map) return map.err();
  // One reweighter for all, as osdmaptool reweights the one map it decoded.
  crush::reweighter reweight(*map);
  bool changed = !specs.empty();
  for (std::int32_t osd = 0; w.mark_up_in && osd < s.max_osd; ++osd) {
    if (crush::item_weight(*map, osd) != 0u) continue;
    if (auto done = reweight.adjustf(osd, 1.0f); !done)
      return error{done.code(), fmt::format("osd.{}: {}", osd, done.err().what())};
    changed = true;
  }
  if (!changed) return ok_status();  // the map's own bytes stay, whatever release wrote them
  for (const auto& spec : specs) {
    std::size_t start = 0;
    while (start <= spec.size()) {
      auto end = spec.find(',', start);
      if (end == std::string::npos) end = spec.size();
      const auto item = spec.substr(start, end - start);
      start = end + 1;
      if (item.empty()) continue;
      const auto colon = item.find(':');
      char* id_end = nullptr;
      char* w_end = nullptr;
      const long id = colon == std::string::npos ? -1 : std::strtol(item.c_str(), &id_end, 10);
      const float weight = colon == std::string::npos ? 0 : std::strtof(item.c_str() + colon + 1, &w_end);
      if (colon == std::string::npos || id_end != item.c_str() + colon || !w_end || *w_end != '\0' ||
          id < 0) {
        return error{std::make_error_code(std::errc::invalid_argument),
                     fmt::format("--adjust-crush-weight wants ID:WEIGHT, got '{}'", item)};
      }
      // osdmaptool maps on when Ceph refuses the weight (nothing changes) or finds no such
      // item (the weight sets may have changed all the same), so we only warn.
      if (auto done = reweight.adjustf(static_cast<std::int32_t>(id), weight); !done) {
        if (done.code() != std::errc::no_such_file_or_directory &&
            done.code() != std::errc::value_too_large)
          return error{done.code(), fmt::format("osd.{}: {}", id, done.err().what())};
        fmt::print(stderr, "warning: osd.{}: {}; its CRUSH weight stays\n", id, done.err().what());
      }
    }
  }
  wire::encoder e;
  encode(e, *map);
  s.crush = std::move(e).finish();
  return ok_status();
}

// Applies the what-if flags the way osdmaptool does (in the same order).
result<osdc::osdmap_ref> with_what_if(const osdc::osdmap& map, const what_if& w) {
  auto s = map.state();
  auto set_up = [&](std::int32_t osd) {
    if (osd >= 0 && static_cast<std::size_t>(osd) < s.osd_state.size())
      s.osd_state[static_cast<std::size_t>(osd)] |= osdc::osd_state_bit::exists | osdc::osd_state_bit::up;
  };
  auto set_weight = [&](std::int32_t osd, std::uint32_t weight) {
    if (osd >= 0 && static_cast<std::size_t>(osd) < s.osd_weight.size())
      s.osd_weight[static_cast<std::size_t>(osd)] = weight;
  };
  if (w.mark_up_in) {
    for (std::int32_t osd = 0; osd < s.max_osd; ++osd) {
      set_up(osd);
      set_weight(osd, osdc::weight_in);
    }
  }
  // osdmaptool marks an OSD it takes out as up as well: "out but reachable".
  for (auto osd : w.mark_out) {
    set_up(osd);
    set_weight(osd, osdc::weight_out);
  }
  for (auto osd : w.mark_in) set_weight(osd, osdc::weight_in);
  for (auto osd : w.mark_up) set_up(osd);
  if (auto adjusted = adjust_crush_weights(s, w); !adjusted) return adjusted.err();
  return std::make_shared<const osdc::osdmap>(std::move(s));
}

result<osdc::osdmap_ref> load_map_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return error{std::error_code(errno, std::generic_category()),
                 fmt::format("cannot read OSDMap file {}: {}", path, std::strerror(errno))};
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto map = osdc::decode_osdmap(buffer::adopt(bytes.str()));
  if (!map) return error{map.err().code, fmt::format("{}: {}", path, map.err().what())};
  return map;
}

std::string osd_list(const std::vector<std::int32_t>& osds) {
  std::string out = "[";
  for (std::size_t i = 0; i < osds.size(); ++i) out += (i ? "," : "") + std::to_string(osds[i]);
  return out + "]";
}

json osd_json(const std::vector<std::int32_t>& osds) {
  auto a = json::array();
  for (auto o : osds) a.push_back(o);
  return a;
}

// Runs `body` on the map it should use: the file's, or the live cluster's newest.
int with_map(const global_options& options, const what_if& w,
             const std::function<result<int>(const osdc::placement&)>& body) {
  auto run_on = [&](osdc::osdmap_ref map) -> result<int> {
    if (!w.osdmap_file.empty()) {
      auto changed = with_what_if(*map, w);
      if (!changed) return changed.err();
      map = std::move(*changed);
    }
    auto p = osdc::placement::build(std::move(map));
    if (!p) return p.err();
    return body(**p);
  };
  if (!w.osdmap_file.empty()) {
    auto map = load_map_file(w.osdmap_file);
    if (!map) return report(map.err());
    auto outcome = run_on(std::move(*map));
    return outcome ? *outcome : report(outcome.err());
  }
  if (w.any()) {
    return report(error{std::make_error_code(std::errc::invalid_argument),
                        "the what-if flags (--mark-*, --adjust-crush-weight) need --osdmap FILE"});
  }
  return run_command(options, [&](command_context& ctx) -> asio::awaitable<result<int>> {
    auto ready = co_await ctx.mon.wait_for_osdmap();
    if (!ready) co_return ready.err();
    auto map = osdc::newest_osdmap(ctx.mon.osdmaps());
    if (!map) co_return map.err();
    co_return run_on(std::move(*map));
  });
}

std::int64_t pool_id(const osdc::osdmap& map, const std::string& name) {
  if (const auto id = map.lookup_pool(name); id >= 0) return id;
  // osdmaptool takes a pool id; accept one where no pool has that name.
  char* end = nullptr;
  const auto id = std::strtoll(name.c_str(), &end, 10);
  if (end && *end == '\0' && map.pool(id)) return id;
  return -1;
}

}  // namespace

void add_osd_commands(CLI::App& app, global_options& options, int& exit_status) {
  auto* osd = app.add_subcommand("osd", "placement: where objects and PGs live");
  osd->require_subcommand(1);

  struct map_args {
    std::string pool, object, nspace, locator;
    what_if w;
  };
  auto ma = std::make_shared<map_args>();
  auto* map_cmd = osd->add_subcommand("map", "the PG and OSDs of an object (as `ceph osd map POOL OBJ [NS]`)");
  map_cmd->add_option("pool", ma->pool, "pool name")->required();
  map_cmd->add_option("object", ma->object, "object name")->required();
  map_cmd->add_option("namespace", ma->nspace, "namespace (or -N)");
  map_cmd->add_option("--object-locator", ma->locator, "locator key: hashed instead of the name");
  add_what_if_options(map_cmd, ma->w);
  map_cmd->callback([&, ma] {
    if (ma->nspace.empty()) ma->nspace = options.nspace;
    exit_status = with_map(options, ma->w, [&](const osdc::placement& p) -> result<int> {
      const auto& map = p.map();
      const auto id = pool_id(map, ma->pool);
      if (id < 0) {
        return error{std::make_error_code(std::errc::no_such_file_or_directory),
                     errno_message(ENOENT, fmt::format("pool '{}' does not exist", ma->pool))};
      }
      auto raw = p.object_to_raw_pg(id, ma->object, ma->locator, ma->nspace);
      if (!raw) return raw.err();
      const auto pg = osdc::placement::raw_to_pg(*map.pool(id), *raw);
      auto ws = p.make_workspace();
      osdc::pg_mapping m;
      p.map_pg(pg, ws, m);
      const std::string objname = ma->nspace.empty() ? ma->object : ma->nspace + "/" + ma->object;
      if (options.parsed_format() != output_format::plain) {
        json out{{"epoch", map.epoch()}, {"pool", map.pool_name(id)}, {"pool_id", id},
                 {"objname", objname}, {"raw_pgid", raw->to_string()}, {"pgid", pg.to_string()},
                 {"up", osd_json(m.up)}, {"up_primary", m.up_primary},
                 {"acting", osd_json(m.acting)}, {"acting_primary", m.acting_primary}};
        fmt::print("{}\n", out.dump(options.parsed_format() == output_format::json_pretty ? 4 : -1));
      } else {
        fmt::print("osdmap e{} pool '{}' ({}) object '{}' -> pg {} ({}) -> up ({}, p{}) acting ({}, p{})\n",
                   map.epoch(), map.pool_name(id), id, objname, raw->to_string(), pg.to_string(),
                   osd_list(m.up), m.up_primary, osd_list(m.acting), m.acting_primary);
      }
      return 0;
    });
  });

  struct pgs_args {
    std::string pool;
    what_if w;
  };
  auto pa = std::make_shared<pgs_args>();
  auto* pgs_cmd = osd->add_subcommand(
      "map-pgs", "every PG of a pool: raw, up and acting sets (as osdmaptool --test-map-pgs-dump-all)");
  pgs_cmd->add_option("pool", pa->pool, "pool name or id")->required();
  add_what_if_options(pgs_cmd, pa->w);
  pgs_cmd->callback([&, pa] {
    exit_status = with_map(options, pa->w, [&](const osdc::placement& p) -> result<int> {
      const auto& map = p.map();
      const auto id = pool_id(map, pa->pool);
      if (id < 0) {
        return error{std::make_error_code(std::errc::no_such_file_or_directory),
                     errno_message(ENOENT, fmt::format("pool '{}' does not exist", pa->pool))};
      }
      auto ws = p.make_workspace();
      osdc::pg_mapping m;
      const bool as_json = options.parsed_format() != output_format::plain;
      auto all = json::array();
      for (std::uint32_t seed = 0; seed < map.pool(id)->pg_num; ++seed) {
        const pg_id pg{id, seed};
        p.map_pg(pg, ws, m);
        if (as_json) {
          all.push_back({{"pgid", pg.to_string()}, {"raw", osd_json(m.raw)}, {"raw_primary", m.raw_primary},
                         {"up", osd_json(m.up)}, {"up_primary", m.up_primary},
                         {"acting", osd_json(m.acting)}, {"acting_primary", m.acting_primary}});
        } else {
          fmt::print("{} raw ({}, p{}) up ({}, p{}) acting ({}, p{})\n", pg.to_string(), osd_list(m.raw),
                     m.raw_primary, osd_list(m.up), m.up_primary, osd_list(m.acting), m.acting_primary);
        }
      }
      if (as_json) fmt::print("{}\n", all.dump(options.parsed_format() == output_format::json_pretty ? 4 : -1));
      return 0;
    });
  });
}

}  // namespace radosio::cli
