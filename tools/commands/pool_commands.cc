// Pool commands: lspools (as `rados lspools`), and mkpool / rmpool, which behave like
// `ceph osd pool create` / `ceph osd pool delete` (rados dropped its own versions).

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "osdc/osdmap_feed.h"
#include "tools/cli/runner.h"
#include "tools/commands/commands.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;

// The newest OSDMap the monitor sent (full map plus later incrementals).
asio::awaitable<result<osdc::osdmap_ref>> current_map(mon::mon_client& mon) {
  auto ready = co_await mon.wait_for_osdmap();
  if (!ready) co_return ready.err();
  co_return osdc::newest_osdmap(mon.osdmaps());
}

}  // namespace

void add_pool_commands(CLI::App& app, global_options& options, int& exit_status) {
  auto* lspools = app.add_subcommand("lspools", "list the pools, one per line (as `rados lspools`)");
  lspools->callback([&] {
    exit_status = run_command(options, [&](command_context& ctx) -> asio::awaitable<result<int>> {
      auto map = co_await current_map(ctx.mon);
      if (!map) co_return map.err();
      const auto& names = (*map)->pool_names();
      if (options.parsed_format() != output_format::plain) {
        auto list = nlohmann::json::array();
        for (const auto& [id, name] : names) list.push_back(name);
        fmt::print("{}\n", list.dump(options.parsed_format() == output_format::json_pretty ? 4 : -1));
      } else {
        for (const auto& [id, name] : names) fmt::print("{}\n", name);
      }
      co_return 0;
    });
  });

  struct mkpool_args {
    std::string name;
    std::optional<unsigned> pg_num;
  };
  auto mk = std::make_shared<mkpool_args>();  // owned by the callback, which the app keeps
  auto* mkpool = app.add_subcommand("mkpool", "create a pool (as `ceph osd pool create NAME [PG_NUM]`)");
  mkpool->add_option("name", mk->name, "pool name")->required();
  mkpool->add_option("pg_num", mk->pg_num, "placement groups (default: the cluster's osd_pool_default_pg_num)")
      ->check(CLI::PositiveNumber);
  mkpool->callback([&, mk] {
    exit_status = run_command(options, [&](command_context& ctx) -> asio::awaitable<result<int>> {
      nlohmann::json cmd{{"prefix", "osd pool create"}, {"pool", mk->name}};
      if (mk->pg_num) cmd["pg_num"] = *mk->pg_num;
      auto text = cmd.dump();  // named: GCC 12 double-destroys temporaries in co_await
      buffer_list no_input;
      co_return co_await ceph_style_command(ctx.mon, std::move(text), std::move(no_input));
    });
  });

  struct rmpool_args {
    std::string name, name2;
    bool really = false;
  };
  auto rm = std::make_shared<rmpool_args>();
  auto* rmpool = app.add_subcommand(
      "rmpool", "delete a pool: NAME NAME --yes-i-really-really-mean-it (as `ceph osd pool delete`)");
  rmpool->add_option("name", rm->name, "pool name")->required();
  rmpool->add_option("name2", rm->name2, "the pool name again, to confirm");
  rmpool->add_flag("--yes-i-really-really-mean-it", rm->really,
                   "confirm that the pool and all its data go");
  rmpool->callback([&, rm] {
    exit_status = run_command(options, [&](command_context& ctx) -> asio::awaitable<result<int>> {
      // The monitor itself checks the repeated name and the flag, with ceph's own wording.
      nlohmann::json cmd{{"prefix", "osd pool rm"}, {"pool", rm->name}};
      if (!rm->name2.empty()) cmd["pool2"] = rm->name2;
      if (rm->really) cmd["yes_i_really_really_mean_it"] = true;
      auto text = cmd.dump();  // named: GCC 12 double-destroys temporaries in co_await
      buffer_list no_input;
      co_return co_await ceph_style_command(ctx.mon, std::move(text), std::move(no_input));
    });
  });
}

}  // namespace radosio::cli
