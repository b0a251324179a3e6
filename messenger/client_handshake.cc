#include "messenger/client_handshake.h"

#include <fmt/format.h>

#include <algorithm>

#include "auth/cephx_crypto.h"
#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "messenger/banner.h"
#include "messenger/msgr_error.h"
#include "messenger/secure_frame_codec.h"

namespace radosio::msgr {
namespace {

template <class T>
result<T> decode_payload(const frame& f, std::string_view what) {
  T value{};
  std::string why;
  if (auto ec = wire::decode_exact(f.segments[0].view(), value, &why))
    return error{ec, fmt::format("malformed {} frame: {}", what, why)};
  return value;
}

template <class T>
buffer encode_payload(const T& value) {
  wire::encoder e;
  encode(e, value);
  return std::move(e).finish();
}

void append(std::vector<std::uint8_t>& record, const buffer_list& bytes) {
  for (const auto& seg : bytes.segments()) record.insert(record.end(), seg.view().begin(), seg.view().end());
}

std::string_view mode_name(std::uint32_t mode) {
  switch (static_cast<con_mode>(mode)) {
    case con_mode::crc: return "crc";
    case con_mode::secure: return "secure";
    default: return "unknown";
  }
}

std::string list_modes(const std::vector<std::uint32_t>& modes) {
  std::string out;
  for (auto m : modes) out += (out.empty() ? "" : ", ") + std::string(mode_name(m));
  return out.empty() ? "none" : out;
}

std::string list_methods(const std::vector<std::uint32_t>& methods) {
  std::string out;
  for (auto m : methods) {
    const char* name = m == 1 ? "none" : m == 2 ? "cephx" : "unknown";
    out += (out.empty() ? "" : ", ") + std::string(name);
  }
  return out.empty() ? "none" : out;
}

}  // namespace

client_handshake::client_handshake(handshake_params params, auth_handler& auth)
    : params_(std::move(params)), auth_(auth), codec_(crc_frame_codec(params_.limits)) {
  // The cookie must be non-zero on the wire, and both it and our address nonce identify this
  // client instance to the server, so they come from a good random source.
  while (params_.client_cookie == 0) params_.client_cookie = auth::random_u64();
  while (params_.addr_nonce == 0) params_.addr_nonce = static_cast<std::uint32_t>(auth::random_u64());
}

std::string_view client_handshake::stage() const noexcept {
  switch (step_) {
    case step::banner_prefix:
    case step::banner_payload: return "waiting for the server's banner";
    case step::done: return "connected";
    default: break;
  }
  switch (expect_) {
    case expect::hello: return "waiting for HELLO";
    case expect::auth_reply: return "waiting for AUTH_DONE";
    case expect::auth_signature: return "waiting for AUTH_SIGNATURE";
    case expect::server_ident: return "waiting for SERVER_IDENT";
  }
  return "";
}

error client_handshake::protocol_error(std::error_code code, std::string what) const {
  return error{code, fmt::format("{} ({}): {}", params_.target.to_string(), stage(), what)};
}

std::array<std::uint8_t, 32> client_handshake::sign(bytes_view bytes) const {
  // Without a session key (auth none) both sides send, and expect, 32 zero bytes.
  if (session_.session_key.empty()) return {};
  return auth::hmac_sha256(session_.session_key, bytes);
}

result<client_handshake::action> client_handshake::start() {
  const auto banner = encode_banner();
  action a;
  auto bytes = buffer::copy_of(bytes_view(banner.data(), banner.size()));
  tx_record_.insert(tx_record_.end(), banner.begin(), banner.end());
  a.write.append(std::move(bytes));
  a.read = banner_prefix_size;
  step_ = step::banner_prefix;
  return a;
}

client_handshake::action client_handshake::read_next_preamble(action a) {
  step_ = step::preamble;
  a.read = codec_.preamble_size();
  return a;
}

std::error_code client_handshake::send(tag t, buffer payload, action& out) {
  const std::array<buffer_list, 1> segments{buffer_list(std::move(payload))};
  buffer_list wire;
  if (auto ec = codec_.encode(t, segments, wire)) return ec;
  if (signing_) append(tx_record_, wire);
  out.write.append(wire);
  return {};
}

result<client_handshake::action> client_handshake::on_bytes(const buffer& bytes) {
  switch (step_) {
    case step::banner_prefix: {
      rx_record_.insert(rx_record_.end(), bytes.view().begin(), bytes.view().end());
      std::uint16_t payload_length = 0;
      if (auto ec = parse_banner_prefix(bytes.view(), payload_length))
        return protocol_error(ec, ec.message());
      step_ = step::banner_payload;
      action a;
      a.read = payload_length;
      return a;
    }
    case step::banner_payload: {
      rx_record_.insert(rx_record_.end(), bytes.view().begin(), bytes.view().end());
      banner_features peer;
      if (auto ec = parse_banner_payload(bytes.view(), our_banner_features, peer))
        return protocol_error(ec, ec.message());
      action a;
      hello_frame hello{static_cast<std::uint8_t>(entity_type::client), params_.target};
      if (auto ec = send(tag::hello, encode_payload(hello), a))
        return protocol_error(ec, "cannot encode HELLO");
      expect_ = expect::hello;
      return read_next_preamble(std::move(a));
    }
    case step::preamble: {
      std::size_t rest = 0;
      if (auto ec = codec_.on_preamble(bytes.view(), rest)) return protocol_error(ec, ec.message());
      if (rest > max_handshake_frame_size) {
        return protocol_error(make_error_code(errc::length_too_large),
                              fmt::format("the server announced a frame of {} bytes, too large "
                                          "for the handshake (at most {})",
                                          rest, max_handshake_frame_size));
      }
      pending_preamble_ = bytes;
      step_ = step::rest;
      action a;
      a.read = rest;
      if (rest > 0) return a;
      return on_bytes(buffer{});  // a frame that is all preamble (e.g. an empty segment)
    }
    case step::rest: {
      if (signing_) {
        rx_record_.insert(rx_record_.end(), pending_preamble_.view().begin(), pending_preamble_.view().end());
        rx_record_.insert(rx_record_.end(), bytes.view().begin(), bytes.view().end());
      }
      frame f;
      if (auto ec = codec_.on_rest(bytes, f)) {
        if (ec == msgr_errc::frame_aborted) return read_next_preamble();
        return protocol_error(ec, ec.message());
      }
      return on_frame(f);
    }
    case step::done: break;
  }
  return protocol_error(make_error_code(msgr_errc::codec_misuse), "handshake already finished");
}

result<client_handshake::action> client_handshake::on_frame(const frame& f) {
  if (f.tag == tag::wait) {
    return protocol_error(make_error_code(msgr_errc::server_wait), "server sent WAIT");
  }
  switch (expect_) {
    case expect::hello:
      if (f.tag == tag::hello) return on_hello(f);
      break;
    case expect::auth_reply:
      if (f.tag == tag::auth_reply_more) return on_auth_reply_more(f);
      if (f.tag == tag::auth_done) return on_auth_done(f);
      if (f.tag == tag::auth_bad_method) return fail_bad_method(f);
      break;
    case expect::auth_signature:
      if (f.tag == tag::auth_signature) return on_auth_signature(f);
      break;
    case expect::server_ident:
      if (f.tag == tag::server_ident) return on_server_ident(f);
      if (f.tag == tag::ident_missing_features) {
        auto missing = decode_payload<ident_missing_features_frame>(f, "IDENT_MISSING_FEATURES");
        if (!missing) return missing.err();
        return protocol_error(make_error_code(msgr_errc::missing_features),
                              fmt::format("server requires features we lack: {}",
                                          feature::describe_bits(missing->missing)));
      }
      break;
  }
  return protocol_error(make_error_code(msgr_errc::unexpected_frame),
                        fmt::format("unexpected {} frame", to_string(f.tag)));
}

result<client_handshake::action> client_handshake::on_hello(const frame& f) {
  auto hello = decode_payload<hello_frame>(f, "HELLO");
  if (!hello) return hello.err();
  if (hello->entity_type != static_cast<std::uint8_t>(params_.peer_type)) {
    return protocol_error(make_error_code(msgr_errc::wrong_peer_type),
                          fmt::format("expected a {} but the peer is a {}", to_string(params_.peer_type),
                                      to_string(static_cast<entity_type>(hello->entity_type))));
  }
  // What the server sees as our address becomes the one we announce, with port 0 and our
  // own nonce: a client has no port anyone could connect back to.
  my_addr_ = hello->peer_addr;
  my_addr_.type = addr_type::any;
  my_addr_.nonce = params_.addr_nonce;
  my_addr_.set_port(0);

  auto payload = auth_.request();
  if (!payload) return payload.err();
  auth_request_frame request{auth_.method(), {}, std::move(*payload)};
  for (auto m : params_.modes) request.preferred_modes.push_back(static_cast<std::uint32_t>(m));
  action a;
  if (auto ec = send(tag::auth_request, encode_payload(request), a))
    return protocol_error(ec, "cannot encode AUTH_REQUEST");
  expect_ = expect::auth_reply;
  return read_next_preamble(std::move(a));
}

result<client_handshake::action> client_handshake::on_auth_reply_more(const frame& f) {
  auto more = decode_payload<auth_more_frame>(f, "AUTH_REPLY_MORE");
  if (!more) return more.err();
  auto answer = auth_.answer(more->payload.view());
  if (!answer) return error{answer.err().code, fmt::format("{}: {}", params_.target.to_string(), answer.err().what())};
  action a;
  if (auto ec = send(tag::auth_request_more, encode_payload(auth_more_frame{std::move(*answer)}), a))
    return protocol_error(ec, "cannot encode AUTH_REQUEST_MORE");
  return read_next_preamble(std::move(a));
}

result<client_handshake::action> client_handshake::fail_bad_method(const frame& f) {
  auto bad = decode_payload<auth_bad_method_frame>(f, "AUTH_BAD_METHOD");
  if (!bad) return bad.err();
  std::error_code code = make_error_code(msgr_errc::auth_bad_method);
  if (bad->result < 0) code = std::error_code(-bad->result, std::generic_category());
  return protocol_error(code, fmt::format(
      "server refused auth method {} ({}); it allows methods [{}] and modes [{}]",
      list_methods({static_cast<std::uint32_t>(bad->method)}),
      bad->result < 0 ? std::error_code(-bad->result, std::generic_category()).message() : "refused",
      list_methods(bad->allowed_methods), list_modes(bad->allowed_modes)));
}

result<client_handshake::action> client_handshake::on_auth_done(const frame& f) {
  auto done = decode_payload<auth_done_frame>(f, "AUTH_DONE");
  if (!done) return done.err();
  const bool offered = std::find(params_.modes.begin(), params_.modes.end(), done->mode) != params_.modes.end();
  if (!offered) {
    return protocol_error(make_error_code(msgr_errc::auth_bad_method),
                          fmt::format("server chose connection mode {} which we did not offer",
                                      mode_name(static_cast<std::uint32_t>(done->mode))));
  }
  auto outcome = auth_.done(done->global_id, done->mode, done->payload.view());
  if (!outcome) return error{outcome.err().code, fmt::format("{}: {}", params_.target.to_string(), outcome.err().what())};
  session_ = std::move(*outcome);
  global_id_ = done->global_id;
  mode_ = done->mode;

  // Everything received so far is what our signature covers; from here on nothing more
  // is recorded.
  const auto signature = sign(bytes_view(rx_record_));
  signing_ = false;
  if (mode_ == con_mode::secure) {
    secure_session_keys keys;
    if (auto ec = session_keys_from_secret(session_.connection_secret, connection_side::client, keys))
      return protocol_error(ec, "secure mode chosen but the connection secret is unusable");
    codec_ = secure_frame_codec(keys, params_.limits);
  }
  action a;
  if (auto ec = send(tag::auth_signature, buffer::copy_of(bytes_view(signature)), a))
    return protocol_error(ec, "cannot encode AUTH_SIGNATURE");
  expect_ = expect::auth_signature;
  return read_next_preamble(std::move(a));
}

result<client_handshake::action> client_handshake::on_auth_signature(const frame& f) {
  const auto expected = sign(bytes_view(tx_record_));
  const auto got = f.segments[0].view();
  if (got.size() != expected.size() || !std::equal(got.begin(), got.end(), expected.begin())) {
    return protocol_error(make_error_code(msgr_errc::bad_signature),
                          "the server's signature over our handshake does not match");
  }
  client_ident_frame ident;
  ident.addrs.addrs.push_back(my_addr_);
  ident.target = params_.target;
  ident.gid = static_cast<std::int64_t>(global_id_);
  ident.global_seq = params_.global_seq;
  ident.supported_features = params_.supported_features;
  ident.required_features = params_.required_features;
  ident.flags = ident_flag_lossy;
  ident.client_cookie = params_.client_cookie;
  action a;
  if (auto ec = send(tag::client_ident, encode_payload(ident), a))
    return protocol_error(ec, "cannot encode CLIENT_IDENT");
  expect_ = expect::server_ident;
  return read_next_preamble(std::move(a));
}

result<client_handshake::action> client_handshake::on_server_ident(const frame& f) {
  auto ident = decode_payload<server_ident_frame>(f, "SERVER_IDENT");
  if (!ident) return ident.err();
  const auto missing = ident->required_features & ~params_.supported_features;
  if (missing) {
    return protocol_error(make_error_code(msgr_errc::missing_features),
                          fmt::format("server requires features we lack: {}",
                                      feature::describe_bits(missing)));
  }
  server_ = std::move(*ident);
  step_ = step::done;
  action a;
  a.done = true;
  return a;
}

handshake_outcome client_handshake::take_outcome() {
  return handshake_outcome{std::move(codec_), mode_, global_id_, my_addr_, std::move(server_)};
}

}  // namespace radosio::msgr
