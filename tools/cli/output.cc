#include "tools/cli/output.h"

#include <fmt/format.h>

#include <algorithm>

namespace radosio::cli {

std::string format_bytes(std::uint64_t bytes) {
  static constexpr const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int unit = 0;
  std::uint64_t whole = bytes;
  while (whole >= 1024 && unit < 6) {
    whole /= 1024;
    ++unit;
  }
  if (unit == 0) return fmt::format("{} B", bytes);
  const double scaled = static_cast<double>(bytes) / static_cast<double>(1ull << (10 * unit));
  if (bytes % (1ull << (10 * unit)) == 0) return fmt::format("{} {}", whole, units[unit]);
  return fmt::format("{:.1f} {}", scaled, units[unit]);
}

void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      // The first column is a name (left-aligned); the others are numbers (right-aligned).
      line += i == 0 ? fmt::format("{:<{}}", row[i], widths[i]) : fmt::format("  {:>{}}", row[i], widths[i]);
    }
    fmt::print("{}\n", line);
  }
}

}  // namespace radosio::cli
