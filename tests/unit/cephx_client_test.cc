// The cephx client functions against a scripted server: the replies are built here with the
// same envelope code, so every branch (re-authentication, errors, hostile lengths) can be
// reached without a cluster. The byte-exact checks against a real server are in
// cephx_transcript_test.cc.

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "auth/cephx_authorizer.h"
#include "auth/cephx_client.h"
#include "auth/cephx_envelope.h"
#include "auth/cephx_renewal.h"
#include "auth/cephx_types.h"
#include "test_util.h"

namespace radosio::auth {
namespace {

// The error message of a result, or "" if it holds a value.
template <class T>
std::string why(const result<T>& r) {
  return r ? std::string() : r.err().message;
}

using bytes = std::vector<std::uint8_t>;
using test::from_hex;
using test::to_hex;

const auto t0 = ticket_clock::time_point{} + std::chrono::hours(5);

crypto_key make_key(std::uint8_t fill) {
  crypto_key k;
  k.created = {1700000000, 0};
  k.secret.assign(16, fill);
  return k;
}

bytes seal(const crypto_key& key, bytes_view payload) {
  auto out = envelope_encrypt(key, payload);
  EXPECT_TRUE(out) << why(out);
  return out ? out.value() : bytes{};
}
template <class T>
bytes seal_value(const crypto_key& key, const T& value) {
  return seal(key, wire::encode_to_bytes(value));
}
template <class T>
T open_value(const crypto_key& key, bytes_view ciphertext) {
  auto out = envelope_decrypt_value<T>(key, ciphertext, "test");
  EXPECT_TRUE(out) << why(out);
  return out ? out.value() : T{};
}
void encode_bl(wire::encoder& e, bytes_view b) { encode(e, buffer::borrow(b)); }

// ---- the scripted mon ----------------------------------------------------------------------

struct granted_ticket {
  entity_type service;
  crypto_key session_key;
  std::uint32_t validity_sec = 3600;
  cephx_ticket_blob blob;
  const crypto_key* encrypt_ticket_with = nullptr;  // ticket_enc = 1
};

cephx_ticket_blob opaque_ticket(std::uint64_t secret_id, std::uint8_t fill) {
  return {secret_id, buffer::copy_of(bytes(48, fill))};
}

bytes ticket_reply(const crypto_key& blob_key, const std::vector<granted_ticket>& tickets) {
  wire::encoder e;
  encode(e, std::uint8_t{1});
  encode(e, static_cast<std::uint32_t>(tickets.size()));
  for (const auto& t : tickets) {
    encode(e, static_cast<std::uint32_t>(t.service));
    encode(e, std::uint8_t{1});
    encode_bl(e, seal_value(blob_key, cephx_service_ticket{t.session_key, {t.validity_sec, 0}}));
    encode(e, static_cast<std::uint8_t>(t.encrypt_ticket_with != nullptr));
    const auto blob = wire::encode_to_bytes(t.blob);
    if (t.encrypt_ticket_with) {
      wire::encoder inner;
      encode_bl(inner, blob);
      encode_bl(e, seal(*t.encrypt_ticket_with, inner.view()));
    } else {
      encode_bl(e, blob);
    }
  }
  return e.bytes();
}

struct auth_done_parts {
  std::int32_t status = 0;
  std::uint16_t request_type = 0x0100;
  std::vector<granted_ticket> first;                             // under the client secret
  std::optional<std::string> connection_secret = std::string();  // nullopt: no field at all
  std::vector<granted_ticket> extra;                             // under the AUTH session key
};

bytes auth_done(const crypto_key& client_secret, const auth_done_parts& p) {
  wire::encoder e;
  encode(e, cephx_response_header{p.request_type, p.status});
  e.write_bytes(ticket_reply(client_secret, p.first));
  if (p.connection_secret) {
    const auto& session_key = p.first.at(0).session_key;
    wire::encoder inner;
    encode_bl(inner, seal_value(session_key, *p.connection_secret));
    encode_bl(e, inner.view());
    encode_bl(e, p.extra.empty() ? bytes{} : ticket_reply(session_key, p.extra));
  }
  return e.bytes();
}

mon_authenticator::options options_for(const crypto_key& secret) {
  mon_authenticator::options o;
  o.name = entity_name{entity_type::client, "admin"};
  o.secret = secret;
  return o;
}

// ---- mon authentication --------------------------------------------------------------------

TEST(CephxMonAuth, RequestPayloadLayout) {
  EXPECT_EQ(to_hex(mon_auth_request_payload({entity_type::client, "admin"}, 0)),
            "0a"
            "08000000"
            "05000000"
            "61646d696e"
            "0000000000000000");
  EXPECT_EQ(to_hex(mon_auth_request_payload({entity_type::client, "bob"}, 0x1234)),
            "0a"
            "08000000"
            "03000000"
            "626f62"
            "3412000000000000");
}

TEST(CephxMonAuth, AnswerIsAuthenticateV3WithTheProof) {
  const auto secret = make_key(0x11);
  auto opts = options_for(secret);
  opts.wanted_services = 0x15;
  const mon_authenticator auth(opts);
  const auto more = auth.answer_challenge(from_hex("01 0807060504030201"), 0xabcdef);
  ASSERT_TRUE(more) << why(more);
  wire::decoder d(more.value());
  cephx_request_header header;
  cephx_authenticate req;
  decode(d, header);
  decode(d, req);
  ASSERT_TRUE(d.ok() && d.at_end()) << d.message();
  EXPECT_EQ(header.request_type, 0x0100);
  EXPECT_EQ(req.version, 3);
  EXPECT_EQ(req.client_challenge, 0xabcdefu);
  EXPECT_EQ(req.key, challenge_proof(secret, 0x0102030405060708, 0xabcdef).value());
  EXPECT_EQ(req.old_ticket, cephx_ticket_blob{});  // fresh session: empty old ticket
  EXPECT_EQ(req.other_keys, 0x15u);
  // 36 bytes, as on the wire (protocol.md b.4 step 6).
  EXPECT_EQ(more->size(), 36u);
}

TEST(CephxMonAuth, ProofIsXorOfLengthPrefixedCiphertext) {
  const auto secret = make_key(0x22);
  wire::encoder blob;
  encode(blob, std::uint64_t{5});
  encode(blob, std::uint64_t{7});
  const auto ciphertext = seal(secret, blob.view());
  ASSERT_EQ(ciphertext.size(), 32u);
  wire::encoder prefixed;
  encode_bl(prefixed, ciphertext);
  std::uint64_t expected = 0;
  for (std::size_t i = 0; i + 8 <= prefixed.size(); i += 8) {
    std::uint64_t word = 0;
    for (int b = 7; b >= 0; --b)
      word = word << 8 | prefixed.bytes()[i + static_cast<std::size_t>(b)];
    expected ^= word;
  }
  EXPECT_EQ(challenge_proof(secret, 5, 7).value(), expected);
  EXPECT_EQ(challenge_proof(make_key(0), 5, 7).value() == expected, false);
  crypto_key bad;
  bad.secret.assign(8, 1);
  EXPECT_EQ(challenge_proof(bad, 5, 7).code(), auth_errc::bad_key);
}

TEST(CephxMonAuth, FinishReturnsTicketsSecretAndLifetimes) {
  const auto secret = make_key(0x11);
  const auto auth_key = make_key(0x20);
  const auto osd_key = make_key(0x04);
  auth_done_parts parts;
  parts.first = {{entity_type::auth, auth_key, 72 * 3600, opaque_ticket(2, 0xa1)}};
  parts.connection_secret = std::string(64, 'S');
  parts.extra = {{entity_type::osd, osd_key, 3600, opaque_ticket(9, 0xb2)}};
  const mon_authenticator auth(options_for(secret));
  const auto out = auth.finish(auth_done(secret, parts), t0);
  ASSERT_TRUE(out) << why(out);
  EXPECT_EQ(out->auth_ticket.service, entity_type::auth);
  EXPECT_EQ(out->auth_ticket.session_key, auth_key);
  EXPECT_EQ(out->auth_ticket.ticket, opaque_ticket(2, 0xa1));
  EXPECT_EQ(out->auth_ticket.secret_id(), 2u);
  EXPECT_EQ(out->auth_ticket.expires, t0 + std::chrono::hours(72));
  EXPECT_EQ(out->connection_secret, bytes(64, 'S'));
  ASSERT_EQ(out->service_tickets.size(), 1u);
  EXPECT_EQ(out->service_tickets[0].service, entity_type::osd);
  EXPECT_EQ(out->service_tickets[0].session_key, osd_key);
  EXPECT_EQ(out->service_tickets[0].renew_after, t0 + std::chrono::minutes(45));
}

TEST(CephxMonAuth, ReauthenticationPresentsTheOldTicketAndOpensTheEncryptedOne) {
  const auto secret = make_key(0x11);
  service_ticket old;
  old.service = entity_type::auth;
  old.session_key = make_key(0x33);
  old.ticket = opaque_ticket(1, 0xc3);
  auto opts = options_for(secret);
  opts.previous_global_id = 4242;
  opts.previous_auth_ticket = old;
  const mon_authenticator auth(opts);

  // AUTH_REQUEST reclaims the global_id; AUTH_REQUEST_MORE carries the old ticket.
  EXPECT_EQ(to_hex(auth.request()).substr(to_hex(auth.request()).size() - 16), "9210000000000000");
  const auto more = auth.answer_challenge(from_hex("01 0100000000000000"), 9);
  ASSERT_TRUE(more);
  wire::decoder d(more.value());
  cephx_request_header header;
  cephx_authenticate req;
  decode(d, header);
  decode(d, req);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(req.old_ticket, old.ticket);

  // The mon accepted the old ticket: the new AUTH ticket comes encrypted with its key.
  const auto new_key = make_key(0x44);
  auth_done_parts parts;
  parts.first = {{entity_type::auth, new_key, 3600, opaque_ticket(3, 0xd4), &old.session_key}};
  const auto out = auth.finish(auth_done(secret, parts), t0);
  ASSERT_TRUE(out) << why(out);
  EXPECT_EQ(out->auth_ticket.session_key, new_key);
  EXPECT_EQ(out->auth_ticket.ticket, opaque_ticket(3, 0xd4));

  // The same reply to a client that presented no old ticket cannot be opened.
  const mon_authenticator fresh(options_for(secret));
  const auto refused = fresh.finish(auth_done(secret, parts), t0);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.code(), auth_errc::unexpected_reply);
}

TEST(CephxMonAuth, StatusAndRequestTypeErrors) {
  const auto secret = make_key(0x11);
  const mon_authenticator auth(options_for(secret));
  auth_done_parts parts;
  parts.first = {{entity_type::auth, make_key(1), 3600, opaque_ticket(1, 1)}};

  parts.status = -13;
  auto out = auth.finish(auth_done(secret, parts), t0);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.code(), std::errc::permission_denied);
  EXPECT_NE(why(out).find("-13"), std::string::npos) << why(out);

