#pragma once
// Ceph's bufferlist::hexdump, which `rados` uses to print values (listomapvals, notify
// payloads): 16 bytes a line as `hexdump -C` lays them out, a run of lines that each repeat
// one byte folded into "*" after its first line (never the last line), the total length on
// the last line, and nothing at all for no bytes.

#include <string>

#include "common/buffer.h"

namespace radosio::cli {

[[nodiscard]] std::string ceph_hexdump(const buffer_list& data);

}  // namespace radosio::cli
