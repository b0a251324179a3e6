#include "auth/cephx_ticket_reply.h"

#include <string>

#include <fmt/format.h>

#include "auth/cephx_envelope.h"
#include "auth/cephx_types.h"

namespace radosio::auth {
namespace {

// le32 service_id, u8 version, le32 length, u8 ticket_enc, le32 length.
constexpr std::size_t min_entry_size = 4 + 1 + 4 + 1 + 4;

std::string service_name(std::uint32_t service_id) {
  return std::string(to_string(static_cast<entity_type>(service_id)));
}

// Ceph reads the ticket blob from its bufferlist and ignores anything after it; so do we.
result<cephx_ticket_blob> decode_ticket_blob(bytes_view bytes, const char* what) {
  wire::decoder d(bytes, what);
  cephx_ticket_blob blob;
  decode(d, blob);
  if (!d.ok()) return decode_error(d);
  return blob;
}

result<cephx_ticket_blob> decrypt_ticket_blob(const crypto_key& old_session_key,
                                              bytes_view ciphertext, const std::string& service) {
  const auto what = fmt::format("{} ticket encrypted with the old session key", service);
  auto plain = envelope_decrypt(old_session_key, ciphertext, what);
  if (!plain) return plain.err();
  // Inside the envelope the ticket is once more a bufferlist.
  wire::decoder d(plain.value(), "encrypted ticket");
  buffer ticket_bytes;
  decode(d, ticket_bytes);
  if (!d.ok()) return decode_error(d);
  return decode_ticket_blob(ticket_bytes.view(), "encrypted ticket blob");
}

result<service_ticket> decode_one(wire::decoder& d, const ticket_reply_keys& keys,
                                  ticket_clock::time_point received) {
  std::uint32_t service_id = 0;
  std::uint8_t entry_version = 0;
  buffer granted_ciphertext;
  std::uint8_t ticket_enc = 0;
  buffer ticket_bytes;
  decode(d, service_id);
  decode(d, entry_version);
  decode(d, granted_ciphertext);
  decode(d, ticket_enc);
  decode(d, ticket_bytes);
  if (!d.ok()) return decode_error(d);

  const auto service = service_name(service_id);
  const auto what = fmt::format("session key for {}", service);
  auto granted = envelope_decrypt_value<cephx_service_ticket>(
      keys.blob_key, granted_ciphertext.view(), what.c_str());
  if (!granted) return granted.err();
  if (auto bad = check_cephx_key(granted->session_key, what)) return std::move(*bad);

  service_ticket ticket;
  ticket.service = static_cast<entity_type>(service_id);
  ticket.session_key = std::move(granted->session_key);
  set_lifetime(ticket, granted->validity, received);

  if (ticket_enc != 0) {
    if (!keys.old_session_key)
      return make_error(auth_errc::unexpected_reply,
                        fmt::format("the {} ticket is encrypted with an old session key, "
                                    "but we presented no old ticket",
                                    service));
    auto blob = decrypt_ticket_blob(*keys.old_session_key, ticket_bytes.view(), service);
    if (!blob) return blob.err();
    ticket.ticket = std::move(blob.value());
  } else {
    auto blob = decode_ticket_blob(ticket_bytes.view(), "ticket blob");
    if (!blob) return blob.err();
    ticket.ticket = std::move(blob.value());
  }
  return ticket;
}

}  // namespace

result<std::vector<service_ticket>> decode_ticket_reply(wire::decoder& d,
                                                        const ticket_reply_keys& keys,
                                                        ticket_clock::time_point received) {
  std::uint8_t version = 0;
  decode(d, version);
  const auto count = d.read_count(min_entry_size, "ticket_reply");
  if (!d.ok()) return decode_error(d);
  std::vector<service_ticket> tickets;
  tickets.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    auto ticket = decode_one(d, keys, received);
    if (!ticket) return ticket.err();
    tickets.push_back(std::move(ticket.value()));
  }
  return tickets;
}

}  // namespace radosio::auth