  parts.status = 7;
  EXPECT_EQ(auth.finish(auth_done(secret, parts), t0).code(), auth_errc::auth_rejected);

  parts.status = 0;
  parts.request_type = 0x0200;
  EXPECT_EQ(auth.finish(auth_done(secret, parts), t0).code(), auth_errc::unexpected_reply);
}

TEST(CephxMonAuth, ReplyWithoutAuthTicketOrWithBadKeys) {
  const auto secret = make_key(0x11);
  const mon_authenticator auth(options_for(secret));
  auth_done_parts parts;
  parts.first = {{entity_type::mon, make_key(1), 3600, opaque_ticket(1, 1)}};
  EXPECT_EQ(auth.finish(auth_done(secret, parts), t0).code(), auth_errc::unexpected_reply);

  // A session key that is not AES-128 is refused where it arrives.
  crypto_key short_key = make_key(1);
  short_key.secret.resize(8);
  parts.first = {{entity_type::auth, short_key, 3600, opaque_ticket(1, 1)}};
  parts.connection_secret.reset();
  EXPECT_EQ(auth.finish(auth_done(secret, parts), t0).code(), auth_errc::bad_key);
}

TEST(CephxMonAuth, OtherKeysDecideWhetherTheSecretFieldIsRequired) {
  const auto secret = make_key(0x11);
  auth_done_parts parts;
  parts.first = {{entity_type::auth, make_key(1), 3600, opaque_ticket(1, 1)}};
  parts.connection_secret.reset();
  const auto payload = auth_done(secret, parts);

  auto opts = options_for(secret);
  opts.wanted_services = 0;
  const auto out = mon_authenticator(opts).finish(payload, t0);
  ASSERT_TRUE(out) << why(out);
  EXPECT_TRUE(out->connection_secret.empty());
  EXPECT_TRUE(out->service_tickets.empty());

  // We asked for other keys, so a reply without the fields was cut short.
  const auto cut = mon_authenticator(options_for(secret)).finish(payload, t0);
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.code(), errc::truncated);
}

