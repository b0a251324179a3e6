// msgr2.1 framing in both modes: round trips, the on-wire layout rules, and input from a
// hostile or broken peer (corruption, truncation, absurd lengths, random bytes).

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "common/crc32c.h"
#include "common/error.h"
#include "messenger/aes_gcm.h"
#include "messenger/crc_frame_codec.h"
#include "messenger/epilogue.h"
#include "messenger/frame_codec.h"
#include "messenger/msgr_error.h"
#include "messenger/preamble.h"
#include "messenger/secure_frame_codec.h"
#include "test_util.h"

namespace radosio::msgr {
namespace {

using bytes = std::vector<std::uint8_t>;

bytes pattern(std::size_t n, std::uint8_t seed) {
  bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(seed + i * 7);
  return b;
}

bytes flatten(const buffer_list& bl) {
  bytes out(bl.size());
  bl.copy_to(out.data());
  return out;
}

// A segment split over several buffers, the way a caller might assemble one.
buffer_list split_list(const bytes& b) {
  buffer_list bl;
  const buffer whole = buffer::copy_of(b);
  std::size_t at = 0;
  for (std::size_t piece = 1; at < b.size(); piece = piece * 3 + 1) {
    const auto n = std::min(piece, b.size() - at);
    bl.append(whole.slice(at, n));
    at += n;
  }
  return bl;
}

std::vector<buffer_list> lists(const std::vector<bytes>& segments) {
  std::vector<buffer_list> out;
  for (const auto& s : segments) out.push_back(split_list(s));
  return out;
}

secure_session_keys keys_for(connection_side side, std::uint8_t seed = 1) {
  const bytes secret = pattern(64, seed);
  secure_session_keys k;
  EXPECT_FALSE(session_keys_from_secret(secret, side, k));
  return k;
}

// A client and a server codec of one secure connection.
struct secure_pair {
  secure_frame_codec client{keys_for(connection_side::client)};
  secure_frame_codec server{keys_for(connection_side::server)};
};

template <class Codec>
bytes encode_bytes(Codec& codec, tag t, const std::vector<bytes>& segments) {
  buffer_list out;
  EXPECT_FALSE(codec.encode(t, lists(segments), out));
  return flatten(out);
}

template <class Codec>
std::error_code decode_bytes(Codec& codec, const bytes& wire, frame& f) {
  std::size_t consumed = 0;
  auto ec = decode_frame(codec, buffer::copy_of(wire), f, consumed);
  if (!ec) {
    EXPECT_EQ(consumed, wire.size());
  }
  return ec;
}

std::size_t crc_wire_size(const std::vector<std::size_t>& lens) {
  std::size_t n = 1;
  for (std::size_t i = 0; i < lens.size(); ++i)
    if (lens[i]) n = i + 1;
  std::size_t size = 32 + (lens.empty() || lens[0] == 0 ? 0 : lens[0] + 4);
  if (n > 1) {
    for (std::size_t i = 1; i < n; ++i) size += lens[i];
    size += 13;
  }
  return size;
}

std::size_t pad16(std::size_t n) { return (n + 15) / 16 * 16; }

std::size_t secure_wire_size(const std::vector<std::size_t>& lens) {
  std::size_t n = 1;
  for (std::size_t i = 0; i < lens.size(); ++i)
    if (lens[i]) n = i + 1;
  std::size_t size = 96;
  if (!lens.empty() && lens[0] > 48) size += pad16(lens[0] - 48) + 16;
  if (n > 1) {
    for (std::size_t i = 1; i < n; ++i) size += pad16(lens[i]);
    size += 16 + 16;
  }
  return size;
}

const std::vector<std::vector<std::size_t>> shapes = {
    {},
    {0},
    {1},
    {15},
    {16},
    {47},
    {48},
    {49},
    {63},
    {64},
    {65},
    {100},
    {4096},
    {41, 212},
    {41, 212, 0, 17},
    {41, 0, 0, 1},
    {0, 5},
    {49, 1, 2, 3},
    {200, 0, 31},
    {48, 16, 16, 16},
    {5, 0, 0, 0},
    {70000, 3, 0, 9000},
};

TEST(MsgrFrameRoundTrip, CrcAllShapes) {
  for (const auto& shape : shapes) {
    std::vector<bytes> segs;
    for (std::size_t i = 0; i < shape.size(); ++i)
      segs.push_back(pattern(shape[i], static_cast<std::uint8_t>(i + 1)));
    crc_frame_codec codec;
    const bytes wire = encode_bytes(codec, tag::message, segs);
    EXPECT_EQ(wire.size(), crc_wire_size(shape)) << ::testing::PrintToString(shape);
    frame f;
    ASSERT_FALSE(decode_bytes(codec, wire, f)) << ::testing::PrintToString(shape);
    EXPECT_EQ(f.tag, tag::message);
    for (std::size_t i = 0; i < max_segments; ++i) {
      const bytes want = i < segs.size() ? segs[i] : bytes{};
      EXPECT_EQ(test::to_hex(f.segments[i].view()), test::to_hex(want));
    }
  }
}

TEST(MsgrFrameRoundTrip, SecureAllShapesBothDirections) {
  secure_pair pair;
  for (const auto& shape : shapes) {
    std::vector<bytes> segs;
    for (std::size_t i = 0; i < shape.size(); ++i)
      segs.push_back(pattern(shape[i], static_cast<std::uint8_t>(i + 9)));
    for (int direction = 0; direction < 2; ++direction) {
      auto& sender = direction == 0 ? pair.client : pair.server;
      auto& receiver = direction == 0 ? pair.server : pair.client;
      const bytes wire = encode_bytes(sender, tag::message, segs);
      EXPECT_EQ(wire.size(), secure_wire_size(shape)) << ::testing::PrintToString(shape);
      frame f;
      ASSERT_FALSE(decode_bytes(receiver, wire, f)) << ::testing::PrintToString(shape);
      for (std::size_t i = 0; i < max_segments; ++i) {
        const bytes want = i < segs.size() ? segs[i] : bytes{};
        EXPECT_EQ(test::to_hex(f.segments[i].view()), test::to_hex(want));
      }
    }
  }
}

TEST(MsgrFrameLayout, TrailingEmptySegmentsAreDropped) {
  crc_frame_codec codec;
  const bytes wire = encode_bytes(codec, tag::hello, {pattern(10, 1), {}, {}, {}});
  ASSERT_EQ(wire.size(), 32u + 10 + 4);
  EXPECT_EQ(wire[0], 1);  // HELLO
  EXPECT_EQ(wire[1], 1);  // num_segments
  // Unused slots are all zero.
  for (std::size_t i = 8; i < 26; ++i) EXPECT_EQ(wire[i], 0) << i;

  const bytes three = encode_bytes(codec, tag::message, {pattern(41, 1), {}, pattern(3, 2), {}});
  EXPECT_EQ(three[1], 3);
  frame f;
  ASSERT_FALSE(decode_bytes(codec, three, f));
  EXPECT_EQ(f.num_segments, 3);
  EXPECT_TRUE(f.segments[1].empty());
}

TEST(MsgrFrameLayout, EmptyFrameIsOneEmptySegmentWithoutCrc) {
  crc_frame_codec codec;
  buffer_list out;
  ASSERT_FALSE(codec.encode(tag::wait, {}, out));
  ASSERT_EQ(out.size(), 32u);  // no seg1 crc for an empty seg1 (Ceph asm_crc_rev1)
  const bytes wire = flatten(out);
  EXPECT_EQ(wire[1], 1);
  EXPECT_EQ(test::to_hex(bytes_view(wire).subspan(2, 6)), "000000000800");
  frame f;
  ASSERT_FALSE(decode_bytes(codec, wire, f));
  EXPECT_EQ(f.tag, tag::wait);
  EXPECT_TRUE(f.segments[0].empty());
}

TEST(MsgrFrameLayout, AlignmentsAndEpilogue) {
  crc_frame_codec codec;
  const bytes wire =
      encode_bytes(codec, tag::message, {pattern(41, 1), pattern(212, 2), {}, pattern(17, 3)});
  // The preamble of the transcripts' MOSDOp: alignments 8, 8, 8, 4096.
  EXPECT_EQ(test::to_hex(bytes_view(wire).first(28)),
            "1104"
            "290000000800"
            "d40000000800"
            "000000000800"
            "110000000010"
            "0000");
  const bytes_view epilogue = bytes_view(wire).last(13);
  EXPECT_EQ(epilogue[0], late_status_complete);
  std::uint32_t middle_crc = 0;
  std::memcpy(&middle_crc, epilogue.data() + 5, 4);
  EXPECT_EQ(middle_crc, 0xffffffffu);  // crc of a present but empty segment
}

TEST(MsgrFrameLayout, UnusedEpilogueSlotsAreZero) {
  crc_frame_codec codec;
  const bytes wire = encode_bytes(codec, tag::message, {pattern(41, 1), pattern(5, 2)});
  const bytes_view epilogue = bytes_view(wire).last(13);
  EXPECT_EQ(test::to_hex(epilogue.subspan(5)), "0000000000000000");
}

TEST(MsgrFrameLayout, CrcModeReferencesCallerBuffers) {
  const buffer front = buffer::copy_of(pattern(212, 5));
  const buffer data = buffer::copy_of(pattern(4096, 6));
  const std::vector<buffer_list> segs = {
      buffer_list(buffer::copy_of(pattern(41, 1))), buffer_list(front), {}, buffer_list(data)};
  crc_frame_codec codec;
  buffer_list out;
  ASSERT_FALSE(codec.encode(tag::message, segs, out));
  bool saw_front = false, saw_data = false;
  for (const auto& b : out.segments()) {
    saw_front |= b.data() == front.data() && b.size() == front.size();
    saw_data |= b.data() == data.data() && b.size() == data.size();
  }
  EXPECT_TRUE(saw_front);
  EXPECT_TRUE(saw_data);
}

TEST(MsgrFrameLayout, DecodedCrcSegmentsSliceTheInput) {
  crc_frame_codec codec;
  const bytes wire = encode_bytes(codec, tag::message, {pattern(41, 1), pattern(100, 2)});
  const buffer whole = buffer::copy_of(wire);
  frame f;
  std::size_t consumed = 0;
  ASSERT_FALSE(decode_frame(codec, whole, f, consumed));
  EXPECT_EQ(f.segments[1].data(), whole.data() + 32 + 41 + 4);
}

TEST(MsgrFrameLayout, TooManySegmentsRefused) {
  crc_frame_codec codec;
  std::vector<buffer_list> five(5);
  buffer_list out;
  EXPECT_EQ(codec.encode(tag::message, five, out), msgr_errc::bad_segment_count);
  secure_pair pair;
  EXPECT_EQ(pair.client.encode(tag::message, five, out), msgr_errc::bad_segment_count);
}

TEST(MsgrFrameCodec, VariantStartsCrcAndSwitches) {
  frame_codec codec;
  EXPECT_FALSE(codec.is_secure());
  EXPECT_EQ(codec.preamble_size(), 32u);
  codec = secure_frame_codec(keys_for(connection_side::client));
  EXPECT_TRUE(codec.is_secure());
  EXPECT_EQ(codec.preamble_size(), 96u);

  frame_codec server = secure_frame_codec(keys_for(connection_side::server));
  buffer_list out;
  const std::vector<buffer_list> segs = {buffer_list(buffer::copy_of(std::string_view("hi")))};
  ASSERT_FALSE(codec.encode(tag::keepalive2, segs, out));
  frame f;
  std::size_t consumed = 0;
  ASSERT_FALSE(decode_frame(server, out.contiguous(), f, consumed));
  EXPECT_EQ(f.tag, tag::keepalive2);
  EXPECT_EQ(f.segments[0].to_string(), "hi");
}

TEST(MsgrFrameCodec, MisuseIsAnErrorNotACrash) {
  crc_frame_codec codec;
  frame f;
  EXPECT_EQ(codec.on_rest(buffer{}, f), msgr_errc::codec_misuse);
  const bytes wire = encode_bytes(codec, tag::hello, {pattern(20, 1)});
  std::size_t rest = 0;
  ASSERT_FALSE(codec.on_preamble(bytes_view(wire).first(32), rest));
  ASSERT_EQ(rest, 24u);
  bytes longer(wire.begin() + 32, wire.end());
  longer.push_back(0);
  EXPECT_EQ(codec.on_rest(buffer::copy_of(longer), f), msgr_errc::codec_misuse);
  EXPECT_EQ(codec.on_preamble(bytes_view(wire).first(31), rest), errc::truncated);
}

TEST(MsgrSessionKeys, ClientAndServerAreCrossed) {
  const bytes secret = pattern(64, 3);
  secure_session_keys c, s;
  ASSERT_FALSE(session_keys_from_secret(secret, connection_side::client, c));
  ASSERT_FALSE(session_keys_from_secret(secret, connection_side::server, s));
  EXPECT_EQ(test::to_hex(c.key), test::to_hex(bytes_view(secret).first(16)));
  EXPECT_EQ(test::to_hex(c.rx_nonce), test::to_hex(bytes_view(secret).subspan(16, 12)));
  EXPECT_EQ(test::to_hex(c.tx_nonce), test::to_hex(bytes_view(secret).subspan(28, 12)));
  EXPECT_EQ(c.key, s.key);
  EXPECT_EQ(c.rx_nonce, s.tx_nonce);
  EXPECT_EQ(c.tx_nonce, s.rx_nonce);

  secure_session_keys k;
  EXPECT_EQ(session_keys_from_secret(bytes_view(secret).first(39), connection_side::client, k),
            msgr_errc::bad_connection_secret);
  EXPECT_EQ(session_keys_from_secret({}, connection_side::client, k),
            msgr_errc::bad_connection_secret);
}

// ---- nonces ----------------------------------------------------------------------------

TEST(MsgrNonce, CounterIsTheLe64AfterTheFixedLe32) {
  const bytes initial = test::from_hex(
      "11223344"
      "feffffffffffffff");
  nonce_sequence seq(std::span<const std::uint8_t, 12>(initial.data(), 12));
  gcm_nonce n;
  ASSERT_FALSE(seq.next(n));
  EXPECT_EQ(test::to_hex(n), "11223344feffffffffffffff");
  ASSERT_FALSE(seq.next(n));
  EXPECT_EQ(test::to_hex(n), "11223344ffffffffffffffff");
  ASSERT_FALSE(seq.next(n));  // the counter wraps; the fixed part never changes
  EXPECT_EQ(test::to_hex(n), "112233440000000000000000");
}

TEST(MsgrNonce, RunsOutWhenTheCounterComesBackToItsStart) {
  const bytes initial = test::from_hex(
      "01000000"
      "0500000000000000");
  nonce_sequence seq(std::span<const std::uint8_t, 12>(initial.data(), 12));
  gcm_nonce n;
  ASSERT_FALSE(seq.next(n));
  seq.skip(~std::uint64_t{0} - 2);  // 2^64 - 3 skipped: 2 nonces left
  ASSERT_FALSE(seq.next(n));
  EXPECT_EQ(test::to_hex(n), "010000000300000000000000");
  ASSERT_FALSE(seq.next(n));
  EXPECT_EQ(test::to_hex(n), "010000000400000000000000");
  EXPECT_TRUE(seq.exhausted());
  EXPECT_EQ(seq.next(n), msgr_errc::out_of_nonces);
  EXPECT_EQ(seq.next(n), msgr_errc::out_of_nonces);
}

TEST(MsgrNonce, SkippingPastTheEndExhausts) {
  nonce_sequence seq;
  gcm_nonce n;
  ASSERT_FALSE(seq.next(n));
  seq.skip(~std::uint64_t{0});
  EXPECT_EQ(seq.next(n), msgr_errc::out_of_nonces);
}

TEST(MsgrNonce, SecureCodecReportsOutOfNonces) {
  const auto keys = keys_for(connection_side::client);
  nonce_sequence tx(keys.tx_nonce);
  tx.skip(~std::uint64_t{0} - 2);  // 3 GCM operations left
  secure_frame_codec codec(keys.key, nonce_sequence(keys.rx_nonce), tx);
  buffer_list out;
  // One operation per small control frame, three for a frame with a long seg1 and a tail.
  ASSERT_FALSE(codec.encode(tag::keepalive2, lists({pattern(10, 1)}), out));
  ASSERT_FALSE(codec.encode(tag::keepalive2, lists({pattern(10, 1)}), out));
  EXPECT_EQ(codec.encode(tag::message, lists({pattern(100, 1), pattern(5, 1)}), out),
            msgr_errc::out_of_nonces);
  EXPECT_EQ(codec.encode(tag::keepalive2, lists({pattern(10, 1)}), out), msgr_errc::out_of_nonces);
}

// ---- hostile input: crc mode -----------------------------------------------------------

// A preamble with the given fields and a correct crc, so checks past the crc are reached.
bytes forged_preamble(std::uint8_t t, std::uint8_t count, std::array<std::uint32_t, 4> lens,
                      std::uint8_t flags = 0) {
  bytes p(32, 0);
  p[0] = t;
  p[1] = count;
  for (std::size_t i = 0; i < 4; ++i) {
    std::memcpy(p.data() + 2 + 6 * i, &lens[i], 4);
    const std::uint16_t align = segment_alignments[i];
    std::memcpy(p.data() + 6 + 6 * i, &align, 2);
  }
  p[26] = flags;
  const std::uint32_t crc = crc32c(0, bytes_view(p).first(28));
  std::memcpy(p.data() + 28, &crc, 4);
  return p;
}

std::error_code preamble_error(const bytes& p, frame_limits limits = {}) {
  crc_frame_codec codec(limits);
  std::size_t rest = 12345;
  auto ec = codec.on_preamble(p, rest);
  if (ec) {
    EXPECT_EQ(rest, 12345u) << "rest size set on failure";
  }
  return ec;
}

TEST(MsgrHostile, EverySingleBitFlipIsCaught) {
  crc_frame_codec codec;
  const bytes wire =
      encode_bytes(codec, tag::message, {pattern(41, 1), pattern(212, 2), {}, pattern(17, 3)});
  const std::size_t late_status_at = wire.size() - 13;
  for (std::size_t byte = 0; byte < wire.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      // The high nibble of late_status is reserved and ignored, as in Ceph.
      if (byte == late_status_at && bit >= 4) continue;
      bytes bad = wire;
      bad[byte] ^= static_cast<std::uint8_t>(1u << bit);
      frame f;
      const auto ec = decode_bytes(codec, bad, f);
      ASSERT_TRUE(ec) << "byte " << byte << " bit " << bit;
      // Everything else is covered by a crc: the preamble's (checked before its lengths are
      // believed), seg1's inline one, or the epilogue's.
      if (byte == late_status_at)
        EXPECT_EQ(ec, msgr_errc::bad_late_status) << "bit " << bit;
      else
        EXPECT_EQ(ec, errc::bad_crc) << "byte " << byte << " bit " << bit;
    }
  }
}

TEST(MsgrHostile, TruncatedInputNeverYieldsAFrame) {
  for (int secure = 0; secure < 2; ++secure) {
    secure_pair pair;
    crc_frame_codec crc;
    const std::vector<bytes> segs = {pattern(100, 1), pattern(212, 2), {}, pattern(17, 3)};
    const bytes wire = secure ? encode_bytes(pair.client, tag::message, segs)
                              : encode_bytes(crc, tag::message, segs);
    for (std::size_t n = 0; n < wire.size(); ++n) {
      // A fresh receiver each time: a secure one would otherwise be nonces ahead.
      secure_pair fresh;
      crc_frame_codec fresh_crc;
      frame f;
      std::size_t consumed = 0;
      const buffer prefix = buffer::copy_of(bytes_view(wire).first(n));
      const auto ec = secure ? decode_frame(fresh.server, prefix, f, consumed)
                             : decode_frame(fresh_crc, prefix, f, consumed);
      EXPECT_EQ(ec, errc::truncated) << "secure " << secure << " length " << n;
    }
  }
}

TEST(MsgrHostile, AbsurdLengthsRefusedAtThePreamble) {
  EXPECT_EQ(preamble_error(forged_preamble(17, 1, {0xffffffff, 0, 0, 0})), errc::length_too_large);
  EXPECT_EQ(preamble_error(forged_preamble(17, 4, {41, 0xffffffff, 0xffffffff, 0xffffffff})),
            errc::length_too_large);
  EXPECT_EQ(preamble_error(forged_preamble(17, 4, {41, 0, 0, 0xffffffff})), errc::length_too_large);
  // Each segment small enough on its own, too much together.
  EXPECT_EQ(preamble_error(forged_preamble(17, 4, {41, 100u << 20, 100u << 20, 100u << 20})),
            errc::length_too_large);
  // Exactly at the caps is fine.
  EXPECT_FALSE(preamble_error(forged_preamble(1, 1, {16u << 20, 0, 0, 0})));
  EXPECT_FALSE(
      preamble_error(forged_preamble(17, 4, {41, 16u << 20, 0, (256u << 20) - 41 - (16u << 20)})));
  // Caps are configurable.
  const frame_limits tight{64, 1000};
  EXPECT_EQ(preamble_error(forged_preamble(1, 1, {65, 0, 0, 0}), tight), errc::length_too_large);
  EXPECT_EQ(preamble_error(forged_preamble(17, 2, {41, 960}), tight), errc::length_too_large);
  EXPECT_FALSE(preamble_error(forged_preamble(17, 2, {41, 959}), tight));
}

TEST(MsgrHostile, SegmentCountOutsideOneToFour) {
  EXPECT_EQ(preamble_error(forged_preamble(17, 0, {0, 0, 0, 0})), msgr_errc::bad_segment_count);
  EXPECT_EQ(preamble_error(forged_preamble(17, 5, {1, 1, 1, 1})), msgr_errc::bad_segment_count);
  EXPECT_EQ(preamble_error(forged_preamble(17, 255, {1, 1, 1, 1})), msgr_errc::bad_segment_count);
}

TEST(MsgrHostile, UnknownTags) {
  for (int t : {0, 23, 100, 255})
    EXPECT_EQ(preamble_error(forged_preamble(static_cast<std::uint8_t>(t), 1, {4, 0, 0, 0})),
              msgr_errc::unknown_tag)
        << t;
  for (int t = 1; t <= 22; ++t)
    EXPECT_FALSE(preamble_error(forged_preamble(static_cast<std::uint8_t>(t), 1, {4, 0, 0, 0})))
        << t;
}

TEST(MsgrHostile, FramingRuleViolations) {
  // A declared last segment that is empty: senders drop those.
  EXPECT_EQ(preamble_error(forged_preamble(17, 2, {41, 0, 0, 0})), msgr_errc::bad_preamble);
  // Quincy's compression flag without a negotiation.
  EXPECT_EQ(preamble_error(forged_preamble(17, 1, {41, 0, 0, 0}, 1)), msgr_errc::bad_preamble);
  // A bad preamble crc is reported as such.
  bytes p = forged_preamble(1, 1, {4, 0, 0, 0});
  p[29] ^= 0x40;
  EXPECT_EQ(preamble_error(p), errc::bad_crc);
}

bytes with_late_status(bytes wire, std::uint8_t status) {
  wire[wire.size() - 13] = status;
  return wire;
}

TEST(MsgrHostile, AbortedFrameIsDroppedAndReadingGoesOn) {
  crc_frame_codec codec;
  const bytes wire = encode_bytes(codec, tag::message, {pattern(41, 1), pattern(9, 2)});
  frame f;
  EXPECT_EQ(decode_bytes(codec, with_late_status(wire, late_status_aborted), f),
            msgr_errc::frame_aborted);
  ASSERT_FALSE(decode_bytes(codec, wire, f));  // the next frame reads normally
  EXPECT_EQ(f.segments[1].size(), 9u);
  EXPECT_EQ(decode_bytes(codec, with_late_status(wire, 0x00), f), msgr_errc::bad_late_status);
  EXPECT_FALSE(decode_bytes(codec, with_late_status(wire, 0xee), f));  // reserved nibble
}

// ---- hostile input: secure mode --------------------------------------------------------

TEST(MsgrHostileSecure, CorruptionInAnyBlockFailsAuthentication) {
  secure_pair sender;
  // 100-byte seg1 and a tail: blocks A (96), B (64 + 16) and C (224 + 32 + 16 + 16).
  const bytes wire = encode_bytes(sender.client, tag::message,
                                  {pattern(100, 1), pattern(212, 2), {}, pattern(17, 3)});
  ASSERT_EQ(wire.size(), 96u + 80 + 288);
  for (std::size_t at : {0ul, 31ul, 79ul, 80ul, 95ul,    // A: preamble, inline, tag
                         96ul, 150ul, 175ul,             // B: ciphertext, tag
                         176ul, 300ul, 447ul, 463ul}) {  // C: segments, epilogue, tag
    secure_pair fresh;
    bytes bad = wire;
    bad[at] ^= 0x01;
    frame f;
    EXPECT_EQ(decode_bytes(fresh.server, bad, f), msgr_errc::auth_failed) << "byte " << at;
  }
  secure_pair fresh;
  frame f;
  ASSERT_FALSE(decode_bytes(fresh.server, wire, f));
}

TEST(MsgrHostileSecure, ReplayAndWrongKeyFail) {
  secure_pair pair;
  const bytes wire = encode_bytes(pair.client, tag::keepalive2, {pattern(20, 1)});
  frame f;
  ASSERT_FALSE(decode_bytes(pair.server, wire, f));
  // The same bytes again: the receiver's nonce has moved on.
  EXPECT_EQ(decode_bytes(pair.server, wire, f), msgr_errc::auth_failed);

  secure_frame_codec stranger(keys_for(connection_side::server, 99));
  EXPECT_EQ(decode_bytes(stranger, wire, f), msgr_errc::auth_failed);
  // Our own frame fed back to us: the directions use different nonces.
  secure_pair loop;
  const bytes own = encode_bytes(loop.client, tag::keepalive2, {pattern(20, 1)});
  EXPECT_EQ(decode_bytes(loop.client, own, f), msgr_errc::auth_failed);
}

// Seals hand-made plaintext blocks the way a (possibly misbehaving) server would.
struct forging_server {
  secure_session_keys keys = keys_for(connection_side::server);
  aes128_gcm gcm{keys.key};
  nonce_sequence tx{keys.tx_nonce};

