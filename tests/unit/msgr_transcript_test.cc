// The framing layer against the golden msgr2.1 transcripts of a real Pacific cluster
// (shared/corpus/transcripts): every recorded frame must decode to the recorded segments,
// and re-encoding must reproduce the recorded bytes exactly, in crc and in secure mode.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "messenger/banner.h"
#include "messenger/crc_frame_codec.h"
#include "messenger/frame_codec.h"
#include "messenger/message_header.h"
#include "messenger/secure_frame_codec.h"
#include "test_util.h"
#include "transcript.h"

namespace radosio::msgr {
namespace {

using bytes = std::vector<std::uint8_t>;

using record = test::transcript_record;

bytes flatten(const buffer_list& bl) {
  bytes out(bl.size());
  bl.copy_to(out.data());
  return out;
}

std::vector<buffer_list> segment_lists(const std::vector<bytes>& segments) {
  std::vector<buffer_list> out;
  for (const auto& s : segments) out.emplace_back(buffer::copy_of(s));
  return out;
}

void expect_segments(const frame& f, const record& r) {
  ASSERT_EQ(f.num_segments, r.segments.size()) << r.label;
  for (std::size_t i = 0; i < max_segments; ++i) {
    const bytes want = i < r.segments.size() ? r.segments[i] : bytes{};
    EXPECT_EQ(test::to_hex(f.segments[i].view()), test::to_hex(want))
        << r.label << " segment " << i;
  }
}

// Decodes one recorded frame with a crc codec and re-encodes it.
void check_crc_record(const record& r) {
  crc_frame_codec codec;
  frame f;
  std::size_t consumed = 0;
  ASSERT_FALSE(decode_frame(codec, buffer::copy_of(r.wire), f, consumed)) << r.label;
  EXPECT_EQ(consumed, r.wire.size()) << r.label;
  expect_segments(f, r);
  buffer_list out;
  ASSERT_FALSE(codec.encode(f.tag, segment_lists(r.segments), out));
  EXPECT_EQ(test::to_hex(flatten(out)), test::to_hex(r.wire)) << r.label;
}

class MsgrTranscriptCrc : public ::testing::TestWithParam<const char*> {};

TEST_P(MsgrTranscriptCrc, EveryFrameDecodesAndReencodesExactly) {
  const auto t = test::load_transcript(GetParam());
  ASSERT_EQ(t.header.at("mode"), "crc");
  std::size_t frames = 0;
  for (const auto& r : t.records) {
    if (r.label == "banner") continue;
    SCOPED_TRACE(r.label);
    check_crc_record(r);
    ++frames;
  }
  EXPECT_GE(frames, 13u);
}

// A reader that reads exactly what the codec asks for, over the server's whole byte stream.
TEST_P(MsgrTranscriptCrc, IncrementalReaderOverServerStream) {
  const auto t = test::load_transcript(GetParam());
  bytes stream;
  std::vector<const record*> expected;
  for (const auto& r : t.records) {
    if (r.from_client() || r.label == "banner") continue;
    stream.insert(stream.end(), r.wire.begin(), r.wire.end());
    expected.push_back(&r);
  }
  frame_codec codec;
  std::size_t at = 0;
  for (const record* r : expected) {
    const auto head = codec.preamble_size();
    ASSERT_LE(at + head, stream.size());
    std::size_t rest = 0;
    ASSERT_FALSE(codec.on_preamble(bytes_view(stream).subspan(at, head), rest));
    at += head;
    ASSERT_LE(at + rest, stream.size());
    frame f;
    ASSERT_FALSE(codec.on_rest(buffer::copy_of(bytes_view(stream).subspan(at, rest)), f));
    at += rest;
    expect_segments(f, *r);
  }
  EXPECT_EQ(at, stream.size());
}

INSTANTIATE_TEST_SUITE_P(Sessions, MsgrTranscriptCrc, ::testing::Values("mon-crc", "osd-crc"),
                         [](const auto& test_info) {
                           return std::string(test_info.param[0] == 'm' ? "mon" : "osd");
                         });

class MsgrTranscriptSecure : public ::testing::TestWithParam<const char*> {};

// Frames up to AUTH_DONE are crc frames; from AUTH_SIGNATURE on, both directions are
// encrypted. The client codec encodes what the client sent and decodes what it received;
// a server codec (nonces crossed) does the opposite, so every frame is checked both ways.
TEST_P(MsgrTranscriptSecure, EveryFrameDecryptsAndReencryptsExactly) {
  const auto t = test::load_transcript(GetParam());
  ASSERT_EQ(t.header.at("mode"), "secure");
  const bytes secret = test::hex_bytes(t.derived(), "connection_secret");
  ASSERT_EQ(secret.size(), 64u);

  secure_session_keys client_keys, server_keys;
  ASSERT_FALSE(session_keys_from_secret(secret, connection_side::client, client_keys));
  ASSERT_FALSE(session_keys_from_secret(secret, connection_side::server, server_keys));
  secure_frame_codec client(client_keys), server(server_keys);

  bool secure = false;
  std::size_t secure_frames = 0;
  for (const auto& r : t.records) {
    if (r.label == "banner") continue;
    SCOPED_TRACE(r.label);
    if (!secure) {
      check_crc_record(r);
      if (!r.from_client() && r.wire[0] == static_cast<std::uint8_t>(tag::auth_done)) secure = true;
      continue;
    }
    auto& receiver = r.from_client() ? server : client;
    auto& sender = r.from_client() ? client : server;
    frame f;
    std::size_t consumed = 0;
    ASSERT_FALSE(decode_frame(receiver, buffer::copy_of(r.wire), f, consumed));
    EXPECT_EQ(consumed, r.wire.size());
    expect_segments(f, r);
    if (secure_frames == 0) {
      EXPECT_EQ(f.tag, tag::auth_signature) << "the first encrypted frame";
      EXPECT_EQ(r.wire.size(), 96u);
    }
    buffer_list out;
    ASSERT_FALSE(sender.encode(f.tag, segment_lists(r.segments), out));
    EXPECT_EQ(test::to_hex(flatten(out)), test::to_hex(r.wire));
    ++secure_frames;
  }
  EXPECT_TRUE(secure);
  EXPECT_GE(secure_frames, 7u);
}

INSTANTIATE_TEST_SUITE_P(Sessions, MsgrTranscriptSecure,
                         ::testing::Values("mon-secure", "osd-secure"), [](const auto& test_info) {
                           return std::string(test_info.param[0] == 'm' ? "mon" : "osd");
                         });

TEST(MsgrTranscriptBanner, BannersMatchAndParse) {
  for (const char* name : {"mon-crc", "mon-secure", "osd-crc", "osd-secure"}) {
    const auto t = test::load_transcript(name);
    ASSERT_GE(t.records.size(), 2u);
    const auto& ours = t.records[0];
    const auto& theirs = t.records[1];
    ASSERT_TRUE(ours.from_client());
    ASSERT_FALSE(theirs.from_client());
    const auto encoded = encode_banner();
    EXPECT_EQ(test::to_hex(encoded), test::to_hex(ours.wire)) << name;
    banner_features peer;
    ASSERT_FALSE(parse_banner(theirs.wire, our_banner_features, peer)) << name;
    EXPECT_EQ(peer.supported, msgr2_feature_revision_1);
    EXPECT_EQ(peer.required, 0u);
  }
}

// Every MESSAGE frame of the four sessions, decoded with the codec of its mode.
std::vector<std::pair<record, frame>> message_frames(const std::string& name) {
  const auto t = test::load_transcript(name);
  std::vector<std::pair<record, frame>> out;
  const bool secure_file = t.header.at("mode") == "secure";
  secure_session_keys ck, sk;
  if (secure_file) {
    const bytes secret = test::hex_bytes(t.derived(), "connection_secret");
    EXPECT_FALSE(session_keys_from_secret(secret, connection_side::client, ck));
    EXPECT_FALSE(session_keys_from_secret(secret, connection_side::server, sk));
  }
  frame_codec client, server;
  for (const auto& r : t.records) {
    if (r.label == "banner") continue;
    auto& receiver = r.from_client() ? server : client;
    frame f;
    std::size_t consumed = 0;
    EXPECT_FALSE(decode_frame(receiver, buffer::copy_of(r.wire), f, consumed)) << name << r.label;
    if (secure_file && f.tag == tag::auth_done) {
      client = secure_frame_codec(ck);
      server = secure_frame_codec(sk);
    }
    if (f.tag == tag::message) out.emplace_back(r, f);
  }
  return out;
}

struct expected_message {
  bool from_client;
  std::uint16_t type, version, compat;
  std::uint64_t seq, tid, ack_seq;
  std::uint8_t flags;
};

void check_messages(const std::string& name, const std::vector<expected_message>& want) {
  const auto frames = message_frames(name);
  ASSERT_EQ(frames.size(), want.size()) << name;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const auto& [r, f] = frames[i];
    SCOPED_TRACE(name + " " + r.label);
    message m;
    ASSERT_FALSE(from_frame(f, m));
    EXPECT_EQ(r.from_client(), want[i].from_client);
    EXPECT_EQ(m.header.type, want[i].type);
    EXPECT_EQ(m.header.version, want[i].version);
    EXPECT_EQ(m.header.compat_version, want[i].compat);
    EXPECT_EQ(m.header.seq, want[i].seq);
    EXPECT_EQ(m.header.tid, want[i].tid);
    EXPECT_EQ(m.header.ack_seq, want[i].ack_seq);
    EXPECT_EQ(m.header.flags, want[i].flags);
    EXPECT_EQ(m.header.data_pre_padding_len, 0u);
    EXPECT_EQ(m.header.reserved, 0u);
    // The header re-encodes to the same 41 bytes, and the message to the same segments.
    EXPECT_EQ(encode_message_header(m.header), f.segments[0]);
    const auto segs = to_segments(m);
    for (std::size_t s = 0; s < max_segments; ++s)
      EXPECT_EQ(segs[s].contiguous(), f.segments[s]) << "segment " << s;
    if (name.ends_with("crc")) {
      crc_frame_codec codec;
      buffer_list out;
      ASSERT_FALSE(codec.encode(tag::message, segs, out));
      EXPECT_EQ(test::to_hex(flatten(out)), test::to_hex(r.wire));
    }
  }
}

TEST(MsgrTranscriptMessages, MonSessionHeaders) {
  const std::vector<expected_message> want = {
      // Servers acknowledge our seq in ack_seq and set flags 3 (Ceph's footer
      // COMPLETE|NOCRC bits, carried over from msgr1); clients send 0 for both.
      {true, 15, 3, 1, 1, 0, 0, 0},   // MMonSubscribe v3
      {false, 4, 1, 1, 1, 0, 1, 3},   // MMonMap v1
      {false, 41, 4, 3, 2, 0, 1, 3},  // MOSDMap v4 (compat 3)
  };
  check_messages("mon-crc", want);
  check_messages("mon-secure", want);
}

TEST(MsgrTranscriptMessages, OsdSessionHeaders) {
  const std::vector<expected_message> want = {
      {true, 42, 8, 3, 1, 1, 0, 0},   // MOSDOp v8 WRITEFULL, tid 1
      {false, 43, 8, 2, 1, 1, 1, 3},  // MOSDOpReply v8
      {true, 42, 8, 3, 2, 2, 0, 0},   // MOSDOp v8 READ, tid 2
      {false, 43, 8, 2, 2, 2, 2, 3},  // MOSDOpReply v8, with the data read
  };
  check_messages("osd-crc", want);
  check_messages("osd-secure", want);
}

TEST(MsgrTranscriptMessages, OsdWriteCarriesDataSegment) {
  for (const char* name : {"osd-crc", "osd-secure"}) {
    const auto frames = message_frames(name);
    ASSERT_EQ(frames.size(), 4u);
    message write, read_reply;
    ASSERT_FALSE(from_frame(frames[0].second, write));
    ASSERT_FALSE(from_frame(frames[3].second, read_reply));
    EXPECT_EQ(write.data.to_string(), "written-by-proto\n") << name;
    EXPECT_TRUE(write.middle.empty());
    EXPECT_EQ(write.header.priority, 63);
    EXPECT_EQ(read_reply.data.to_string(), "written-by-proto\n") << name;
    // The data segment carries the page alignment hint; the empty middle one is still sent.
    EXPECT_EQ(frames[0].second.num_segments, 4);
  }
}

}  // namespace
}  // namespace radosio::msgr
