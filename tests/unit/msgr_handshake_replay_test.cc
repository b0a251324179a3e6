// Replays the recorded sessions in shared/corpus/transcripts through client_handshake: the
// server's recorded bytes go in, and every byte our client writes must equal what the
// reference client wrote, in crc and secure mode, to a monitor and to an OSD.

#include <gtest/gtest.h>

#include "auth/cephx_types.h"
#include "auth/keyring.h"
#include "messenger/client_handshake.h"
#include "messenger/msgr_error.h"
#include "transcript.h"

namespace radosio::msgr {
namespace {

struct replay_result {
  std::vector<std::uint8_t> written;
  std::vector<std::uint8_t> expected;
  std::optional<handshake_outcome> outcome;
  std::string error;
};

// Feeds the recorded server bytes to the handshake until it is done.
replay_result replay(const test::transcript& t, client_handshake& hs) {
  std::vector<std::uint8_t> server;
  replay_result r;
  bool in_handshake = true;
  for (const auto& rec : t.records) {
    if (rec.label.starts_with("MESSAGE")) in_handshake = false;
    if (!in_handshake) continue;
    auto& stream = rec.dir == "s2c" ? server : r.expected;
    stream.insert(stream.end(), rec.wire.begin(), rec.wire.end());
  }
  std::size_t pos = 0;
  auto act = hs.start();
  while (true) {
    if (!act) {
      r.error = act.err().what();
      return r;
    }
    for (const auto& seg : act->write.segments())
      r.written.insert(r.written.end(), seg.view().begin(), seg.view().end());
    if (act->done) break;
    if (pos + act->read > server.size()) {
      r.error = "client wanted more bytes than the server sent";
      return r;
    }
    auto chunk = buffer::copy_of(bytes_view(server.data() + pos, act->read));
    pos += act->read;
    act = hs.on_bytes(chunk);
  }
  r.outcome = hs.take_outcome();
  return r;
}

handshake_params params_for(const test::transcript& t, const entity_addr& target, entity_type peer,
                            std::uint64_t cookie, std::uint64_t global_seq) {
  handshake_params p;
  p.target = target;
  p.peer_type = peer;
  p.modes = {t.header["mode"] == "secure" ? con_mode::secure : con_mode::crc};
  p.client_cookie = cookie;
  p.global_seq = global_seq;
  p.addr_nonce = static_cast<std::uint32_t>(t.input("PROBE_ADDR_NONCE"));
  return p;
}

void replay_mon(const char* file) {
  const auto t = test::load_transcript(file);
  const auto& in = t.header["inputs"];
  auto key = auth::parse_key(in["PROBE_KEY"].get<std::string>());
  ASSERT_TRUE(key) << key.err().what();
  cephx_mon_auth auth({entity_name{entity_type::client, "admin"}, *key, 0, 0, std::nullopt,
                       t.input("PROBE_CLIENT_CHALLENGE")});
  const auto port = static_cast<std::uint16_t>(std::stoi(in["PROBE_MON_PORT"].get<std::string>()));
  client_handshake hs(params_for(t, entity_addr::ipv4(addr_type::msgr2, {127, 0, 0, 1}, port),
                                 entity_type::mon, t.input("PROBE_CLIENT_COOKIE"),
                                 t.input("PROBE_GLOBAL_SEQ")),
                      auth);
  const auto r = replay(t, hs);
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(test::to_hex(r.written), test::to_hex(r.expected));
  ASSERT_TRUE(r.outcome);
  EXPECT_EQ(r.outcome->global_id, t.header["server"]["global_id"].get<std::uint64_t>());
  EXPECT_EQ(r.outcome->codec.is_secure(), t.header["mode"] == "secure");
  EXPECT_EQ(r.outcome->server.gid, 0);  // mon rank 0
  EXPECT_EQ(test::to_hex(auth.auth_ticket().session_key.secret),
            test::hex_field(t.derived(), "auth_session_key"));
  EXPECT_EQ(auth.service_tickets().size(), 3u);
}

// The OSD service ticket the mon session of the same mode obtained.
auth::service_ticket recorded_osd_ticket(const test::transcript& t) {
  const auto& mon = t.derived().at("from_mon_transcript");
  auth::service_ticket ticket;
  ticket.service = entity_type::osd;
  ticket.session_key.secret = test::hex_bytes(mon.at("osd_ticket"), "session_key");
  const auto blob = test::hex_bytes(mon.at("osd_ticket"), "ticket");
  EXPECT_FALSE(wire::decode_exact(blob, ticket.ticket));
  return ticket;
}

void replay_osd(const char* file) {
  const auto t = test::load_transcript(file);
  const auto& mon = t.derived().at("from_mon_transcript");
  const auto ticket = recorded_osd_ticket(t);
  cephx_authorizer_auth auth(ticket, mon["global_id"].get<std::uint64_t>(),
                             t.input("PROBE_AUTHORIZER_NONCE"));
  const auto target = entity_addr::ipv4(
      addr_type::msgr2, {127, 0, 0, 1},
      static_cast<std::uint16_t>(std::stoi(t.header["peer"].get<std::string>().substr(10))),
      mon["osd_addr_nonce"].get<std::uint32_t>());
  client_handshake hs(params_for(t, target, entity_type::osd,
                                 test::json_number(t.derived().at("client_cookie")),
                                 t.derived().at("global_seq").get<std::uint64_t>()),
                      auth);
  const auto r = replay(t, hs);
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(test::to_hex(r.written), test::to_hex(r.expected));
  ASSERT_TRUE(r.outcome);
  EXPECT_EQ(r.outcome->codec.is_secure(), t.header["mode"] == "secure");
  EXPECT_EQ(r.outcome->server.gid, 0);  // osd.0
}

TEST(MsgrHandshakeReplay, MonCrc) { replay_mon("mon-crc.jsonl"); }
TEST(MsgrHandshakeReplay, MonSecure) { replay_mon("mon-secure.jsonl"); }
TEST(MsgrHandshakeReplay, OsdCrc) { replay_osd("osd-crc.jsonl"); }
TEST(MsgrHandshakeReplay, OsdSecure) { replay_osd("osd-secure.jsonl"); }

}  // namespace
}  // namespace radosio::msgr

