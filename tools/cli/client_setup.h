#pragma once
// Turns the command line and Ceph's usual inputs (ceph.conf, keyring, environment) into
// the plain configuration the library takes. This is the only place that reads files or the
// environment: the library itself sees values.

#include "common/result.h"
#include "monclient/mon_client.h"
#include "osdc/objecter.h"
#include "tools/cli/global_options.h"

namespace radosio::cli {

struct client_setup {
  mon::mon_client_config mon;
  std::vector<msgr::con_mode> osd_modes;  // for OSD sessions (ms_client_mode)
  std::string conf_path;                  // the ceph.conf read, if any
  std::uint64_t osd_max_write_size = 90ull << 20;  // Ceph's default, unless ceph.conf says

  // The objecter's configuration from the same inputs (modes, auth, timeouts).
  [[nodiscard]] osdc::objecter_config objecter() const;
};

result<client_setup> build_client_setup(const global_options& options);

// "crc", "secure", "prefer-crc", "prefer-secure", or Ceph's list form "secure crc".
result<std::vector<msgr::con_mode>> parse_modes(std::string_view text);

}  // namespace radosio::cli
