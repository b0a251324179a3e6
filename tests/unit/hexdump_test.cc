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

TEST(hexdump, runs_of_any_repeated_byte_fold) {
  // 67 'A's then binary bytes, as rados getomapval printed it: rows of one byte fold
  // whatever the byte, and bytes outside printable ASCII show as dots.
  EXPECT_EQ(ceph_hexdump(bytes(std::string(67, 'A') + std::string("\0\xff\x80 ~xyz", 8))),
            "00000000  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n"
            "*\n"
            "00000040  41 41 41 00 ff 80 20 7e  78 79 7a                 |AAA... ~xyz|\n"
            "0000004b\n");
}

TEST(hexdump, a_run_restarts_when_a_row_begins_with_another_byte) {
  // Rows: 16 x 'a', 16 x 'a', 16 x 'b', 16 x 'b', 16 x 'b', then "c": the 'b' run prints its
  // first row again before folding; a row that only ends differently is not a run.
  const std::string in = std::string(32, 'a') + std::string(48, 'b') + "c";
  EXPECT_EQ(ceph_hexdump(bytes(in)),
            "00000000  61 61 61 61 61 61 61 61  61 61 61 61 61 61 61 61  |aaaaaaaaaaaaaaaa|\n"
            "*\n"
            "00000020  62 62 62 62 62 62 62 62  62 62 62 62 62 62 62 62  |bbbbbbbbbbbbbbbb|\n"
            "*\n"
            "00000050  63                                                |c|\n"
            "00000051\n");
  EXPECT_EQ(ceph_hexdump(bytes(std::string(16, 'a') + std::string(15, 'a') + "b" + std::string(16, 'a') + "z")),
            "00000000  61 61 61 61 61 61 61 61  61 61 61 61 61 61 61 61  |aaaaaaaaaaaaaaaa|\n"
            "00000010  61 61 61 61 61 61 61 61  61 61 61 61 61 61 61 62  |aaaaaaaaaaaaaaab|\n"
            "00000020  61 61 61 61 61 61 61 61  61 61 61 61 61 61 61 61  |aaaaaaaaaaaaaaaa|\n"
            "00000030  7a                                                |z|\n"
            "00000031\n");
}

}  // namespace
}  // namespace radosio::cli
