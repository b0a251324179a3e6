// The full OSDMap a live Pacific 16.2.15 monitor sent in the recorded mon session
// (shared/corpus/transcripts/mon-crc.jsonl): decoded through the MOSDMap front.

#include <gtest/gtest.h>

#include "monclient/mon_messages.h"
#include "osdc/osdmap_codec.h"
#include "transcript.h"

namespace radosio::osdc {
namespace {

TEST(OsdmapTranscript, MonSessionFullMapDecodes) {
  const auto t = test::load_transcript("mon-crc");
  const auto& record = t.find("s2c", "MESSAGE MOSDMap v4");
  const auto& front = record.segment(1);
  mon::osd_map_message msg;
  std::string message;
  ASSERT_FALSE(wire::decode_exact(front, msg, &message)) << message;
  ASSERT_EQ(msg.full_maps.size(), 1u);
  const auto& [epoch, bytes] = *msg.full_maps.begin();

  auto m = decode_osdmap(bytes);
  ASSERT_TRUE(m) << m.err().what();
  const osdmap& map = **m;
  EXPECT_EQ(map.epoch(), epoch);
  EXPECT_EQ(map.crc_check(), crc_status::verified);
  EXPECT_EQ(map.fsid(), msg.fsid);

  // The OSD session that followed used these values (osd-crc.jsonl header).
  const auto osd_header = test::load_transcript("osd-crc").header;
  const auto& from_mon = osd_header.at("derived").at("from_mon_transcript");
  EXPECT_EQ(map.epoch(), from_mon.at("osdmap_epoch").get<std::uint32_t>());
  const auto pool_id = from_mon.at("pool_id").get<std::int64_t>();
  EXPECT_EQ(map.lookup_pool("proto-transcript"), pool_id);
  const auto* pool = map.pool_by_name("proto-transcript");
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->pg_num, from_mon.at("pg_num").get<std::uint32_t>());
  EXPECT_EQ(pool->pg_num, 8u);

  // osd.0, the primary of pg 13.6, is up and in at the address the OSD session dialled.
  EXPECT_TRUE(map.exists(0));
  EXPECT_TRUE(map.is_up(0));
  EXPECT_TRUE(map.is_in(0));
  const auto v2 = map.osd_v2_addr(0);
  ASSERT_TRUE(v2.has_value());
  EXPECT_EQ(v2->ip_string() + ":" + std::to_string(v2->port()),
            from_mon.at("osd_addr").get<std::string>());
  EXPECT_EQ(v2->nonce, from_mon.at("osd_addr_nonce").get<std::uint32_t>());
  EXPECT_FALSE(map.crush_bytes().empty());

  // And it re-encodes to the bytes the monitor sent.
  EXPECT_EQ(encode_osdmap(map.state()), bytes);
}

}  // namespace
}  // namespace radosio::osdc
