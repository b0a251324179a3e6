// rados-client: the command line over radosio. Command families are added layer by layer
// (see the issues); until the messenger lands this binary only reports what it is.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "radosio/version.h"

int main(int argc, char** argv) {
  CLI::App app{"rados-client: a native Ceph RADOS client (no librados underneath)"};
  app.set_version_flag("--version", std::string(radosio::version_string));
  app.require_subcommand(0, 1);

  auto* version = app.add_subcommand("version", "print the radosio version");
  version->callback([] { fmt::print("radosio {}\n", radosio::version_string); });

  CLI11_PARSE(app, argc, argv);
  if (app.get_subcommands().empty()) {
    fmt::print("{}", app.help());
  }
  return 0;
}
