// libFuzzer target: a whole client session as a server could play it. The input's first byte
// picks the session (a monitor or an OSD, crc or secure mode, cephx with the inputs of the
// recorded sessions in shared/corpus/transcripts, or auth none); the rest is everything the
// server sends. It goes through client_handshake (banner, HELLO, AUTH_REPLY_MORE, AUTH_DONE
// with its cephx payload, AUTH_BAD_METHOD, AUTH_SIGNATURE, SERVER_IDENT,
// IDENT_MISSING_FEATURES, WAIT), and once the handshake is done the remaining bytes are read
// as frames with the negotiated codec and every MESSAGE is decoded as the monitor client and
// the objecter would (MMonMap and the MonMap in it, MOSDMap and its maps, MAuthReply,
// MMonCommandAck, MStatfsReply, MPoolOpReply, MMonGetVersionReply, MOSDOpReply, MOSDBackoff,
// MWatchNotify). Seeded with the recorded server bytes, the fuzzer starts from sessions that
// get all the way through, in secure mode too.

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <vector>

#include "auth/keyring.h"
#include "messenger/client_handshake.h"
#include "messenger/message_header.h"
#include "monclient/mon_map.h"
#include "monclient/mon_messages.h"
#include "osdc/osd_messages.h"
#include "osdc/osdmap_codec.h"
#include "osdc/osdmap_incremental.h"
#include "transcript.h"

