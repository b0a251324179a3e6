// CephX against the golden transcripts of a real Pacific 16.2.15 cluster
// (shared/corpus/transcripts): with the recorded client inputs, every auth payload we build
// must equal the one the reference client sent, and decoding the server's payloads must give
// the keys, tickets and secrets recorded in each header's "derived" section.

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "auth/cephx_authorizer.h"
#include "auth/cephx_client.h"
#include "auth/keyring.h"
#include "test_util.h"
#include "transcript.h"

namespace radosio::auth {
namespace {

// The error message of a result, or "" if it holds a value.
template <class T>
std::string why(const result<T>& r) {
  return r ? std::string() : r.err().message;
}

using bytes = std::vector<std::uint8_t>;
using test::hex_field;
using test::to_hex;
using test::transcript;

// The msgr2 auth frames wrap the auth payload in a bufferlist; these take it back out.
bytes unwrap(bytes_view bl) {
  wire::decoder d(bl);
  buffer payload;
  decode(d, payload);
  EXPECT_TRUE(d.ok() && d.at_end()) << d.message();
  return bytes(payload.view().begin(), payload.view().end());
}
bytes wrap(bytes_view payload) {
  wire::encoder e;
  encode(e, buffer::borrow(payload));
  return e.bytes();
}
// AUTH_REQUEST: le32 method | le32 n | n x le32 mode | bufferlist payload.
bytes auth_request_payload(const bytes& segment) {
  wire::decoder d(segment);
  std::uint32_t method = 0;
  std::vector<std::uint32_t> modes;
  decode(d, method);
  decode(d, modes);
  EXPECT_EQ(method, 2u);  // CEPHX
  return unwrap(bytes_view(segment).subspan(d.position()));
}
// AUTH_DONE: le64 global_id | le32 con_mode | bufferlist payload.
struct auth_done_frame {
  std::uint64_t global_id = 0;
  std::uint32_t con_mode = 0;
  bytes payload;
};
auth_done_frame split_auth_done(const bytes& segment) {
  auth_done_frame f;
  wire::decoder d(segment);
  decode(d, f.global_id);
  decode(d, f.con_mode);
  f.payload = unwrap(bytes_view(segment).subspan(d.position()));
  return f;
}

crypto_key transcript_key(const transcript& t) {
  auto key = parse_key(t.header.at("inputs").at("PROBE_KEY").get<std::string>());
  EXPECT_TRUE(key) << why(key);
  return key ? key.value() : crypto_key{};
}

const auto t0 = ticket_clock::time_point{} + std::chrono::hours(1000);

mon_authenticator::options admin_options(const transcript& t) {
  mon_authenticator::options opts;
  opts.name = entity_name{entity_type::client, "admin"};
  opts.secret = transcript_key(t);
  opts.wanted_services = default_wanted_services;  // the probe asks for MON|OSD|MGR
  return opts;
}

// Runs the mon half of the transcript; returns the outcome and the global_id.
struct mon_session {
  mon_auth_outcome outcome;
  std::uint64_t global_id = 0;
};
mon_session run_mon(const transcript& t) {
  mon_session s;
  const mon_authenticator auth(admin_options(t));
  const auto done = split_auth_done(t.find("s2c", "AUTH_DONE").segment());
  s.global_id = done.global_id;
  auto outcome = auth.finish(done.payload, t0);
  EXPECT_TRUE(outcome) << why(outcome);
  if (outcome) s.outcome = std::move(outcome.value());
  return s;
}

const service_ticket* find_ticket(const mon_auth_outcome& o, entity_type service) {
  if (service == entity_type::auth) return &o.auth_ticket;
  for (const auto& t : o.service_tickets)
    if (t.service == service) return &t;
  return nullptr;
}

void check_mon_transcript(const std::string& name, std::uint32_t expected_con_mode) {
  const auto t = test::load_transcript(name);
  const mon_authenticator auth(admin_options(t));

  // AUTH_REQUEST: u8 10 | EntityName client.admin | le64 global_id 0.
  EXPECT_EQ(to_hex(auth.request()),
            to_hex(auth_request_payload(t.find("c2s", "AUTH_REQUEST").segment())));

  // AUTH_REQUEST_MORE: the proof over the recorded server challenge.
  const auto challenge = unwrap(t.find("s2c", "AUTH_REPLY_MORE").segment());
  const auto more = auth.answer_challenge(challenge, t.input("PROBE_CLIENT_CHALLENGE"));
  ASSERT_TRUE(more) << why(more);
  EXPECT_EQ(to_hex(wrap(more.value())), to_hex(t.find("c2s", "AUTH_REQUEST_MORE").segment()));

  // AUTH_DONE: every key, ticket and secret the reference client derived.
  const auto done = split_auth_done(t.find("s2c", "AUTH_DONE").segment());
  EXPECT_EQ(done.con_mode, expected_con_mode);
  EXPECT_EQ(done.global_id, t.header.at("server").at("global_id").get<std::uint64_t>());
  const auto outcome = auth.finish(done.payload, t0);
  ASSERT_TRUE(outcome) << why(outcome);
  const auto& derived = t.derived();
  EXPECT_EQ(to_hex(outcome->auth_ticket.session_key.secret),
            hex_field(derived, "auth_session_key"));
  EXPECT_EQ(to_hex(outcome->connection_secret), hex_field(derived, "connection_secret"));
  EXPECT_EQ(outcome->connection_secret.size(),
            expected_con_mode == 2 ? connection_secret_size : 0u);

  const auto& tickets = derived.at("tickets");
  EXPECT_EQ(tickets.size(), 1 + outcome->service_tickets.size());
  for (const auto& [id, expected] : tickets.items()) {
    const auto service = static_cast<entity_type>(std::stoul(id, nullptr, 16));
    const auto* ticket = find_ticket(outcome.value(), service);
    ASSERT_NE(ticket, nullptr) << "no ticket for " << id;
    EXPECT_EQ(to_hex(ticket->session_key.secret), hex_field(expected, "session_key")) << id;
    EXPECT_EQ(to_hex(wire::encode_to_bytes(ticket->ticket)), hex_field(expected, "ticket")) << id;
    // Validity: auth_mon_ticket_ttl (72 h) for AUTH, auth_service_ticket_ttl (1 h) otherwise.
    const std::uint32_t ttl = service == entity_type::auth ? 72 * 3600 : 3600;
    EXPECT_EQ(ticket->validity.sec, ttl) << id;
    EXPECT_EQ(ticket->expires, t0 + std::chrono::seconds(ttl)) << id;
    EXPECT_EQ(ticket->renew_after, t0 + std::chrono::seconds(ttl) * 3 / 4) << id;
    EXPECT_FALSE(
        ticket->needs_renewal(t0 + std::chrono::seconds(ttl) * 3 / 4 - std::chrono::seconds(1)));
    EXPECT_TRUE(ticket->needs_renewal(t0 + std::chrono::seconds(ttl) * 3 / 4));
  }

  // AUTH_SIGNATURE both ways, under the AUTH session key: ours covers every byte the server
  // sent through AUTH_DONE, the server's every byte we sent through AUTH_REQUEST_MORE.
  const auto received = t.wire_through("s2c", "AUTH_DONE");
  const bytes_view received_view = received;
  const auto ours = auth_signature(outcome->auth_ticket.session_key, {&received_view, 1});
  ASSERT_TRUE(ours) << why(ours);
  EXPECT_EQ(to_hex(ours.value()), to_hex(t.find("c2s", "AUTH_SIGNATURE").segment()));
  const auto sent = t.wire_through("c2s", "AUTH_REQUEST_MORE");
  const bytes_view sent_view = sent;
  const auto theirs = auth_signature(outcome->auth_ticket.session_key, {&sent_view, 1});
  ASSERT_TRUE(theirs);
  EXPECT_EQ(to_hex(theirs.value()), to_hex(t.find("s2c", "AUTH_SIGNATURE").segment()));
}

TEST(CephxTranscript, MonCrc) { check_mon_transcript("mon-crc", 1); }
TEST(CephxTranscript, MonSecure) { check_mon_transcript("mon-secure", 2); }

void check_osd_transcript(const std::string& mode) {
  const auto mon = test::load_transcript("mon-" + mode);
  const auto t = test::load_transcript("osd-" + mode);
  const auto session = run_mon(mon);
  const auto& from_mon = t.derived().at("from_mon_transcript");
  EXPECT_EQ(session.global_id, from_mon.at("global_id").get<std::uint64_t>());
  const auto* ticket = find_ticket(session.outcome, entity_type::osd);
  ASSERT_NE(ticket, nullptr);
  EXPECT_EQ(to_hex(ticket->session_key.secret),
            hex_field(from_mon.at("osd_ticket"), "session_key"));

  // AUTH_REQUEST: the authorizer without a challenge.
  const auto authorizer =
      cephx_authorizer::build(*ticket, session.global_id, t.input("PROBE_AUTHORIZER_NONCE"));
  ASSERT_TRUE(authorizer) << why(authorizer);
  EXPECT_EQ(to_hex(authorizer->payload()),
            to_hex(auth_request_payload(t.find("c2s", "AUTH_REQUEST").segment())));

  // AUTH_REPLY_MORE -> AUTH_REQUEST_MORE: the challenge answered.
  const auto challenge = unwrap(t.find("s2c", "AUTH_REPLY_MORE").segment());
  const auto more = authorizer->answer_challenge(challenge);
  ASSERT_TRUE(more) << why(more);
  EXPECT_EQ(to_hex(wrap(more.value())), to_hex(t.find("c2s", "AUTH_REQUEST_MORE").segment()));

  // AUTH_DONE: nonce + 1 checked, connection secret returned.
  const auto done = split_auth_done(t.find("s2c", "AUTH_DONE").segment());
  const auto secret = authorizer->verify_reply(done.payload);
  ASSERT_TRUE(secret) << why(secret);
  EXPECT_EQ(to_hex(secret.value()), hex_field(t.derived(), "connection_secret"));
  EXPECT_EQ(secret->size(), mode == "secure" ? connection_secret_size : 0u);

  // AUTH_SIGNATURE under the OSD ticket's session key.
  const auto received = t.wire_through("s2c", "AUTH_DONE");
  const bytes_view received_view = received;
  const auto ours = auth_signature(authorizer->session_key(), {&received_view, 1});
  ASSERT_TRUE(ours);
  EXPECT_EQ(to_hex(ours.value()), to_hex(t.find("c2s", "AUTH_SIGNATURE").segment()));
}

TEST(CephxTranscript, OsdCrc) { check_osd_transcript("crc"); }
TEST(CephxTranscript, OsdSecure) { check_osd_transcript("secure"); }

// Hostile versions of the recorded mon AUTH_DONE: every truncation fails cleanly (the probe
// asked for other keys, so even a cut right after the AUTH ticket is incomplete), and every
// single-byte corruption either fails cleanly or decodes; nothing crashes.
TEST(CephxTranscript, TruncatedAndCorruptedAuthDone) {
  const auto t = test::load_transcript("mon-secure");
  const mon_authenticator auth(admin_options(t));
  const auto payload = split_auth_done(t.find("s2c", "AUTH_DONE").segment()).payload;
  ASSERT_TRUE(auth.finish(payload, t0));
  for (std::size_t n = 0; n < payload.size(); ++n) {
    const auto out = auth.finish(bytes_view(payload).first(n), t0);
    ASSERT_FALSE(out) << "truncated to " << n << " bytes";
    EXPECT_FALSE(why(out).empty());
  }
  int failed = 0;
  for (std::size_t i = 0; i < payload.size(); ++i) {
    auto corrupt = payload;
    corrupt[i] ^= 0xa5;
    if (!auth.finish(corrupt, t0)) ++failed;
  }
  EXPECT_GT(failed, 0);
}

TEST(CephxTranscript, WrongKeyFailsClearly) {
  const auto t = test::load_transcript("mon-crc");
  auto opts = admin_options(t);
  opts.secret.secret[0] ^= 1;
  const mon_authenticator auth(opts);
  const auto out = auth.finish(split_auth_done(t.find("s2c", "AUTH_DONE").segment()).payload, t0);
  ASSERT_FALSE(out);
  EXPECT_TRUE(out.code() == auth_errc::decrypt_failed || out.code() == auth_errc::bad_magic)
      << why(out);
  EXPECT_NE(why(out).find("session key for auth"), std::string::npos) << why(out);

  // The OSD's AUTH_DONE under the wrong session key.
  const auto osd = test::load_transcript("osd-crc");
  auto ticket = *find_ticket(run_mon(t).outcome, entity_type::osd);
  ticket.session_key.secret[3] ^= 0x40;
  const auto authorizer = cephx_authorizer::build(ticket, 1, osd.input("PROBE_AUTHORIZER_NONCE"));
  ASSERT_TRUE(authorizer);
  const auto reply =
      authorizer->verify_reply(split_auth_done(osd.find("s2c", "AUTH_DONE").segment()).payload);
  ASSERT_FALSE(reply);
  EXPECT_NE(why(reply).find("authorizer reply"), std::string::npos) << why(reply);
  EXPECT_FALSE(authorizer->answer_challenge(unwrap(osd.find("s2c", "AUTH_REPLY_MORE").segment())));
}

TEST(CephxTranscript, AuthorizerReplyWithWrongNonce) {
  const auto mon = test::load_transcript("mon-crc");
  const auto t = test::load_transcript("osd-crc");
  const auto session = run_mon(mon);
  const auto* ticket = find_ticket(session.outcome, entity_type::osd);
  ASSERT_NE(ticket, nullptr);
  const auto authorizer =
      cephx_authorizer::build(*ticket, session.global_id, t.input("PROBE_AUTHORIZER_NONCE") + 1);
  ASSERT_TRUE(authorizer);
  const auto reply =
      authorizer->verify_reply(split_auth_done(t.find("s2c", "AUTH_DONE").segment()).payload);
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.code(), auth_errc::nonce_mismatch);
}

}  // namespace
}  // namespace radosio::auth
