#pragma once
// The ticket_reply structure the mon uses to hand out tickets, in AUTH_DONE (the AUTH
// ticket, then the extra service tickets) and in MAuthReply (renewed service tickets):
//
//   u8 1 | le32 n | n x { le32 service_id | u8 1
//                        | bufferlist envelope(blob_key){ CephXServiceTicket }
//                        | u8 ticket_enc
//                        | ticket_enc == 0: bufferlist{ CephXTicketBlob }
//                          ticket_enc == 1: bufferlist envelope(old session key){ bufferlist{
//                          CephXTicketBlob } } }
//
// blob_key is the client's secret for the AUTH ticket, and the AUTH session key for every
// ticket handed out under an existing AUTH ticket. ticket_enc is 1 only when the client
// reclaimed its global_id with a valid old AUTH ticket (protocol.md d.10): the new ticket is
// then encrypted with that old ticket's session key.

#include <vector>

#include "auth/auth_error.h"
#include "auth/crypto_key.h"
#include "auth/ticket_store.h"
#include "common/encoding/decoder.h"

namespace radosio::auth {

struct ticket_reply_keys {
  const crypto_key& blob_key;
  // Needed only if a ticket arrives with ticket_enc = 1; nullptr when there is none.
  const crypto_key* old_session_key = nullptr;
};

// Reads one ticket_reply from `d` and decrypts every ticket in it. Lifetimes start at
// `received`. On failure `d` may be left part-way through.
[[nodiscard]] result<std::vector<service_ticket>> decode_ticket_reply(
    wire::decoder& d, const ticket_reply_keys& keys, ticket_clock::time_point received);

}  // namespace radosio::auth
