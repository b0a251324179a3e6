#pragma once
// The inputs every rados-client command shares, named as Ceph's tools name them:
// -c/--conf (and CEPH_CONF), --keyring, -n/--name, --id, -m, -p/--pool, -N/--namespace,
// -s/--snap, -S/--snapid, -f/--format, plus our own --ms-mode and timeouts. CEPH_ARGS is
// honoured as Ceph does: its words are read as if they came first on the command line.

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace radosio::cli {

enum class output_format { plain, json, json_pretty };

struct global_options {
  std::string conf;      // -c; default: $CEPH_CONF, else /etc/ceph/ceph.conf if present
  std::string keyring;   // --keyring; default: the conf's keyring, then Ceph's usual paths
  std::string key;       // --key: a base64 secret given directly
  std::string name;      // -n TYPE.ID
  std::string id;        // --id ID (client.ID)
  std::string mon_host;  // -m
  std::string pool;      // -p
  std::string nspace;    // -N
  std::optional<std::string> snap;      // -s/--snap: reads come from this pool snapshot
  std::optional<std::uint64_t> snapid;  // -S/--snapid: the same, by id
  std::string format = "plain";
  std::string ms_mode;   // --ms-mode crc|secure|prefer-crc|prefer-secure (all connections)
  double connect_timeout = 10;  // seconds to reach and authenticate with a monitor
  double op_timeout = 30;       // seconds for any one operation
  bool verbose = false;

  [[nodiscard]] output_format parsed_format() const;
};

// Registers the shared options on `app` (they may appear before or after the subcommand).
void add_global_options(CLI::App& app, global_options& options);

// argv with the words of CEPH_ARGS inserted after the program name.
std::vector<std::string> args_with_ceph_args(int argc, char** argv);

}  // namespace radosio::cli
