#pragma once
// Tickets as a client holds them: one per service (AUTH, MON, OSD, MGR), each with its
// session key, the opaque ticket blob to present, and when it must be renewed.
//
// Lifetimes are measured on a monotonic clock from the moment the reply arrived: the mon
// grants a *duration* (CephXServiceTicket.validity), not a wall-clock expiry, so the local
// wall clock being wrong or stepped does not matter. Functions take `now` as a parameter so
// tests control time.

#include <chrono>
#include <cstdint>
#include <map>
#include <vector>

#include "auth/auth_error.h"
#include "auth/cephx_types.h"
#include "auth/crypto_key.h"
#include "common/types/basic.h"
#include "common/types/entity.h"

namespace radosio::auth {

using ticket_clock = std::chrono::steady_clock;

struct service_ticket {
  entity_type service = entity_type::auth;
  crypto_key session_key;  // secret: never logged
  cephx_ticket_blob ticket;
  utime validity;  // as granted by the mon
  ticket_clock::time_point expires{};
  ticket_clock::time_point renew_after{};

  [[nodiscard]] std::uint64_t secret_id() const noexcept { return ticket.secret_id; }
  [[nodiscard]] bool expired(ticket_clock::time_point now) const noexcept { return now >= expires; }
  // Renew once three quarters of the validity have passed, as librados and the kernel do:
  // early enough that a slow mon does not let the ticket lapse.
  [[nodiscard]] bool needs_renewal(ticket_clock::time_point now) const noexcept {
    return now >= renew_after;
  }
};

// Sets `expires` and `renew_after` for a ticket received at `received` with `validity`.
void set_lifetime(service_ticket& ticket, utime validity, ticket_clock::time_point received);

class ticket_store {
 public:
  // Adds or replaces the ticket for its service.
  void put(service_ticket ticket);
  void put(std::vector<service_ticket> tickets);
  void erase(entity_type service) { tickets_.erase(service); }
  void clear() noexcept { tickets_.clear(); }

  // The ticket for `service`, expired or not; nullptr if none.
  [[nodiscard]] const service_ticket* find(entity_type service) const;
  // The ticket for `service` if it is still valid at `now`; else no_ticket or ticket_expired.
  [[nodiscard]] result<const service_ticket*> valid(entity_type service,
                                                    ticket_clock::time_point now) const;

  // True if there is no ticket for `service` or it is due for renewal at `now`.
  [[nodiscard]] bool needs_renewal(entity_type service, ticket_clock::time_point now) const;

  // Of the services in `wanted` (an entity_type mask), those with no ticket or one due for
  // renewal at `now`: the mask to ask the mon for.
  [[nodiscard]] std::uint32_t needing_renewal(std::uint32_t wanted,
                                              ticket_clock::time_point now) const;

  [[nodiscard]] std::size_t size() const noexcept { return tickets_.size(); }

 private:
  std::map<entity_type, service_ticket> tickets_;
};

}  // namespace radosio::auth
