#include "messenger/message_header.h"

#include <gtest/gtest.h>

#include <string_view>

#include "common/error.h"
#include "messenger/frame_codec.h"
#include "messenger/msgr_error.h"
#include "test_util.h"

namespace radosio::msgr {
namespace {

message_header sample() {
  message_header h;
  h.seq = 0x0102030405060708;
  h.tid = 0x1112131415161718;
  h.type = 42;
  h.priority = 63;
  h.version = 8;
  h.data_pre_padding_len = 0x21222324;
  h.data_off = 0x3132;
  h.ack_seq = 0x4142434445464748;
  h.flags = 3;
  h.compat_version = 3;
  h.reserved = 0x5152;
  return h;
}

constexpr std::string_view sample_hex =
    "0807060504030201"
    "1817161514131211"
    "2a00"
    "3f00"
    "0800"
    "24232221"
    "3231"
    "4847464544434241"
    "03"
    "0300"
    "5251";

TEST(MsgrMessageHeader, FortyOneBytesInFieldOrder) {
  const buffer b = encode_message_header(sample());
  ASSERT_EQ(b.size(), message_header_size);
  EXPECT_EQ(test::to_hex(b.view()), sample_hex);
  message_header back;
  ASSERT_FALSE(decode_message_header(b.view(), back));
  EXPECT_EQ(back, sample());
}

TEST(MsgrMessageHeader, WrongSizesRefused) {
  const auto bytes = test::from_hex(sample_hex);
  message_header h;
  EXPECT_EQ(decode_message_header(bytes_view(bytes).first(40), h), errc::truncated);
  auto longer = bytes;
  longer.push_back(0);
  EXPECT_EQ(decode_message_header(longer, h), errc::malformed);
  EXPECT_EQ(decode_message_header({}, h), errc::truncated);
}

TEST(MsgrMessage, ThroughAFrameAndBack) {
  message m;
  m.header = sample();
  m.front = buffer_list(buffer::copy_of(std::string_view("front payload")));
  m.data.append(buffer::copy_of(std::string_view("da")));
  m.data.append(buffer::copy_of(std::string_view("ta")));
  const auto segs = to_segments(m);
  EXPECT_EQ(segs[3].segments().size(), 2u);  // shared, not flattened

  crc_frame_codec codec;
  buffer_list wire;
  ASSERT_FALSE(codec.encode(tag::message, segs, wire));
  frame f;
  std::size_t consumed = 0;
  ASSERT_FALSE(decode_frame(codec, wire.contiguous(), f, consumed));
  EXPECT_EQ(f.num_segments, 4);
  message back;
  ASSERT_FALSE(from_frame(f, back));
  EXPECT_EQ(back.header, m.header);
  EXPECT_EQ(back.front.to_string(), "front payload");
  EXPECT_TRUE(back.middle.empty());
  EXPECT_EQ(back.data.to_string(), "data");
}

TEST(MsgrMessage, OtherFramesAreNotMessages) {
  frame f;
  f.tag = tag::keepalive2;
  message m;
  EXPECT_EQ(from_frame(f, m), msgr_errc::not_a_message);
  f.tag = tag::message;
  f.segments[0] = buffer::copy_of(std::string_view("short"));
  EXPECT_EQ(from_frame(f, m), errc::truncated);
}

TEST(MsgrFrameTags, NamesForLogs) {
  EXPECT_EQ(to_string(tag::auth_done), "AUTH_DONE");
  EXPECT_EQ(to_string(tag::message), "MESSAGE");
  EXPECT_EQ(to_string(tag::ack), "ACK");
  EXPECT_EQ(to_string(static_cast<tag>(99)), "UNKNOWN");
  EXPECT_FALSE(is_known_tag(0));
  EXPECT_TRUE(is_known_tag(1));
  EXPECT_TRUE(is_known_tag(20));
  EXPECT_FALSE(is_known_tag(23));
}

}  // namespace
}  // namespace radosio::msgr
