// Cluster-wide commands: status, df (as `rados df`), and mon-command (any JSON command to
// the monitors, printed like `ceph` prints it).

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "tools/cli/output.h"
#include "tools/cli/runner.h"
#include "tools/commands/commands.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;
using json = nlohmann::json;

// Runs a JSON-format mon command and parses its output.
asio::awaitable<result<json>> json_command(mon::mon_client& mon, json cmd) {
  cmd["format"] = "json";
  std::vector<std::string> words{cmd.dump()};  // not braced in co_await: a GCC 12 bug
  buffer_list no_input;
  auto reply = co_await mon.command(std::move(words), std::move(no_input));
  if (!reply) co_return reply.err();
  if (reply->result < 0) {
    co_return error{std::error_code(-reply->result, std::generic_category()),
                    errno_message(-reply->result, reply->status)};
  }
  auto parsed = json::parse(reply->output.to_string(), nullptr, false);
  if (parsed.is_discarded()) {
    co_return error{make_error_code(errc::malformed),
                    fmt::format("'{}' returned output that is not JSON", cmd["prefix"].get<std::string>())};
  }
  co_return parsed;
}

int dump(const json& j, output_format format) {
  fmt::print("{}\n", j.dump(format == output_format::json_pretty ? 4 : -1));
  return 0;
}

std::uint64_t u64(const json& j, const char* key) { return j.value(key, std::uint64_t{0}); }

}  // namespace

