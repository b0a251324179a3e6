#pragma once
// Service ticket renewal on an open mon session (protocol.md b.8, MAuth / MAuthReply with
// CEPHX_GET_PRINCIPAL_SESSION_KEY). The monclient wraps the payload in MAuth and hands back
// MAuthReply's result_bl after checking its `result`.
//
//   MAuth auth_payload = le16 0x0200 | authorizer for the AUTH ticket (no challenge round)
//                        | CephXServiceTicketRequest{ services }
//   result_bl          = CephXResponseHeader | ticket_reply (session keys under the AUTH
//                        session key, tickets unencrypted)
//
// The AUTH ticket itself is not renewed this way: the client authenticates again
// (mon_authenticator with the previous ticket) before it expires.

#include <cstdint>
#include <vector>

#include "auth/auth_error.h"
#include "auth/ticket_store.h"
#include "common/buffer.h"

namespace radosio::auth {

// MAuth auth_payload asking for tickets for `services` (an entity_type mask) on the strength
// of `auth_ticket`. `nonce` is random in production; the mon sends no proof back for it.
[[nodiscard]] result<std::vector<std::uint8_t>> ticket_renewal_request(
    const service_ticket& auth_ticket, std::uint64_t global_id, std::uint32_t services,
    std::uint64_t nonce);

// The tickets in MAuthReply's result_bl. Lifetimes start at `now`. A non-zero status in the
// response header (the mon found none of the services' keys) is an error.
[[nodiscard]] result<std::vector<service_ticket>> ticket_renewal_reply(
    const service_ticket& auth_ticket, bytes_view result_bl, ticket_clock::time_point now);

}  // namespace radosio::auth
