#include "common/crc32c.h"

#include <gtest/gtest.h>

#include <string_view>

namespace radosio {
namespace {

bytes_view as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

TEST(Crc32c, CephRawConvention) {
  // protocol.md: raw crc32c(0xffffffff, "123456789") = 0x1cf96d7c, the complement of the
  // textbook CRC-32C check value 0xe3069283.
  EXPECT_EQ(crc32c(0xffffffff, as_bytes("123456789")), 0x1cf96d7cu);
  EXPECT_EQ(~crc32c(0xffffffff, as_bytes("123456789")), 0xe3069283u);
}

TEST(Crc32c, EmptyInputReturnsSeed) {
  EXPECT_EQ(crc32c(0, bytes_view{}), 0u);
  EXPECT_EQ(crc32c(0xffffffff, bytes_view{}), 0xffffffffu);
}

TEST(Crc32c, ChainsAcrossSegments) {
  buffer_list bl;
  bl.append(buffer::copy_of(std::string_view("1234")));
  bl.append(buffer::copy_of(std::string_view("56789")));
  EXPECT_EQ(crc32c(0xffffffff, bl), 0x1cf96d7cu);
}

}  // namespace
}  // namespace radosio
