#include "monclient/mon_messages.h"

#include <gtest/gtest.h>

#include "monclient/mon_map.h"
#include "transcript.h"

namespace radosio::mon {
namespace {

TEST(MonMessages, SubscribeMatchesRecordedFront) {
  const auto t = test::load_transcript("mon-crc.jsonl");
  const auto& rec = t.find("c2s", "MESSAGE MMonSubscribe v3");
  mon_subscribe sub;
  sub.what["monmap"] = {0, false};
  sub.what["osdmap"] = {0, false};
  sub.hostname = "proto";
  ASSERT_GE(rec.segments.size(), 2u);
  EXPECT_EQ(test::to_hex(encode_front(sub).view()), test::to_hex(rec.segments[1]));
}

TEST(MonMessages, RecordedMonMapDecodes) {
  const auto t = test::load_transcript("mon-crc.jsonl");
  const auto& rec = t.find("s2c", "MESSAGE MMonMap v1");
  ASSERT_GE(rec.segments.size(), 2u);
  wire::decoder d(rec.segments[1]);
  buffer monmap_bytes;
  decode(d, monmap_bytes);  // MMonMap's front is one bufferlist holding the MonMap
  ASSERT_TRUE(d.ok() && d.at_end()) << d.message();
  mon_map map;
  std::string why;
  ASSERT_FALSE(wire::decode_exact(monmap_bytes.view(), map, &why)) << why;
  ASSERT_EQ(map.ranks.size(), 1u);
  const auto addr = map.v2_addr_of_rank(0);
  ASSERT_TRUE(addr);
  EXPECT_EQ(addr->to_string(), "v2:127.0.0.1:" + t.header["inputs"]["PROBE_MON_PORT"].get<std::string>() + "/0");
  EXPECT_EQ(wire::encode_to_bytes(map), std::vector<std::uint8_t>(monmap_bytes.view().begin(),
                                                                  monmap_bytes.view().end()));
}

TEST(MonMessages, RecordedOsdMapMessageDecodes) {
  const auto t = test::load_transcript("mon-crc.jsonl");
  const auto& rec = t.find("s2c", "MESSAGE MOSDMap v4");
  osd_map_message m;
  std::string why;
  ASSERT_FALSE(wire::decode_exact(rec.segments[1], m, &why)) << why;
  EXPECT_EQ(m.full_maps.size(), 1u);
  EXPECT_GE(m.newest_map, m.full_maps.begin()->first);
  EXPECT_GT(m.full_maps.begin()->second.size(), 1000u);
}

TEST(MonMessages, CommandAckAndPoolOpReply) {
  wire::encoder e;
  encode(e, paxos_header{});
  encode(e, std::int32_t{-2});
  encode(e, std::string("pool 'x' does not exist"));
  encode(e, std::vector<std::string>{R"({"prefix":"osd pool rm"})"});
  mon_command_ack ack;
  ASSERT_FALSE(wire::decode_exact(e.view(), ack));
  EXPECT_EQ(ack.result, -2);
  EXPECT_EQ(ack.status, "pool 'x' does not exist");

  wire::encoder r;
  encode(r, paxos_header{12, -1, 0});
  encode(r, uuid{});
  encode(r, std::int32_t{0});
  encode(r, std::uint32_t{12});
  encode(r, true);
  encode(r, buffer::copy_of(std::string_view("\x05\0\0\0\0\0\0\0", 8)));
  pool_op_reply reply;
  ASSERT_FALSE(wire::decode_exact(r.view(), reply));
  EXPECT_EQ(reply.epoch, 12u);
  ASSERT_TRUE(reply.data);
  EXPECT_EQ(reply.data->size(), 8u);
  EXPECT_EQ(r.size(), 55u);  // protocol.md: 55-byte front with a snapid
}

TEST(MonMessages, PoolOpFrontLayout) {
  pool_op op;
  op.osdmap_epoch = 7;
  op.op = pool_op_code::create;
  op.name = "p";
  const auto front = encode_front(op);
  // paxos 18 + fsid 16 + pool 4 + op 4 + auid 8 + snapid 8 + name 5 + pad 1 + rule 2
  EXPECT_EQ(front.size(), 66u);
}

}  // namespace
}  // namespace radosio::mon