namespace {

using namespace radosio;

struct recorded_session {
  msgr::handshake_params params;
  bool to_mon = true;
  auth::crypto_key key;                  // mon sessions
  std::uint64_t client_challenge = 0;    // mon sessions
  auth::service_ticket osd_ticket;       // OSD sessions
  std::uint64_t global_id = 0;           // OSD sessions
  std::uint64_t authorizer_nonce = 0;    // OSD sessions
};

std::vector<recorded_session> sessions;

msgr::handshake_params params_for(const test::transcript& t, const entity_addr& target,
                                  entity_type peer, std::uint64_t cookie,
                                  std::uint64_t global_seq) {
  msgr::handshake_params p;
  p.target = target;
  p.peer_type = peer;
  p.modes = {t.header["mode"] == "secure" ? msgr::con_mode::secure : msgr::con_mode::crc};
  p.client_cookie = cookie;
  p.global_seq = global_seq;
  p.addr_nonce = static_cast<std::uint32_t>(t.input("PROBE_ADDR_NONCE"));
  // Small caps keep every input cheap; the real defaults are tested elsewhere.
  p.limits = msgr::frame_limits{1u << 16, 1u << 20};
  return p;
}

recorded_session mon_session(const char* file) {
  const auto t = test::load_transcript(file);
  const auto& in = t.header["inputs"];
  recorded_session s;
  auto key = auth::parse_key(in["PROBE_KEY"].get<std::string>());
  if (!key) std::abort();
  s.key = *key;
  s.client_challenge = t.input("PROBE_CLIENT_CHALLENGE");
  const auto port = static_cast<std::uint16_t>(std::stoi(in["PROBE_MON_PORT"].get<std::string>()));
  s.params = params_for(t, entity_addr::ipv4(addr_type::msgr2, {127, 0, 0, 1}, port), entity_type::mon,
                        t.input("PROBE_CLIENT_COOKIE"), t.input("PROBE_GLOBAL_SEQ"));
  return s;
}

recorded_session osd_session(const char* file) {
  const auto t = test::load_transcript(file);
  const auto& mon = t.derived().at("from_mon_transcript");
  recorded_session s;
  s.to_mon = false;
  s.osd_ticket.service = entity_type::osd;
  s.osd_ticket.session_key.secret = test::hex_bytes(mon.at("osd_ticket"), "session_key");
  const auto blob = test::hex_bytes(mon.at("osd_ticket"), "ticket");
  if (wire::decode_exact(blob, s.osd_ticket.ticket)) std::abort();
  s.global_id = mon["global_id"].get<std::uint64_t>();
  s.authorizer_nonce = t.input("PROBE_AUTHORIZER_NONCE");
  const auto target = entity_addr::ipv4(
      addr_type::msgr2, {127, 0, 0, 1},
      static_cast<std::uint16_t>(std::stoi(t.header["peer"].get<std::string>().substr(10))),
      mon["osd_addr_nonce"].get<std::uint32_t>());
  s.params = params_for(t, target, entity_type::osd, test::json_number(t.derived().at("client_cookie")),
                        t.derived().at("global_seq").get<std::uint64_t>());
  return s;
}

// What the monitor client and the objecter do with a message's front.
template <class T>
void decode_front(const msgr::message& m) {
  T value{};
  (void)wire::decode_exact(m.front.contiguous().view(), value);
}

void dispatch(const msgr::message& m) {
  namespace mt = mon::msg_type;
  switch (m.header.type) {
    case mt::mon_map: {
      mon::mon_map_message wrapped;
      if (wire::decode_exact(m.front.contiguous().view(), wrapped)) return;
      mon::mon_map map;
      (void)wire::decode_exact(wrapped.encoded.view(), map);
      return;
    }
    case mt::osd_map: {
      mon::osd_map_message msg;
      if (wire::decode_exact(m.front.contiguous().view(), msg)) return;
      for (const auto& [epoch, bytes] : msg.full_maps) (void)osdc::decode_osdmap(bytes);
      for (const auto& [epoch, bytes] : msg.incremental_maps) (void)osdc::decode_incremental(bytes);
      return;
    }
    case mt::auth_reply: decode_front<mon::auth_reply>(m); return;
    case mt::mon_command_ack: decode_front<mon::mon_command_ack>(m); return;
    case mt::statfs_reply: decode_front<mon::statfs_reply>(m); return;
    case mt::pool_op_reply: decode_front<mon::pool_op_reply>(m); return;
    case mt::mon_get_version_reply: decode_front<mon::mon_get_version_reply>(m); return;
    case osdc::osd_msg_type::osd_op_reply: (void)osdc::decode_mosd_op_reply(m); return;
    case osdc::osd_msg_type::osd_backoff: (void)osdc::decode_mosd_backoff(m); return;
    case osdc::osd_msg_type::watch_notify: (void)osdc::decode_mwatch_notify(m); return;
    default: return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sessions.push_back(mon_session("mon-crc.jsonl"));
  sessions.push_back(mon_session("mon-secure.jsonl"));
  sessions.push_back(osd_session("osd-crc.jsonl"));
  sessions.push_back(osd_session("osd-secure.jsonl"));
  // Auth none, either mode offered.
  recorded_session none = sessions[0];
  none.key = {};
  none.params.modes = {msgr::con_mode::crc, msgr::con_mode::secure};
  sessions.push_back(none);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto& s = sessions[data[0] % sessions.size()];
  const bool auth_none = (data[0] % sessions.size()) == 4;
  std::unique_ptr<msgr::auth_handler> auth;
  if (auth_none) {
    auth = std::make_unique<msgr::none_auth>(entity_name{entity_type::client, "admin"}, 0, true);
  } else if (s.to_mon) {
    auth = std::make_unique<msgr::cephx_mon_auth>(msgr::cephx_mon_auth::options{
        entity_name{entity_type::client, "admin"}, s.key, 0, 0, std::nullopt, s.client_challenge});
  } else {
    auth = std::make_unique<msgr::cephx_authorizer_auth>(s.osd_ticket, s.global_id, s.authorizer_nonce);
  }
  msgr::client_handshake hs(s.params, *auth);

  const auto input = buffer::copy_of(bytes_view(data + 1, size - 1));
  std::size_t pos = 0;
  auto act = hs.start();
  while (act && !act->done) {
    if (act->read > input.size() - pos) return 0;  // the server stopped talking
    const auto chunk = input.slice(pos, act->read);
    pos += act->read;
    act = hs.on_bytes(chunk);
  }
  if (!act) {
    if (act.err().what().empty()) std::abort();  // every failure must explain itself
    return 0;
  }

  // Connected: the rest is the session, frame after frame in the negotiated mode.
  auto outcome = hs.take_outcome();
  auto stream = input.slice(pos, input.size() - pos);
  while (!stream.empty()) {
    msgr::frame f;
    std::size_t used = 0;
    if (msgr::decode_frame(outcome.codec, stream, f, used)) break;
    stream = stream.slice(used, stream.size() - used);
    if (f.tag == msgr::tag::keepalive2 || f.tag == msgr::tag::keepalive2_ack) {
      msgr::keepalive_frame k;
      (void)wire::decode_exact(f.segments[0].view(), k);
      continue;
    }
    msgr::message m;
    if (msgr::from_frame(f, m)) continue;
    dispatch(m);
  }
  return 0;
}
