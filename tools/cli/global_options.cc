#include "tools/cli/global_options.h"

#include <cstdlib>
#include <sstream>

namespace radosio::cli {

output_format global_options::parsed_format() const {
  if (format == "json") return output_format::json;
  if (format == "json-pretty") return output_format::json_pretty;
  return output_format::plain;
}

void add_global_options(CLI::App& app, global_options& o) {
  auto* g = &app;
  g->add_option("-c,--conf", o.conf, "ceph.conf to read (default: $CEPH_CONF, /etc/ceph/ceph.conf)");
  g->add_option("--keyring", o.keyring, "keyring holding the client's key");
  g->add_option("--key", o.key, "the client's base64 secret itself (instead of a keyring)");
  g->add_option("-n,--name", o.name, "entity name, TYPE.ID (default client.admin)");
  g->add_option("--id,--user", o.id, "client id: --id foo means client.foo");
  g->add_option("-m,--mon-host", o.mon_host, "monitor address(es), overriding the conf's mon host");
  g->add_option("-p,--pool", o.pool, "pool to act on");
  g->add_option("-N,--namespace", o.nspace, "object namespace within the pool");
  g->add_option("-s,--snap", o.snap, "read from this pool snapshot");
  g->add_option("-S,--snapid", o.snapid, "read from the pool snapshot with this id");
  g->add_option("-f,--format", o.format, "output format")
      ->check(CLI::IsMember({"plain", "json", "json-pretty"}));
  g->add_option("--ms-mode", o.ms_mode, "connection mode for monitors and OSDs")
      ->check(CLI::IsMember({"crc", "secure", "prefer-crc", "prefer-secure"}));
  g->add_option("--connect-timeout", o.connect_timeout,
                "seconds allowed to reach and authenticate with a monitor")
      ->check(CLI::PositiveNumber);
  g->add_option("--op-timeout", o.op_timeout, "seconds allowed for any one operation")
      ->check(CLI::PositiveNumber);
  g->add_flag("-v,--verbose", o.verbose, "log what the client does to stderr");
}

std::vector<std::string> args_with_ceph_args(int argc, char** argv) {
  std::vector<std::string> args;
  if (argc > 0) args.emplace_back(argv[0]);
  if (const char* extra = std::getenv("CEPH_ARGS")) {
    std::istringstream words(extra);
    for (std::string w; words >> w;) args.push_back(w);
  }
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return args;
}

}  // namespace radosio::cli
