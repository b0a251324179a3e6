#include "auth/cephx_renewal.h"

#include <fmt/format.h>

#include "auth/cephx_authorizer.h"
#include "auth/cephx_ticket_reply.h"
#include "auth/cephx_types.h"

namespace radosio::auth {
namespace {
constexpr auto get_principal_session_key =
    static_cast<std::uint16_t>(cephx_request::get_principal_session_key);
}  // namespace

result<std::vector<std::uint8_t>> ticket_renewal_request(const service_ticket& auth_ticket,
                                                         std::uint64_t global_id,
                                                         std::uint32_t services,
                                                         std::uint64_t nonce) {
  if (auth_ticket.service != entity_type::auth)
    return make_error(auth_errc::no_ticket,
                      fmt::format("ticket renewal needs the AUTH ticket, not the {} ticket",
                                  to_string(auth_ticket.service)));
  auto authorizer = cephx_authorizer::build(auth_ticket, global_id, nonce);
  if (!authorizer) return authorizer.err();
  wire::encoder e;
  encode(e, cephx_request_header{get_principal_session_key});
  e.write_bytes(authorizer->payload());
  encode(e, cephx_service_ticket_request{services});
  return e.bytes();
}

result<std::vector<service_ticket>> ticket_renewal_reply(const service_ticket& auth_ticket,
                                                         bytes_view result_bl,
                                                         ticket_clock::time_point now) {
  wire::decoder d(result_bl, "MAuthReply result");
  cephx_response_header header;
  decode(d, header);
  if (!d.ok()) return decode_error(d);
  if (header.request_type != get_principal_session_key)
    return make_error(auth_errc::unexpected_reply,
                      fmt::format("MAuthReply answers cephx request 0x{:04x}, not 0x{:04x}",
                                  header.request_type, get_principal_session_key));
  if (header.status != 0) return status_error(header.status, "mon refused service tickets");
  return decode_ticket_reply(d, {auth_ticket.session_key, nullptr}, now);
}

}  // namespace radosio::auth