TEST(CephxMonAuth, AbsurdLengthsAreRefusedBeforeAllocating) {
  const auto secret = make_key(0x11);
  const mon_authenticator auth(options_for(secret));
  // Header, ticket_reply v1 claiming 2^32-1 tickets.
  EXPECT_EQ(auth.finish(from_hex("0001 00000000  01 ffffffff 20000000 01"), t0).code(),
            errc::length_too_large);
  // One ticket whose encrypted part claims 4 GiB.
  EXPECT_EQ(auth.finish(from_hex("0001 00000000  01 01000000 20000000 01 f0ffffff 00 00000000"), t0)
                .code(),
            errc::truncated);
  // Garbage ciphertext of a plausible size.
  const auto garbage = auth.finish(
      from_hex("0001 00000000 01 01000000 20000000 01 10000000 00112233445566778899aabbccddeeff"
               " 00 0d000000 01 0000000000000000 00000000"),
      t0);
  ASSERT_FALSE(garbage);
  EXPECT_TRUE(garbage.code() == auth_errc::decrypt_failed ||
              garbage.code() == auth_errc::bad_magic);
  // Ciphertext that is not whole blocks.
  EXPECT_EQ(
      auth.finish(from_hex("0001 00000000 01 01000000 20000000 01 03000000 001122 00 00000000"), t0)
          .code(),
      auth_errc::decrypt_failed);
  EXPECT_FALSE(auth.finish({}, t0));
}

