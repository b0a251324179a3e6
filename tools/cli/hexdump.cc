#include "tools/cli/hexdump.h"

#include <fmt/format.h>

#include <cctype>

namespace radosio::cli {

std::string ceph_hexdump(const buffer_list& data) {
  constexpr std::size_t per_line = 16;
  const buffer bytes = data.contiguous();
  const std::size_t n = bytes.size();
  if (n == 0) return {};
  const auto* p = bytes.data();
  std::string out;
  bool was_zeros = false;
  bool did_star = false;
  for (std::size_t o = 0; o < n; o += per_line) {
    // A full line of zeros after another one (and not the last line) is folded into "*".
    if (o > 0 && o + per_line < n) {
      bool zeros = true;
      for (std::size_t i = 0; i < per_line && zeros; ++i) zeros = p[o + i] == 0;
      if (zeros) {
        if (was_zeros) {
          if (!did_star) {
            out += "\n*";
            did_star = true;
          }
          continue;
        }
        was_zeros = true;
      } else {
        was_zeros = false;
        did_star = false;
      }
    } else if (o == 0) {
      bool zeros = n > per_line;
      for (std::size_t i = 0; i < per_line && i < n && zeros; ++i) zeros = p[i] == 0;
      was_zeros = zeros;
    }
    if (o > 0) out += "\n";
    out += fmt::format("{:08x} ", o);
    std::size_t i = 0;
    for (; i < per_line && o + i < n; ++i) {
      if (i == 8) out += ' ';
      out += fmt::format(" {:02x}", p[o + i]);
    }
    for (; i < per_line; ++i) {
      if (i == 8) out += ' ';
      out += "   ";
    }
    out += "  |";
    for (i = 0; i < per_line && o + i < n; ++i) {
      const auto c = static_cast<unsigned char>(p[o + i]);
      out += (std::isalnum(c) || c == ' ' || std::ispunct(c)) ? static_cast<char>(c) : '.';
    }
    out += '|';
  }
  out += fmt::format("\n{:08x}\n", n);
  return out;
}

}  // namespace radosio::cli
