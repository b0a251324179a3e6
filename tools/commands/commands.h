#pragma once
// Registration of the CLI's command families. Each adds its subcommands to `app`; when one
// runs, it stores its exit status in `exit_status`.

#include <CLI/CLI.hpp>

#include "tools/cli/global_options.h"

namespace radosio::cli {

void add_pool_commands(CLI::App& app, global_options& options, int& exit_status);
void add_cluster_commands(CLI::App& app, global_options& options, int& exit_status);
void add_osd_commands(CLI::App& app, global_options& options, int& exit_status);
void add_crush_commands(CLI::App& app, global_options& options, int& exit_status);
void add_object_commands(CLI::App& app, global_options& options, int& exit_status);
// More object commands: data (append, truncate, create, touch, cp), attributes (xattrs,
// listwatchers) and omap.
void add_object_data_commands(CLI::App& app, global_options& options, int& exit_status);
void add_object_attr_commands(CLI::App& app, global_options& options, int& exit_status);
void add_object_omap_commands(CLI::App& app, global_options& options, int& exit_status);
void add_watch_commands(CLI::App& app, global_options& options, int& exit_status);
// Pool snapshots (mksnap, rmsnap, lssnap, rollback) and advisory locks (lock list|info|get|break).
void add_snapshot_commands(CLI::App& app, global_options& options, int& exit_status);
void add_lock_commands(CLI::App& app, global_options& options, int& exit_status);
// bench (rados bench compatible), cleanup, bench-hist.
void add_bench_commands(CLI::App& app, global_options& options, int& exit_status);

}  // namespace radosio::cli