TEST(CephxMonAuth, BadChallengePayloads) {
  const mon_authenticator auth(options_for(make_key(0x11)));
  EXPECT_EQ(auth.answer_challenge({}, 1).code(), errc::truncated);
  EXPECT_EQ(auth.answer_challenge(from_hex("01 0102"), 1).code(), errc::truncated);
  auto opts = options_for(make_key(0x11));
  opts.secret.secret.clear();
  EXPECT_EQ(mon_authenticator(opts).answer_challenge(from_hex("01 0102030405060708"), 1).code(),
            auth_errc::bad_key);
}

// ---- authorizer ----------------------------------------------------------------------------

service_ticket osd_ticket() {
  service_ticket t;
  t.service = entity_type::osd;
  t.session_key = make_key(0x55);
  t.ticket = opaque_ticket(7, 0xee);
  return t;
}

struct parsed_authorizer {
  std::uint64_t global_id = 0;
  std::uint32_t service = 0;
  cephx_ticket_blob ticket;
  cephx_authorize msg;
};

parsed_authorizer parse_authorizer(const crypto_key& key, bytes_view encoded) {
  parsed_authorizer p;
  wire::decoder d(encoded);
  std::uint8_t version = 0;
  buffer sealed;
  decode(d, version);
  decode(d, p.global_id);
  decode(d, p.service);
  decode(d, p.ticket);
  decode(d, sealed);
  EXPECT_TRUE(d.ok() && d.at_end()) << d.message();
  EXPECT_EQ(version, 1);
  p.msg = open_value<cephx_authorize>(key, sealed.view());
  return p;
}

