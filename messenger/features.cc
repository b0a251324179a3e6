#include "messenger/features.h"

#include <fmt/format.h>

namespace radosio::msgr::feature {

std::string describe_bits(std::uint64_t bits) {
  std::string list;
  for (int b = 0; b < 64; ++b) {
    if (!(bits >> b & 1)) continue;
    if (!list.empty()) list += ", ";
    list += std::to_string(b);
  }
  return fmt::format("{:#x} (bit{} {})", bits, list.find(',') == std::string::npos ? "" : "s", list);
}

}  // namespace radosio::msgr::feature
