// libFuzzer target: what a monitor or OSD sends back during CephX (AUTH_DONE payloads,
// authorizer replies and challenges, MAuthReply ticket lists), decrypted with fixed keys.
// Garbage must be refused with an error, never crash or read out of bounds.

#include <cstdint>

#include "auth/cephx_authorizer.h"
#include "auth/cephx_client.h"
#include "auth/cephx_renewal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace radosio;
  auth::crypto_key key;
  key.secret.assign(16, 0x42);
  const bytes_view input(data, size);
  const auto now = auth::ticket_clock::now();

  auth::mon_authenticator mon({entity_name{entity_type::client, "admin"}, key});
  (void)mon.finish(input, now);
  (void)mon.answer_challenge(input, 1);

  auth::service_ticket ticket;
  ticket.service = entity_type::osd;
  ticket.session_key = key;
  ticket.ticket.secret_id = 1;
  if (auto authorizer = auth::cephx_authorizer::build(ticket, 1, 7)) {
    (void)authorizer->answer_challenge(input);
    (void)authorizer->verify_reply(input);
  }
  (void)auth::ticket_renewal_reply(ticket, input, now);
  return 0;
}