TEST(CephxAuthorizer, LayoutAndChallengeRound) {
  const auto ticket = osd_ticket();
  const auto a = cephx_authorizer::build(ticket, 5938, 0x1122334455667788);
  ASSERT_TRUE(a) << why(a);
  auto p = parse_authorizer(ticket.session_key, a->payload());
  EXPECT_EQ(p.global_id, 5938u);
  EXPECT_EQ(p.service, 4u);
  EXPECT_EQ(p.ticket, ticket.ticket);
  EXPECT_EQ(p.msg, (cephx_authorize{2, 0x1122334455667788, false, 0}));

  const auto challenge = seal_value(ticket.session_key, cephx_authorize_challenge{41});
  const auto answered = a->answer_challenge(challenge);
  ASSERT_TRUE(answered) << why(answered);
  p = parse_authorizer(ticket.session_key, answered.value());
  EXPECT_EQ(p.msg, (cephx_authorize{2, 0x1122334455667788, true, 42}));
  // No challenge: the plain authorizer again.
  EXPECT_EQ(a->answer_challenge({}).value(), a->payload());
}

bytes authorizer_reply(const crypto_key& key, const cephx_authorize_reply& reply) {
  wire::encoder e;
  encode_bl(e, seal_value(key, reply));
  return e.bytes();
}

TEST(CephxAuthorizer, VerifyReply) {
  const auto ticket = osd_ticket();
  const auto a = cephx_authorizer::build(ticket, 1, ~std::uint64_t{0});
  ASSERT_TRUE(a);
  // nonce + 1 wraps, as in Ceph (unsigned arithmetic).
  auto secret = a->verify_reply(authorizer_reply(ticket.session_key, {0, ""}));
  ASSERT_TRUE(secret) << why(secret);
  EXPECT_TRUE(secret->empty());  // v1: crc mode
  secret = a->verify_reply(authorizer_reply(ticket.session_key, {0, std::string(64, 'x')}));
  ASSERT_TRUE(secret);
  EXPECT_EQ(*secret, bytes(64, 'x'));  // v2: secure mode

  EXPECT_EQ(a->verify_reply(authorizer_reply(ticket.session_key, {5, ""})).code(),
            auth_errc::nonce_mismatch);
  EXPECT_EQ(
      a->verify_reply(authorizer_reply(make_key(0x56), {0, ""})).code() ==
              auth_errc::decrypt_failed ||
          a->verify_reply(authorizer_reply(make_key(0x56), {0, ""})).code() == auth_errc::bad_magic,
      true);
  const auto good = authorizer_reply(ticket.session_key, {0, ""});
  for (std::size_t n = 0; n < good.size(); ++n)
    EXPECT_FALSE(a->verify_reply(bytes_view(good).first(n))) << n;
  EXPECT_EQ(a->verify_reply(from_hex("ffffff7f 00")).code(), errc::truncated);
}

TEST(CephxAuthorizer, RefusesTicketsWithoutAUsableKey) {
  auto ticket = osd_ticket();
  ticket.session_key.secret.clear();
  EXPECT_EQ(cephx_authorizer::build(ticket, 1, 2).code(), auth_errc::bad_key);
  ticket = osd_ticket();
  const auto a = cephx_authorizer::build(ticket, 1, 2);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->answer_challenge(from_hex("0011")).code(), auth_errc::decrypt_failed);
}

// ---- renewal (MAuth) -----------------------------------------------------------------------

service_ticket make_auth_ticket() {
  service_ticket t;
  t.service = entity_type::auth;
  t.session_key = make_key(0x20);
  t.ticket = opaque_ticket(2, 0xaa);
  return t;
}