  bytes seal(const bytes& plain) {
    bytes out(plain.size() + 16);
    gcm_nonce n;
    EXPECT_FALSE(tx.next(n));
    const bytes_view piece(plain);
    EXPECT_FALSE(gcm.seal(n, std::span(&piece, 1), out.data()));
    return out;
  }
};

TEST(MsgrHostileSecure, ValidlyEncryptedButMalformedFramesAreRefused) {
  {  // an authentic block A whose preamble is nonsense
    forging_server server;
    bytes head = forged_preamble(17, 5, {1, 1, 1, 1});
    head.resize(80, 0);
    secure_frame_codec client(keys_for(connection_side::client));
    std::size_t rest = 0;
    EXPECT_EQ(client.on_preamble(server.seal(head), rest), msgr_errc::bad_segment_count);
  }
  {  // an authentic aborted frame
    forging_server server;
    bytes head = forged_preamble(17, 2, {5, 16, 0, 0});
    head.resize(80, 0);
    bytes tail(16 + 16, 0);
    tail[16] = late_status_aborted;
    bytes wire = server.seal(head);
    const bytes c = server.seal(tail);
    wire.insert(wire.end(), c.begin(), c.end());
    secure_frame_codec client(keys_for(connection_side::client));
    frame f;
    EXPECT_EQ(decode_bytes(client, wire, f), msgr_errc::frame_aborted);
  }
}

// ---- random input ----------------------------------------------------------------------

TEST(MsgrHostile, RandomPreamblesNeverCrash) {
  std::mt19937_64 rng(20240601);
  const frame_limits small{4096, 65536};
  std::size_t accepted = 0;
  for (int i = 0; i < 200000; ++i) {
    bytes p(32);
    for (auto& b : p) b = static_cast<std::uint8_t>(rng());
    // Half of them get a correct crc (and a plausible count) so the later checks are reached.
    if (i % 2) {
      p[0] = static_cast<std::uint8_t>(1 + rng() % 24);
      p[1] = static_cast<std::uint8_t>(rng() % 6);
      p[26] = (i % 8 == 1) ? p[26] : 0;
      for (std::size_t s = 0; s < 4; ++s)
        if (i % 4 == 1) p[2 + 6 * s + 2] = p[2 + 6 * s + 3] = 0;  // lengths < 64 KiB
      const std::uint32_t crc = crc32c(0, bytes_view(p).first(28));
      std::memcpy(p.data() + 28, &crc, 4);
    }
    crc_frame_codec codec(small);
    std::size_t rest = 0;
    if (codec.on_preamble(p, rest)) continue;
    ++accepted;
    ASSERT_LE(rest, small.max_frame_length + 4 + 13);
    bytes tail(rest);
    for (auto& b : tail) b = static_cast<std::uint8_t>(rng());
    frame f;
    (void)codec.on_rest(buffer::copy_of(tail), f);  // almost surely bad_crc; must not crash
  }
  EXPECT_GT(accepted, 100u);
}

TEST(MsgrHostileSecure, RandomBlocksNeverCrash) {
  std::mt19937_64 rng(7);
  secure_frame_codec client(keys_for(connection_side::client));
  bytes block(96);
  for (int i = 0; i < 20000; ++i) {
    for (auto& b : block) b = static_cast<std::uint8_t>(rng());
    std::size_t rest = 0;
    EXPECT_EQ(client.on_preamble(block, rest), msgr_errc::auth_failed);
  }
  // Authentic blocks with random plaintext, so the checks behind the GCM tag run too.
  forging_server server;
  secure_frame_codec receiver(keys_for(connection_side::client), frame_limits{4096, 65536});
  for (int i = 0; i < 20000; ++i) {
    bytes head(80);
    for (auto& b : head) b = static_cast<std::uint8_t>(rng());
    head[0] = static_cast<std::uint8_t>(1 + rng() % 24);
    head[1] = static_cast<std::uint8_t>(rng() % 6);
    head[26] = 0;
    for (std::size_t s = 0; s < 4; ++s) head[2 + 6 * s + 2] = head[2 + 6 * s + 3] = 0;
    const std::uint32_t crc = crc32c(0, bytes_view(head).first(28));
    std::memcpy(head.data() + 28, &crc, 4);
    std::size_t rest = 0;
    if (receiver.on_preamble(server.seal(head), rest)) {
      // A refused preamble still consumed a nonce on both sides; keep them in step.
      continue;
    }
    bytes tail(rest);
    for (auto& b : tail) b = static_cast<std::uint8_t>(rng());
    frame f;
    // Random ciphertext after an authentic head: fails, and the receiver's nonces run ahead
    // of the forger's, so start a new pair.
    EXPECT_TRUE(receiver.on_rest(buffer::copy_of(tail), f) || rest == 0);
    server = forging_server{};
    receiver = secure_frame_codec(keys_for(connection_side::client), frame_limits{4096, 65536});
  }
}

}  // namespace
}  // namespace radosio::msgr
