#include <fmt/format.h>

#include "auth/cephx_authorizer.h"
#include "auth/cephx_client.h"
#include "auth/cephx_crypto.h"
#include "common/encoding/encoder.h"
#include "messenger/auth_handler.h"
#include "messenger/msgr_error.h"

namespace radosio::msgr {
namespace {

buffer to_buffer(std::vector<std::uint8_t>&& bytes) { return buffer::adopt(std::move(bytes)); }

std::vector<std::uint8_t> key_bytes(const auth::crypto_key& key) { return key.secret; }

}  // namespace

// ---- cephx to a monitor -------------------------------------------------------------------

struct cephx_mon_auth::state {
  explicit state(const options& o)
      : authenticator(auth::mon_authenticator::options{
            o.name, o.secret,
            o.wanted_services ? o.wanted_services : auth::default_wanted_services,
            o.previous_global_id, o.previous_auth_ticket}),
        client_challenge(o.client_challenge ? o.client_challenge : auth::random_u64()) {}

  auth::mon_authenticator authenticator;
  std::uint64_t client_challenge;
  std::optional<auth::mon_auth_outcome> outcome;
};

cephx_mon_auth::cephx_mon_auth(options opts) : state_(std::make_unique<state>(opts)) {}
cephx_mon_auth::~cephx_mon_auth() = default;

result<buffer> cephx_mon_auth::request() { return to_buffer(state_->authenticator.request()); }

result<buffer> cephx_mon_auth::answer(bytes_view reply_more) {
  auto more = state_->authenticator.answer_challenge(reply_more, state_->client_challenge);
  if (!more) return more.err();
  return to_buffer(std::move(more).value());
}

result<auth_outcome> cephx_mon_auth::done(std::uint64_t global_id, con_mode, bytes_view payload) {
  auto finished = state_->authenticator.finish(payload, auth::ticket_clock::now());
  if (!finished) return finished.err();
  global_id_ = global_id;
  state_->outcome = std::move(finished).value();
  return auth_outcome{key_bytes(state_->outcome->auth_ticket.session_key),
                      state_->outcome->connection_secret};
}

const auth::service_ticket& cephx_mon_auth::auth_ticket() const {
  return state_->outcome.value().auth_ticket;
}

const std::vector<auth::service_ticket>& cephx_mon_auth::service_tickets() const {
  return state_->outcome.value().service_tickets;
}

// ---- cephx authorizer to a service --------------------------------------------------------

struct cephx_authorizer_auth::state {
  std::optional<auth::cephx_authorizer> authorizer;
  std::optional<error> build_error;
};

cephx_authorizer_auth::cephx_authorizer_auth(const auth::service_ticket& ticket,
                                             std::uint64_t global_id, std::uint64_t nonce)
    : state_(std::make_unique<state>()) {
  auto built = auth::cephx_authorizer::build(ticket, global_id, nonce ? nonce : auth::random_u64());
  if (built) state_->authorizer.emplace(std::move(built).value());
  else state_->build_error = built.err();
}

cephx_authorizer_auth::~cephx_authorizer_auth() = default;

result<buffer> cephx_authorizer_auth::request() {
  if (state_->build_error) return *state_->build_error;
  return buffer::copy_of(bytes_view(state_->authorizer->payload()));
}

result<buffer> cephx_authorizer_auth::answer(bytes_view reply_more) {
  if (state_->build_error) return *state_->build_error;
  auto rebuilt = state_->authorizer->answer_challenge(reply_more);
  if (!rebuilt) return rebuilt.err();
  return to_buffer(std::move(rebuilt).value());
}

result<auth_outcome> cephx_authorizer_auth::done(std::uint64_t, con_mode, bytes_view payload) {
  if (state_->build_error) return *state_->build_error;
  auto secret = state_->authorizer->verify_reply(payload);
  if (!secret) return secret.err();
  return auth_outcome{key_bytes(state_->authorizer->session_key()), std::move(secret).value()};
}

// ---- none -------------------------------------------------------------------------------------

result<buffer> none_auth::request() {
  wire::encoder e;
  // To a monitor the payload says "this is a mon session"; to a service it is an authorizer
  // whose first byte (its version, 1) doubles as that mode byte.
  encode(e, to_mon_ ? auth::auth_mode_mon : std::uint8_t{1});
  encode(e, name_);
  encode(e, global_id_);
  return std::move(e).finish();
}

result<buffer> none_auth::answer(bytes_view) {
  return error{make_error_code(msgr_errc::unexpected_frame),
               "auth none takes one round, but the server asked for another"};
}

result<auth_outcome> none_auth::done(std::uint64_t global_id, con_mode, bytes_view) {
  global_id_ = global_id;
  return auth_outcome{};
}

}  // namespace radosio::msgr
