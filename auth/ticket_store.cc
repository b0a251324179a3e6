#include "auth/ticket_store.h"

#include <fmt/format.h>

namespace radosio::auth {

void set_lifetime(service_ticket& ticket, utime validity, ticket_clock::time_point received) {
  ticket.validity = validity;
  const auto duration = std::chrono::duration_cast<ticket_clock::duration>(
      std::chrono::seconds(validity.sec) + std::chrono::nanoseconds(validity.nsec));
  ticket.expires = received + duration;
  ticket.renew_after = ticket.expires - duration / 4;
}

void ticket_store::put(service_ticket ticket) {
  const auto service = ticket.service;
  tickets_.insert_or_assign(service, std::move(ticket));
}

void ticket_store::put(std::vector<service_ticket> tickets) {
  for (auto& t : tickets) put(std::move(t));
}

const service_ticket* ticket_store::find(entity_type service) const {
  const auto it = tickets_.find(service);
  return it == tickets_.end() ? nullptr : &it->second;
}

result<const service_ticket*> ticket_store::valid(entity_type service,
                                                  ticket_clock::time_point now) const {
  const auto* ticket = find(service);
  if (!ticket)
    return make_error(auth_errc::no_ticket,
                      fmt::format("no cephx ticket for {}", to_string(service)));
  if (ticket->expired(now))
    return make_error(auth_errc::ticket_expired,
                      fmt::format("the cephx ticket for {} has expired", to_string(service)));
  return ticket;
}

bool ticket_store::needs_renewal(entity_type service, ticket_clock::time_point now) const {
  const auto* ticket = find(service);
  return !ticket || ticket->needs_renewal(now);
}

std::uint32_t ticket_store::needing_renewal(std::uint32_t wanted,
                                            ticket_clock::time_point now) const {
  std::uint32_t due = 0;
  for (std::uint32_t bit = 1; bit != 0 && bit <= wanted; bit <<= 1) {
    if ((wanted & bit) && needs_renewal(static_cast<entity_type>(bit), now)) due |= bit;
  }
  return due;
}

}  // namespace radosio::auth