namespace radosio::msgr {
namespace {

// Failure injected at every step: the recorded server stream cut short inside every frame,
// or with a byte of any frame corrupted. Each must end in an error from the handshake (no
// crash, no success), in both modes.
void inject_failures(const char* file) {
  const auto t = test::load_transcript(file);
  const auto& in = t.header["inputs"];
  auto key = auth::parse_key(in["PROBE_KEY"].get<std::string>());
  ASSERT_TRUE(key);
  const auto port = static_cast<std::uint16_t>(std::stoi(in["PROBE_MON_PORT"].get<std::string>()));
  auto run = [&](const test::transcript& variant) {
    cephx_mon_auth auth({entity_name{entity_type::client, "admin"}, *key, 0, 0, std::nullopt,
                         t.input("PROBE_CLIENT_CHALLENGE")});
    client_handshake hs(params_for(variant, entity_addr::ipv4(addr_type::msgr2, {127, 0, 0, 1}, port),
                                   entity_type::mon, t.input("PROBE_CLIENT_COOKIE"),
                                   t.input("PROBE_GLOBAL_SEQ")),
                        auth);
    return replay(variant, hs);
  };
  std::size_t cases = 0;
  for (std::size_t i = 0; i < t.records.size(); ++i) {
    const auto& rec = t.records[i];
    if (rec.dir != "s2c" || rec.label.starts_with("MESSAGE")) continue;
    // Cut the stream in the middle of this record.
    auto cut = t;
    cut.records[i].wire.resize(rec.wire.size() / 2);
    for (std::size_t j = i + 1; j < cut.records.size(); ++j)
      if (cut.records[j].dir == "s2c") cut.records[j].wire.clear();
    EXPECT_FALSE(run(cut).error.empty()) << "cut in " << rec.label;
    // Corrupt its first, middle and last byte (the banner's feature bits may legitimately
    // vary, so only its magic is corrupted).
    const std::vector<std::size_t> spots = rec.label == "banner"
        ? std::vector<std::size_t>{0, 3}
        : std::vector<std::size_t>{0, rec.wire.size() / 2, rec.wire.size() - 1};
    for (const auto at : spots) {
      auto bad = t;
      bad.records[i].wire[at] ^= 0x5a;
      const auto r = run(bad);
      EXPECT_FALSE(r.error.empty()) << "corrupted byte " << at << " of " << rec.label << " accepted";
      ++cases;
    }
  }
  EXPECT_GE(cases, 15u);  // banner (2 spots) + HELLO, AUTH_REPLY_MORE, AUTH_DONE, AUTH_SIGNATURE, SERVER_IDENT (3 each)
}

TEST(MsgrHandshakeReplay, FailureAtEveryStepCrc) { inject_failures("mon-crc.jsonl"); }
TEST(MsgrHandshakeReplay, FailureAtEveryStepSecure) { inject_failures("mon-secure.jsonl"); }

}  // namespace
}  // namespace radosio::msgr

namespace radosio::msgr {
namespace {

// The OSD's AUTH_DONE carries the authorizer reply (our nonce + 1, encrypted with the
// service ticket's session key); the handshake must check it. A client whose authorizer used
// another nonce gets the recorded reply, which answers the recorded nonce: refused.
void authorizer_reply_checked(const char* file) {
  const auto t = test::load_transcript(file);
  const auto& mon = t.derived().at("from_mon_transcript");
  cephx_authorizer_auth auth(recorded_osd_ticket(t), mon["global_id"].get<std::uint64_t>(),
                             t.input("PROBE_AUTHORIZER_NONCE") + 1);
  client_handshake hs(params_for(t, entity_addr::ipv4(addr_type::msgr2, {127, 0, 0, 1}, 6800),
                                 entity_type::osd, 1, 1),
                      auth);
  const auto r = replay(t, hs);
  EXPECT_FALSE(r.outcome);
  EXPECT_NE(r.error.find("does not answer our nonce"), std::string::npos) << r.error;
}

TEST(MsgrHandshakeReplay, OsdAuthorizerReplyIsVerifiedCrc) { authorizer_reply_checked("osd-crc.jsonl"); }
TEST(MsgrHandshakeReplay, OsdAuthorizerReplyIsVerifiedSecure) { authorizer_reply_checked("osd-secure.jsonl"); }

}  // namespace
}  // namespace radosio::msgr
