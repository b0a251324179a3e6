// ceph_hexdump against dumps printed by Ceph 16.2.15's rados (listomapvals, notify).

#include <gtest/gtest.h>

#include "tools/cli/hexdump.h"

namespace radosio::cli {
namespace {

buffer_list bytes(std::string s) { return buffer_list(buffer::copy_of(std::string_view(s))); }

TEST(hexdump, short_line_pads_to_the_ascii_column) {
  // rados notify wobj "hello there": the payload is the encoded string.
  EXPECT_EQ(ceph_hexdump(bytes(std::string("\x0b\0\0\0hello there", 15))),
            "00000000  0b 00 00 00 68 65 6c 6c  6f 20 74 68 65 72 65     |....hello there|\n"
            "0000000f\n");
}

TEST(hexdump, repeated_zero_lines_fold_into_a_star) {
  // 100 zero bytes then "abc", as rados listomapvals printed it.
  EXPECT_EQ(ceph_hexdump(bytes(std::string(100, '\0') + "abc")),
            "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
            "*\n"
            "00000060  00 00 00 00 61 62 63                              |....abc|\n"
            "00000067\n");
}

TEST(hexdump, nothing_for_no_bytes) { EXPECT_EQ(ceph_hexdump(buffer_list{}), ""); }

TEST(hexdump, exact_lines_and_a_zero_last_line_are_not_folded) {
  const auto out = ceph_hexdump(bytes(std::string(32, '\0')));
  EXPECT_EQ(out,
            "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
            "00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
            "00000020\n");
  EXPECT_EQ(ceph_hexdump(bytes(std::string(48, '\0'))),
            "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
            "*\n"
            "00000020  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
            "00000030\n");
}

}  // namespace
}  // namespace radosio::cli
