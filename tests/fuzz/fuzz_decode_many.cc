// libFuzzer target for the smaller value decoders that have no target of their own (one
// binary instead of one per type keeps the fuzz build short). The first input byte picks
// the type, the rest is its encoding; the property is fuzz_round_trip.h's. Seeds
// (seeds/decode_many/, written by seeds/make_seeds.py) are the real encodings from
// shared/corpus and the recorded sessions, prefixed with their type's index below.

#include <cstdint>

#include "auth/cephx_types.h"
#include "common/types/entity.h"
#include "common/types/pg.h"
#include "common/types/pg_pool.h"
#include "messenger/control_frames.h"
#include "monclient/mon_map.h"
#include "monclient/mon_messages.h"

#include "fuzz_round_trip.h"

namespace {

using namespace radosio;
using check = void (*)(const std::uint8_t*, std::size_t);

// Append only: the seed files name types by their index here.
constexpr check checks[] = {
    fuzz::check_round_trip<auth::cephx_server_challenge>,        // 0  CephXServerChallenge
    fuzz::check_round_trip<auth::cephx_request_header>,          // 1  CephXRequestHeader
    fuzz::check_round_trip<auth::cephx_response_header>,         // 2  CephXResponseHeader
    fuzz::check_round_trip<auth::cephx_service_ticket>,          // 3  CephXServiceTicket
    fuzz::check_round_trip<auth::auth_caps_info>,                // 4  AuthCapsInfo
    fuzz::check_round_trip<auth::cephx_authorize>,               // 5  CephXAuthorize
    fuzz::check_round_trip<auth::cephx_authorize_challenge>,     // 6  CephXAuthorizeChallenge
    fuzz::check_round_trip<auth::cephx_service_ticket_request>,  // 7  CephXServiceTicketRequest
    fuzz::check_round_trip<pool_snap_info>,                      // 8  pool_snap_info_t
    fuzz::check_round_trip<eversion>,                            // 9  eversion_t
    fuzz::check_round_trip<entity_num>,                          // 10 entity_name_t
    fuzz::check_round_trip<msgr::auth_request_frame>,            // 11 AUTH_REQUEST
    fuzz::check_round_trip<msgr::auth_more_frame>,               // 12 AUTH_REPLY_MORE / AUTH_REQUEST_MORE
    fuzz::check_round_trip<msgr::client_ident_frame>,            // 13 CLIENT_IDENT
    fuzz::check_round_trip<msgr::ident_missing_features_frame>,  // 14 IDENT_MISSING_FEATURES
    fuzz::check_round_trip<msgr::keepalive_frame>,               // 15 KEEPALIVE2 / KEEPALIVE2_ACK
    fuzz::check_round_trip<mon::mon_info>,                       // 16 mon_info_t
    fuzz::check_round_trip<mon::paxos_header>,                   // 17 PaxosServiceMessage header
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  checks[data[0] % std::size(checks)](data + 1, size - 1);
  return 0;
}
