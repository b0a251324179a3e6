#include "common/crc32c.h"

#include <isa-l/crc.h>

#include <algorithm>
#include <limits>

namespace radosio {

std::uint32_t crc32c(std::uint32_t seed, bytes_view bytes) noexcept {
  // ISA-L takes an int length and a non-const pointer it only reads; feed it in chunks so
  // spans beyond 2 GiB stay correct.
  constexpr std::size_t max_chunk = std::numeric_limits<int>::max();
  std::uint32_t crc = seed;
  while (!bytes.empty()) {
    const auto n = std::min(bytes.size(), max_chunk);
    crc = crc32_iscsi(const_cast<unsigned char*>(bytes.data()), static_cast<int>(n), crc);
    bytes = bytes.subspan(n);
  }
  return crc;
}

std::uint32_t crc32c(std::uint32_t seed, const buffer_list& bytes) noexcept {
  std::uint32_t crc = seed;
  for (const auto& segment : bytes.segments()) crc = crc32c(crc, segment.view());
  return crc;
}

}  // namespace radosio
