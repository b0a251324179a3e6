#include "auth/base64.h"

#include <array>

#include <fmt/format.h>

namespace radosio::auth {
namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr int not_base64 = -1;

constexpr std::array<int, 256> make_reverse_table() {
  std::array<int, 256> table{};
  for (auto& v : table) v = not_base64;
  for (std::size_t i = 0; i < alphabet.size(); ++i)
    table[static_cast<unsigned char>(alphabet[i])] = static_cast<int>(i);
  return table;
}

constexpr auto reverse_table = make_reverse_table();

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

error bad(std::size_t at, std::string_view what) {
  return make_error(auth_errc::bad_base64, fmt::format("base64 at character {}: {}", at, what));
}

}  // namespace

std::string base64_encode(bytes_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = bytes[i] << 16 | bytes[i + 1] << 8 | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(alphabet[group >> shift & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t group = static_cast<std::uint32_t>(bytes[i]) << 16;
    if (rest == 2) group |= static_cast<std::uint32_t>(bytes[i + 1]) << 8;
    out.push_back(alphabet[group >> 18 & 63]);
    out.push_back(alphabet[group >> 12 & 63]);
    out.push_back(rest == 2 ? alphabet[group >> 6 & 63] : '=');
    out.push_back('=');
  }
  return out;
}

result<std::vector<std::uint8_t>> base64_decode(std::string_view text) {
  std::vector<std::uint8_t> out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t group = 0;     // sextets of the current 4-character group
  int in_group = 0;            // data characters of the current group seen so far
  int padding = 0;             // "=" seen in the current group
  constexpr int finished = 4;  // padding value once a padded group ended the data
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (is_space(c)) continue;
    if (c == '=') {
      if (padding == finished) return bad(at, "'=' after the final group");
      // "xx==" or "xxx=": padding completes a group that had at least two characters.
      if (in_group < 2) return bad(at, "'=' too early in a group");
      ++padding;
      if (in_group + padding < 4) continue;
    } else {
      const int v = reverse_table[static_cast<unsigned char>(c)];
      if (v == not_base64)
        return bad(at, fmt::format("invalid character 0x{:02x}", static_cast<unsigned char>(c)));
      if (padding > 0) return bad(at, "data after '='");
      group = group << 6 | static_cast<std::uint32_t>(v);
      if (++in_group < 4) continue;
    }
    // A complete group of four: three bytes, fewer when padded.
    if (padding == 0) {
      out.push_back(static_cast<std::uint8_t>(group >> 16));
      out.push_back(static_cast<std::uint8_t>(group >> 8));
      out.push_back(static_cast<std::uint8_t>(group));
      group = 0;
      in_group = 0;
      continue;
    }
    const int data_chars = 4 - padding;
    group <<= 6 * padding;
    // Bits below the last whole byte must be zero, or two texts would decode to one key.
    const std::uint32_t leftover = padding == 2 ? group & 0xffff : group & 0xff;
    if (leftover != 0) return bad(at, "non-zero bits in the padded group");
    out.push_back(static_cast<std::uint8_t>(group >> 16));
    if (data_chars == 3) out.push_back(static_cast<std::uint8_t>(group >> 8));
    group = 0;
    in_group = 0;
    padding = finished;
  }
  if (padding != 0 && padding != finished) return bad(text.size(), "incomplete padding");
  if (in_group != 0) return bad(text.size(), "length is not a multiple of 4");
  return out;
}

}  // namespace radosio::auth
