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
  // Ceph folds rows made of one repeated byte (any byte, not only zeros), and never the last
  // row: the first row of such a run is printed, the rest become one "*". `fill` is the byte
  // of the current run; it changes only when a row starts with a different byte.
  auto fill = p[0];
  bool previous_uniform = false;
  bool starred = false;
  for (std::size_t o = 0; o < n; o += per_line) {
    if (o + per_line < n) {
      bool uniform = true;
      for (std::size_t i = 0; i < per_line; ++i) {
        if (p[o + i] == fill) continue;
        if (i == 0) {
          fill = p[o];
          previous_uniform = false;
          starred = false;
        } else {
          uniform = false;
        }
      }
      if (uniform && previous_uniform) {
        if (!starred) out += "\n*";
        starred = true;
        continue;
      }
      previous_uniform = uniform;
      if (!uniform) starred = false;
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