TEST(CephxRenewal, RequestLayout) {
  const auto ticket = make_auth_ticket();
  const auto payload = ticket_renewal_request(ticket, 5938, 0x14, 0x0102030405060708);
  ASSERT_TRUE(payload) << why(payload);
  // le16 0x0200 | authorizer for the AUTH ticket | CephXServiceTicketRequest{1, keys}.
  const bytes_view all = payload.value();
  EXPECT_EQ(to_hex(all.first(2)), "0002");
  EXPECT_EQ(to_hex(all.last(5)),
            "01"
            "14000000");
  const auto p = parse_authorizer(ticket.session_key, all.subspan(2, all.size() - 7));
  EXPECT_EQ(p.global_id, 5938u);
  EXPECT_EQ(p.service, 0x20u);
  EXPECT_EQ(p.ticket, ticket.ticket);
  EXPECT_EQ(p.msg, (cephx_authorize{2, 0x0102030405060708, false, 0}));

  EXPECT_EQ(ticket_renewal_request(osd_ticket(), 1, 0x14, 1).code(), auth_errc::no_ticket);
}

TEST(CephxRenewal, ReplyYieldsNewTickets) {
  const auto ticket = make_auth_ticket();
  wire::encoder e;
  encode(e, cephx_response_header{0x0200, 0});
  e.write_bytes(ticket_reply(ticket.session_key,
                             {{entity_type::osd, make_key(0x41), 3600, opaque_ticket(10, 1)},
                              {entity_type::mgr, make_key(0x42), 60, opaque_ticket(11, 2)}}));
  const auto out = ticket_renewal_reply(ticket, e.view(), t0);
  ASSERT_TRUE(out) << why(out);
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[0].service, entity_type::osd);
  EXPECT_EQ((*out)[0].secret_id(), 10u);
  EXPECT_EQ((*out)[1].service, entity_type::mgr);
  EXPECT_EQ((*out)[1].session_key, make_key(0x42));
  EXPECT_EQ((*out)[1].renew_after, t0 + std::chrono::seconds(45));

  // Wrong AUTH session key: a clear error, no tickets.
  auto stale = ticket;
  stale.session_key = make_key(0x21);
  const auto refused = ticket_renewal_reply(stale, e.view(), t0);
  ASSERT_FALSE(refused);
  EXPECT_NE(why(refused).find("session key for osd"), std::string::npos) << why(refused);
}

