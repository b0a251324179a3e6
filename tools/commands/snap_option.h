#pragma once
// -s/--snap NAME and -S/--snapid ID, applied as rados applies them once the -p pool is open:
// the snapshot is looked up in the pool, reads come from it, and "selected snap ID 'NAME'"
// goes to stdout before the command's own output. Whatever opens the -p pool for a command
// (open_object_pool in object_common.h) calls this right after opening it.

#include "radosio/ioctx.h"
#include "radosio/result.h"
#include "tools/cli/global_options.h"

namespace radosio::cli {

// A failure comes back worded as rados prints it on stderr ("error looking up snap 'x': (2)
// No such file or directory", "snapid 7 doesn't exist in pool P"); rados then exits 1.
status select_read_snap(const global_options& options, ioctx& io);

}  // namespace radosio::cli
