#include "tools/commands/snap_option.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <optional>

#include "tools/commands/object_common.h"

namespace radosio::cli {

status select_read_snap(const global_options& options, ioctx& io) {
  std::optional<snap_id> id = options.snapid;
  if (options.snap) {  // a name wins over an id, as in rados
    auto found = io.snap_lookup(*options.snap);
    if (!found) {
      return error{found.err().code, fmt::format("error looking up snap '{}': {}", *options.snap,
                                                 errno_text(failure_errno(found.err())))};
    }
    id = *found;
  }
  if (!id || *id == head_snap) return ok_status();
  auto snap = io.snap_get(*id);
  if (!snap) {
    return error{std::error_code(ENOENT, std::generic_category()),
                 fmt::format("snapid {} doesn't exist in pool {}", *id, io.pool_name())};
  }
  io.set_read_snap(*id);
  fmt::print("selected snap {} '{}'\n", *id, snap->name);
  std::fflush(stdout);  // before output some commands write to the descriptor directly
  return ok_status();
}

}  // namespace radosio::cli
