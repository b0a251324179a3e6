// MOSDOp / MOSDOpReply / MOSDBackoff / MWatchNotify codecs, checked against the frames of
// the recorded OSD sessions (a WRITEFULL and a READ of object "foo" in pg 13.6).

#include <gtest/gtest.h>

#include "messenger/message_header.h"
#include "osdc/osd_messages.h"
#include "transcript.h"

namespace radosio::osdc {
namespace {

using test::from_hex;
using test::to_hex;

msgr::message message_of(const test::transcript_record& r) {
  msgr::message m;
  EXPECT_FALSE(msgr::decode_message_header(r.segment(0), m.header));
  m.front.append(buffer::copy_of(bytes_view(r.segment(1))));
  m.data.append(buffer::copy_of(bytes_view(r.segment(3))));
  return m;
}

// The op as the probe built it, from the transcript's inputs.
mosd_op probe_op(const test::transcript& t, osd_op first) {
  const auto& from_mon = t.derived().at("from_mon_transcript");
  mosd_op op;
  op.pgid.pgid = pg_id{from_mon.at("pool_id").get<std::int64_t>(), 6};
  op.hash = static_cast<std::uint32_t>(test::json_number(t.derived().at("object_hash")));
  op.epoch = from_mon.at("osdmap_epoch").get<std::uint32_t>();
  op.locator.pool = op.pgid.pgid.pool;
  op.oid = "foo";
  op.ops.push_back(std::move(first));
  op.features = 0x3f01cfbdfffdffffULL;
  return op;
}

class osd_messages_transcript : public ::testing::TestWithParam<const char*> {};

TEST_P(osd_messages_transcript, writefull_and_read_encode_byte_for_byte) {
  const auto t = test::load_transcript(GetParam());
  const auto write_data = from_hex(test::hex_field(t.derived(), "write_data"));

  osd_op w;
  w.code = op_code::write_full;
  w.set_extent(0, write_data.size());
  w.indata.append(buffer::copy_of(bytes_view(write_data)));
  auto write = probe_op(t, std::move(w));
  write.flags = osd_flag::ondisk | osd_flag::write | osd_flag::known_redir;
  write.mtime = utime{1700000000, 0};

  osd_op r;
  r.code = op_code::read;
  r.set_extent(0, 100);
  auto read = probe_op(t, std::move(r));
  read.flags = osd_flag::ondisk | osd_flag::read | osd_flag::known_redir;

  int checked = 0;
  std::uint64_t tid = 0;
  for (const auto& rec : t.records) {
    if (rec.label != "MESSAGE MOSDOp v8") continue;
    ++tid;
    const auto m = encode_mosd_op(tid == 1 ? write : read, tid);
    EXPECT_EQ(to_hex(m.front.contiguous().view()), to_hex(rec.segment(1))) << "tid " << tid;
    EXPECT_EQ(to_hex(m.data.contiguous().view()), to_hex(rec.segment(3))) << "tid " << tid;
    msgr::message_header recorded;
    ASSERT_FALSE(msgr::decode_message_header(rec.segment(0), recorded));
    EXPECT_EQ(m.header.type, recorded.type);
    EXPECT_EQ(m.header.version, recorded.version);
    EXPECT_EQ(m.header.compat_version, recorded.compat_version);
    EXPECT_EQ(m.header.priority, recorded.priority);
    EXPECT_EQ(m.header.tid, recorded.tid);

    // And back: the recorded request decodes to what we meant.
    auto back = decode_mosd_op(message_of(rec));
    ASSERT_TRUE(back) << back.err().what();
    EXPECT_EQ(back->oid, "foo");
    EXPECT_EQ(back->pgid.pgid.seed, 6u);
    ASSERT_EQ(back->ops.size(), 1u);
    EXPECT_EQ(back->ops[0].indata.size(), tid == 1 ? write_data.size() : 0u);
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

TEST_P(osd_messages_transcript, replies_decode_with_their_outputs) {
  const auto t = test::load_transcript(GetParam());
  const auto write_data = from_hex(test::hex_field(t.derived(), "write_data"));
  std::vector<mosd_op_reply> replies;
  for (const auto& rec : t.records) {
    if (rec.label != "MESSAGE MOSDOpReply v8") continue;
    auto reply = decode_mosd_op_reply(message_of(rec));
    ASSERT_TRUE(reply) << reply.err().what();
    replies.push_back(std::move(*reply));
  }
  ASSERT_EQ(replies.size(), 2u);
  const auto& write = replies[0];
  EXPECT_EQ(write.tid, 1u);
  EXPECT_EQ(write.oid, "foo");
  EXPECT_EQ(write.pgid, (pg_id{13, 6}));
  EXPECT_EQ(write.result, 0);
  ASSERT_EQ(write.ops.size(), 1u);
  EXPECT_EQ(write.ops[0].code, op_code::write_full);
  EXPECT_EQ(write.ops[0].rval, 0);
  EXPECT_GT(write.user_version, 0u);

  const auto& read = replies[1];
  EXPECT_EQ(read.tid, 2u);
  EXPECT_EQ(read.result, 0);
  ASSERT_EQ(read.ops.size(), 1u);
  EXPECT_EQ(read.ops[0].code, op_code::read);
  EXPECT_EQ(read.ops[0].outdata.to_string(), std::string(write_data.begin(), write_data.end()));
  // A read does not change the object: it reports the version the write produced.
  EXPECT_EQ(read.user_version, write.user_version);

  // Re-encoding a decoded reply gives the recorded front back (nothing after the redirect
  // flag in these replies).
  for (const auto& rec : t.records) {
    if (rec.label != "MESSAGE MOSDOpReply v8") continue;
    auto reply = decode_mosd_op_reply(message_of(rec));
    ASSERT_TRUE(reply);
    EXPECT_EQ(to_hex(encode_mosd_op_reply(*reply).front.contiguous().view()), to_hex(rec.segment(1)));
  }
}

TEST_P(osd_messages_transcript, every_truncated_reply_is_an_error) {
  const auto t = test::load_transcript(GetParam());
  const auto& rec = t.find("s2c", "MESSAGE MOSDOpReply v8");
  const auto full = message_of(rec);
  const auto front = full.front.contiguous();
  for (std::size_t cut = 0; cut < front.size(); ++cut) {
    auto m = full;
    m.front = buffer_list(front.slice(0, cut));
    EXPECT_FALSE(decode_mosd_op_reply(m)) << "cut at " << cut;
  }
}

INSTANTIATE_TEST_SUITE_P(modes, osd_messages_transcript, ::testing::Values("osd-crc", "osd-secure"));

TEST(osd_messages, reply_whose_ops_claim_more_output_than_sent_is_refused) {
  mosd_op_reply r;
  r.oid = "x";
  osd_op op;
  op.code = op_code::read;
  op.outdata.append(buffer::copy_of(std::string_view("abcdef")));
  r.ops.push_back(op);
  auto m = encode_mosd_op_reply(r);
  m.data = buffer_list(buffer::copy_of(std::string_view("abc")));
  auto decoded = decode_mosd_op_reply(m);
  ASSERT_FALSE(decoded);
  EXPECT_NE(decoded.err().what().find("more output"), std::string::npos) << decoded.err().what();
}

TEST(osd_messages, compound_request_data_is_split_by_op) {
  mosd_op op;
  op.oid = "obj";
  for (std::string_view s : {"first", "", "third-input"}) {
    osd_op o;
    o.code = op_code::set_xattr;
    o.indata.append(buffer::copy_of(s));
    op.ops.push_back(o);
  }
  auto back = decode_mosd_op(encode_mosd_op(op, 7));
  ASSERT_TRUE(back) << back.err().what();
  ASSERT_EQ(back->ops.size(), 3u);
  EXPECT_EQ(back->ops[0].indata.to_string(), "first");
  EXPECT_EQ(back->ops[1].indata.to_string(), "");
  EXPECT_EQ(back->ops[2].indata.to_string(), "third-input");
}

TEST(osd_messages, backoff_round_trip_and_unknown_op) {
  mosd_backoff b;
  b.pgid.pgid = pg_id{5, 3};
  b.epoch = 42;
  b.op = backoff_op::unblock;
  b.id = 9;
  b.begin.pool = 5;
  b.begin.hash = 3;
  b.end.max = true;
  auto back = decode_mosd_backoff(encode_mosd_backoff(b));
  ASSERT_TRUE(back) << back.err().what();
  EXPECT_EQ(back->pgid, b.pgid);
  EXPECT_EQ(back->op, backoff_op::unblock);
  EXPECT_EQ(back->id, 9u);
  EXPECT_EQ(back->begin, b.begin);
  EXPECT_EQ(back->end, b.end);

  auto m = encode_mosd_backoff(b);
  auto front = m.front.contiguous().to_string();
  front[24 + 4] = 9;  // the op byte: after spg_t (24 bytes) and the epoch
  m.front = buffer_list(buffer::copy_of(std::string_view(front)));
  EXPECT_FALSE(decode_mosd_backoff(m));
}

TEST(osd_messages, watch_notify_round_trip) {
  mwatch_notify n;
  n.op = watch_notify_op::notify;
  n.cookie = 0x1234;
  n.version = 77;
  n.notify_id = 99;
  n.payload.append(buffer::copy_of(std::string_view("hello")));
  n.notifier_gid = 4242;
  auto back = decode_mwatch_notify(encode_mwatch_notify(n));
  ASSERT_TRUE(back) << back.err().what();
  EXPECT_EQ(back->op, watch_notify_op::notify);
  EXPECT_EQ(back->cookie, 0x1234u);
  EXPECT_EQ(back->notify_id, 99u);
  EXPECT_EQ(back->payload.to_string(), "hello");
  EXPECT_EQ(back->notifier_gid, 4242u);
}

}  // namespace
}  // namespace radosio::osdc