void add_cluster_commands(CLI::App& app, global_options& options, int& exit_status) {
  auto* status = app.add_subcommand("status", "cluster health, monitors, OSDs and pools");
  status->callback([&] {
    exit_status = run_command(options, [&](command_context& ctx) -> asio::awaitable<result<int>> {
      json request{{"prefix", "status"}};
      auto s = co_await json_command(ctx.mon, std::move(request));
      if (!s) co_return s.err();
      const auto& j = *s;
      const auto& osd = j.value("osdmap", json::object());
      const auto& pg = j.value("pgmap", json::object());
      json summary{
          {"fsid", j.value("fsid", "")},
          {"health", j.value("health", json::object()).value("status", "")},
          {"mons", {{"count", j.value("monmap", json::object()).value("num_mons", 0)},
                    {"quorum", j.value("quorum_names", json::array())}}},
          {"osds", {{"total", osd.value("num_osds", 0)},
                    {"up", osd.value("num_up_osds", 0)},
                    {"in", osd.value("num_in_osds", 0)}}},
          {"pools", {{"count", pg.value("num_pools", 0)}, {"pgs", pg.value("num_pgs", 0)}}},
          {"objects", pg.value("num_objects", 0)},
          {"bytes_used", pg.value("bytes_used", std::uint64_t{0})},
          {"bytes_total", pg.value("bytes_total", std::uint64_t{0})},
      };
      if (options.parsed_format() != output_format::plain) co_return dump(summary, options.parsed_format());
      std::string quorum;
      for (const auto& name : summary["mons"]["quorum"]) quorum += (quorum.empty() ? "" : ",") + name.get<std::string>();
      fmt::print("  cluster:\n    id:     {}\n    health: {}\n\n", summary["fsid"].get<std::string>(),
                 summary["health"].get<std::string>());
      fmt::print("  services:\n    mon: {} daemons, quorum {}\n    osd: {} osds: {} up, {} in\n\n",
                 summary["mons"]["count"].get<int>(), quorum, summary["osds"]["total"].get<int>(),
                 summary["osds"]["up"].get<int>(), summary["osds"]["in"].get<int>());
      fmt::print("  data:\n    pools:   {} pools, {} pgs\n    objects: {} objects\n    usage:   {} used of {}\n",
                 summary["pools"]["count"].get<int>(), summary["pools"]["pgs"].get<int>(),
                 summary["objects"].get<std::uint64_t>(), format_bytes(summary["bytes_used"].get<std::uint64_t>()),
                 format_bytes(summary["bytes_total"].get<std::uint64_t>()));
      co_return 0;
    });
  });

  auto* df = app.add_subcommand("df", "space and I/O per pool (as `rados df`; figures come from the mgr)");
  df->callback([&] {
    exit_status = run_command(options, [&](command_context& ctx) -> asio::awaitable<result<int>> {
      json request{{"prefix", "df"}, {"detail", "detail"}};
      auto d = co_await json_command(ctx.mon, std::move(request));
      if (!d) co_return d.err();
      const auto& totals = d->value("stats", json::object());
      json out{{"pools", json::array()}};
      std::uint64_t total_objects = 0;
      for (const auto& p : d->value("pools", json::array())) {
        const auto& st = p.value("stats", json::object());
        total_objects += u64(st, "objects");
        out["pools"].push_back({{"name", p.value("name", "")},
                                {"id", p.value("id", 0)},
                                {"size_bytes", u64(st, "bytes_used")},
                                {"num_objects", u64(st, "objects")},
                                {"read_ops", u64(st, "rd")},
                                {"read_bytes", u64(st, "rd_bytes")},
                                {"write_ops", u64(st, "wr")},
                                {"write_bytes", u64(st, "wr_bytes")},
                                {"compress_bytes_used", u64(st, "compress_bytes_used")},
                                {"compress_under_bytes", u64(st, "compress_under_bytes")}});
      }
      out["total_objects"] = total_objects;
      out["total_used"] = u64(totals, "total_used_raw_bytes");
      out["total_avail"] = u64(totals, "total_avail_bytes");
      out["total_space"] = u64(totals, "total_bytes");
      if (options.parsed_format() != output_format::plain) co_return dump(out, options.parsed_format());
      std::vector<std::vector<std::string>> rows{
          {"POOL_NAME", "USED", "OBJECTS", "RD_OPS", "RD", "WR_OPS", "WR", "USED COMPR", "UNDER COMPR"}};
      for (const auto& p : out["pools"]) {
        rows.push_back({p["name"].get<std::string>(), format_bytes(p["size_bytes"]),
                        std::to_string(p["num_objects"].get<std::uint64_t>()),
                        std::to_string(p["read_ops"].get<std::uint64_t>()), format_bytes(p["read_bytes"]),
                        std::to_string(p["write_ops"].get<std::uint64_t>()), format_bytes(p["write_bytes"]),
                        format_bytes(p["compress_bytes_used"]), format_bytes(p["compress_under_bytes"])});
      }
      print_table(rows);
      fmt::print("\ntotal_objects    {}\ntotal_used       {}\ntotal_avail      {}\ntotal_space      {}\n",
                 total_objects, format_bytes(out["total_used"]), format_bytes(out["total_avail"]),
                 format_bytes(out["total_space"]));
      co_return 0;
    });
  });

  struct mon_command_args {
    std::vector<std::string> words;
    std::string input_file;
  };
  auto mc = std::make_shared<mon_command_args>();
  auto* mon_command = app.add_subcommand(
      "mon-command", "send a JSON command to the monitors and print the reply as `ceph` does");
  mon_command->add_option("command", mc->words, "the command as JSON, e.g. '{\"prefix\":\"osd dump\"}'")
      ->required();
  mon_command->add_option("--file", mc->input_file, "file whose bytes go with the command as input");
  mon_command->callback([&, mc] {
    exit_status = run_command(options, [&](command_context& ctx) -> asio::awaitable<result<int>> {
      std::string text;
      for (const auto& w : mc->words) text += (text.empty() ? "" : " ") + w;
      json cmd;
      try {
        cmd = json::parse(text);
      } catch (const json::parse_error& e) {
        // nlohmann's text says where: "parse error at line 1, column 22: ... unexpected end of input".
        co_return error{std::make_error_code(std::errc::invalid_argument),
                        fmt::format("the command is not valid JSON ({}): {}", e.what(), text)};
      }
      if (!cmd.is_object() || !cmd.contains("prefix")) {
        co_return error{std::make_error_code(std::errc::invalid_argument),
                        fmt::format("the command must be a JSON object with a \"prefix\": {}", text)};
      }
      // -f json asks the monitor for JSON, as `ceph -f json` does.
      if (options.parsed_format() != output_format::plain && !cmd.contains("format"))
        cmd["format"] = options.parsed_format() == output_format::json_pretty ? "json-pretty" : "json";
      buffer_list input;
      if (!mc->input_file.empty()) {
        std::ifstream in(mc->input_file, std::ios::binary);
        if (!in) {
          co_return error{std::error_code(errno, std::generic_category()),
                          fmt::format("cannot read {}: {}", mc->input_file, std::strerror(errno))};
        }
        std::ostringstream bytes;
        bytes << in.rdbuf();
        input.append(buffer::adopt(bytes.str()));
      }
      auto text_cmd = cmd.dump();  // named: GCC 12 double-destroys temporaries in co_await
      co_return co_await ceph_style_command(ctx.mon, std::move(text_cmd), std::move(input));
    });
  });
}

}  // namespace radosio::cli
