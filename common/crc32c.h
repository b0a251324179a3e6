#pragma once
// CRC-32C the way Ceph computes it: "raw", with no inversion before or after. Ceph's
// ceph_crc32c(seed, data) and ISA-L's crc32_iscsi(data, len, seed) agree on this, so
// crc32c(0xffffffff, "123456789") == 0x1cf96d7c, the complement of the textbook value.

#include <cstdint>

#include "common/buffer.h"

namespace radosio {

[[nodiscard]] std::uint32_t crc32c(std::uint32_t seed, bytes_view bytes) noexcept;
[[nodiscard]] std::uint32_t crc32c(std::uint32_t seed, const buffer_list& bytes) noexcept;

}  // namespace radosio
