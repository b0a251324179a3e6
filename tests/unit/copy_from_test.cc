// COPY_FROM: its input (object_t + object_locator_t) and its 28-byte arguments, byte for byte
// as librados's ObjectOperation::copy_from lays them out.

#include <gtest/gtest.h>

#include "osdc/osd_op.h"
#include "rados/op_codecs.h"
#include "rados/op_list.h"
#include "radosio/operations.h"
#include "test_util.h"

namespace radosio {
namespace {

using test::from_hex;
using test::to_hex;

TEST(copy_from, source_encodes_the_name_then_the_locator) {
  object_locator where;
  where.pool = 3;
  where.nspace = "ns";
  const buffer in = detail::encode_copy_source("src", where);
  EXPECT_EQ(to_hex(in.view()),
            to_hex(from_hex("03000000 737263"            // object_t: "src"
                            "06 03 1e000000"              // object_locator_t v6, compat 3, 30 bytes
                            "0300000000000000 ffffffff"   // pool 3, preferred -1
                            "00000000"                    // no locator key
                            "02000000 6e73"               // namespace "ns"
                            "ffffffffffffffff")));        // hash -1
}

TEST(copy_from, source_with_a_locator_key) {
  object_locator where;
  where.pool = 1;
  where.key = "k";
  const buffer in = detail::encode_copy_source("", where);
  EXPECT_EQ(to_hex(in.view()), to_hex(from_hex("00000000"
                                               "06 03 1d000000"
                                               "0100000000000000 ffffffff"
                                               "01000000 6b"
                                               "00000000"
                                               "ffffffffffffffff")));
}

TEST(copy_from, op_arguments_and_flags) {
  copy_source from;
  from.pool = 7;
  from.nspace = "n";
  write_op op;
  op.copy_from("obj", from, 42, fadvise::sequential | fadvise::nocache, fadvise::sequential | fadvise::dontneed);
  ASSERT_EQ(op.steps().ops.size(), 1u);
  const auto& o = op.steps().ops[0];
  EXPECT_EQ(static_cast<std::uint16_t>(o.code), 0x221a);  // CEPH_OSD_OP_COPY_FROM
  EXPECT_EQ(o.flags, 0x28u);                              // FADVISE_SEQUENTIAL | FADVISE_DONTNEED
  // snapid (head) | src_version | flags | src_fadvise_flags, then zeros.
  EXPECT_EQ(to_hex(bytes_view(o.args.data(), o.args.size())),
            to_hex(from_hex("feffffffffffffff 2a00000000000000 00 48000000 00000000000000")));
  object_locator where;
  where.pool = 7;
  where.nspace = "n";
  EXPECT_EQ(o.indata.to_string(), detail::encode_copy_source("obj", where).to_string());
  EXPECT_TRUE(osdc::is_write(o.code));
  EXPECT_EQ(osdc::op_name(o.code), "copy-from");
}

}  // namespace
}  // namespace radosio
