#pragma once
// Turns the command line and Ceph's usual inputs (ceph.conf, keyring, environment) into
// the plain configuration the library takes. This is the only place that reads files or the
// environment: the library itself sees values.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  // Lines for stderr, "warning: ..." (e.g. a keyring others can read); the runner prints them.
  std::vector<std::string> warnings;

  // The objecter's configuration from the same inputs (modes, auth, timeouts).
  [[nodiscard]] osdc::objecter_config objecter() const;
};

result<client_setup> build_client_setup(const global_options& options);

// "warning: keyring PATH is readable by others (mode 0644)" (or "by its group") when the file
// holding a secret is readable by anyone but its owner; nothing when it is not (or cannot
// be examined). `what` is "keyring" or "keyfile".
std::optional<std::string> secret_file_warning(std::string_view what, const std::string& path);

// "crc", "secure", "prefer-crc", "prefer-secure", or Ceph's list form "secure crc".
result<std::vector<msgr::con_mode>> parse_modes(std::string_view text);

}  // namespace radosio::cli
