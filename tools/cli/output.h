#pragma once
// Small output helpers shared by the commands: byte sizes the way Ceph prints them, and
// aligned text tables.

#include <cstdint>
#include <string>
#include <vector>

namespace radosio::cli {

// 0 B, 512 B, 4 KiB, 1.5 MiB, 3.0 GiB: binary units, one decimal unless exact.
std::string format_bytes(std::uint64_t bytes);

// Prints rows with columns padded to their widest cell; the first row is the header.
void print_table(const std::vector<std::vector<std::string>>& rows);

}  // namespace radosio::cli