TEST(CephxRenewal, ReplyErrors) {
  const auto ticket = make_auth_ticket();
  EXPECT_EQ(ticket_renewal_reply(ticket, from_hex("0002 feffffff 01 00000000"), t0).code(),
            std::errc::no_such_file_or_directory);
  EXPECT_EQ(ticket_renewal_reply(ticket, from_hex("0001 00000000 01 00000000"), t0).code(),
            auth_errc::unexpected_reply);
  EXPECT_EQ(ticket_renewal_reply(ticket, from_hex("0002 0000"), t0).code(), errc::truncated);
  const auto none = ticket_renewal_reply(ticket, from_hex("0002 00000000 01 00000000"), t0);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

// ---- ticket store --------------------------------------------------------------------------

TEST(CephxTicketStore, LifetimeAndRenewal) {
  service_ticket t = osd_ticket();
  set_lifetime(t, {3600, 500'000'000}, t0);
  EXPECT_EQ(t.expires, t0 + std::chrono::milliseconds(3'600'500));
  EXPECT_EQ(t.renew_after, t0 + std::chrono::milliseconds(2'700'375));
  EXPECT_FALSE(t.needs_renewal(t0 + std::chrono::seconds(2700)));
  EXPECT_TRUE(t.needs_renewal(t0 + std::chrono::seconds(2701)));
  EXPECT_FALSE(t.expired(t0 + std::chrono::seconds(3600)));
  EXPECT_TRUE(t.expired(t0 + std::chrono::seconds(3601)));
}

TEST(CephxTicketStore, FindValidAndNeedingRenewal) {
  ticket_store store;
  auto osd = osd_ticket();
  set_lifetime(osd, {3600, 0}, t0);
  auto mon = osd_ticket();
  mon.service = entity_type::mon;
  set_lifetime(mon, {60, 0}, t0);
  store.put({osd, mon});
  EXPECT_EQ(store.size(), 2u);

  const std::uint32_t wanted = 0x01 | 0x04 | 0x10;
  EXPECT_EQ(store.needing_renewal(wanted, t0), 0x10u);  // no MGR ticket yet
  EXPECT_EQ(store.needing_renewal(wanted, t0 + std::chrono::seconds(45)), 0x11u);
  EXPECT_EQ(store.needing_renewal(wanted, t0 + std::chrono::seconds(2700)), 0x15u);
  EXPECT_FALSE(store.needs_renewal(entity_type::osd, t0));
  EXPECT_TRUE(store.needs_renewal(entity_type::mgr, t0));

  const auto valid = store.valid(entity_type::osd, t0);
  ASSERT_TRUE(valid);
  EXPECT_EQ(valid.value()->secret_id(), 7u);
  EXPECT_EQ(store.valid(entity_type::mgr, t0).code(), auth_errc::no_ticket);
  EXPECT_EQ(store.valid(entity_type::mon, t0 + std::chrono::seconds(61)).code(),
            auth_errc::ticket_expired);

  auto renewed = osd_ticket();
  renewed.ticket.secret_id = 8;
  set_lifetime(renewed, {3600, 0}, t0 + std::chrono::seconds(2700));
  store.put(renewed);
  EXPECT_EQ(store.find(entity_type::osd)->secret_id(), 8u);
  EXPECT_EQ(store.needing_renewal(0x04, t0 + std::chrono::seconds(2700)), 0u);
  store.erase(entity_type::osd);
  EXPECT_EQ(store.find(entity_type::osd), nullptr);
}

// ---- codecs --------------------------------------------------------------------------------

TEST(CephxTypes, AuthorizeReplyVersionFollowsTheSecret) {
  EXPECT_EQ(test::encoded_hex(cephx_authorize_reply{0x0102, ""}),
            "01"
            "0201000000000000");
  EXPECT_EQ(test::encoded_hex(cephx_authorize_reply{1, "ab"}),
            "02"
            "0100000000000000"
            "02000000"
            "6162");
}

TEST(CephxTypes, OlderVersionsDecode) {
  cephx_authenticate v1;
  ASSERT_FALSE(wire::decode_exact(
      from_hex("01 0100000000000000 0200000000000000 01 0300000000000000 00000000"), v1));
  EXPECT_EQ(v1.version, 1);
  EXPECT_EQ(v1.other_keys, 0u);
  EXPECT_EQ(v1.old_ticket.secret_id, 3u);
  EXPECT_EQ(to_hex(wire::encode_to_bytes(v1)),
            "01"
            "0100000000000000"
            "0200000000000000"
            "01"
            "0300000000000000"
            "00000000");

  cephx_authorize a1;
  ASSERT_FALSE(wire::decode_exact(from_hex("01 0900000000000000"), a1));
  EXPECT_EQ(a1.version, 1);
  EXPECT_EQ(a1.nonce, 9u);
  EXPECT_FALSE(a1.have_challenge);

  auth_ticket t1;
  ASSERT_FALSE(wire::decode_exact(from_hex("01 08000000 01000000 61 0500000000000000"
                                           " 0000000000000000 0000000000000000"
                                           " 01 01 00000000 00000000"),
                                  t1));
  EXPECT_EQ(t1.version, 1);
  EXPECT_EQ(t1.global_id, 5u);
  EXPECT_EQ(t1.auid, default_auid);
  EXPECT_TRUE(t1.caps.allow_all);
}

TEST(CephxTypes, TruncationAtEveryByteFails) {
  cephx_service_ticket_info info;
  info.ticket.name = {entity_type::client, "admin"};
  info.ticket.caps.caps = buffer::copy_of(std::string_view("caps"));
  info.session_key = make_key(3);
  const auto encoded = wire::encode_to_bytes(info);
  for (std::size_t n = 0; n < encoded.size(); ++n) {
    cephx_service_ticket_info out;
    EXPECT_TRUE(wire::decode_exact(bytes_view(encoded).first(n), out)) << n;
  }
  cephx_service_ticket_info out;
  ASSERT_FALSE(wire::decode_exact(encoded, out));
  EXPECT_EQ(out, info);
}

}  // namespace
}  // namespace radosio::auth
