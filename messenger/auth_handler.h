#pragma once
// What the msgr2 handshake needs from an authentication method: the payloads of
// AUTH_REQUEST / AUTH_REQUEST_MORE, and at AUTH_DONE the session key that signs the
// handshake plus the connection secret for secure mode.
//
// An interface (rather than a variant) because the methods live in the auth layer and are
// chosen per connection by the monitor client or the objecter; the handshake calls it at
// most three times per connection, so the indirection costs nothing that matters.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "auth/crypto_key.h"
#include "auth/ticket_store.h"
#include "common/buffer.h"
#include "common/result.h"
#include "common/types/entity.h"
#include "messenger/control_frames.h"

namespace radosio::msgr {

struct auth_outcome {
  std::vector<std::uint8_t> session_key;  // signs the handshake; empty for auth none
  std::vector<std::uint8_t> connection_secret;  // 64 bytes in secure mode, else empty
};

class auth_handler {
 public:
  virtual ~auth_handler() = default;
  [[nodiscard]] virtual auth_method method() const = 0;
  // The AUTH_REQUEST payload.
  [[nodiscard]] virtual result<buffer> request() = 0;
  // The AUTH_REQUEST_MORE payload answering an AUTH_REPLY_MORE payload.
  [[nodiscard]] virtual result<buffer> answer(bytes_view reply_more) = 0;
  // Checks the AUTH_DONE payload and yields the keys of the session.
  [[nodiscard]] virtual result<auth_outcome> done(std::uint64_t global_id, con_mode mode,
                                                  bytes_view payload) = 0;
};

// CephX against a monitor: yields the AUTH ticket, service tickets and the global id,
// available from `outcome()` once the handshake has finished.
class cephx_mon_auth final : public auth_handler {
 public:
  struct options {
    entity_name name;
    auth::crypto_key secret;  // never logged
    std::uint32_t wanted_services = 0;  // 0: mon, osd and mgr
    std::uint64_t previous_global_id = 0;
    std::optional<auth::service_ticket> previous_auth_ticket;
    std::uint64_t client_challenge = 0;  // 0: random
  };
  explicit cephx_mon_auth(options opts);
  ~cephx_mon_auth() override;

  [[nodiscard]] auth_method method() const override { return auth_method::cephx; }
  [[nodiscard]] result<buffer> request() override;
  [[nodiscard]] result<buffer> answer(bytes_view reply_more) override;
  [[nodiscard]] result<auth_outcome> done(std::uint64_t global_id, con_mode mode,
                                          bytes_view payload) override;

  // After done(): the tickets the monitor granted.
  [[nodiscard]] const auth::service_ticket& auth_ticket() const;
  [[nodiscard]] const std::vector<auth::service_ticket>& service_tickets() const;
  [[nodiscard]] std::uint64_t global_id() const noexcept { return global_id_; }

 private:
  struct state;
  std::unique_ptr<state> state_;
  std::uint64_t global_id_ = 0;
};

// CephX authorizer: presents a service ticket to an OSD or MGR.
class cephx_authorizer_auth final : public auth_handler {
 public:
  cephx_authorizer_auth(const auth::service_ticket& ticket, std::uint64_t global_id,
                        std::uint64_t nonce = 0 /* 0: random */);
  ~cephx_authorizer_auth() override;

  [[nodiscard]] auth_method method() const override { return auth_method::cephx; }
  [[nodiscard]] result<buffer> request() override;
  [[nodiscard]] result<buffer> answer(bytes_view reply_more) override;
  [[nodiscard]] result<auth_outcome> done(std::uint64_t global_id, con_mode mode,
                                          bytes_view payload) override;

 private:
  struct state;
  std::unique_ptr<state> state_;
};

// auth "none": names itself and is believed. For clusters run with auth none.
class none_auth final : public auth_handler {
 public:
  // `to_mon`: the request carries AUTH_MODE_MON; to a service it is an authorizer.
  none_auth(entity_name name, std::uint64_t global_id, bool to_mon)
      : name_(std::move(name)), global_id_(global_id), to_mon_(to_mon) {}

  [[nodiscard]] auth_method method() const override { return auth_method::none; }
  [[nodiscard]] result<buffer> request() override;
  [[nodiscard]] result<buffer> answer(bytes_view reply_more) override;
  [[nodiscard]] result<auth_outcome> done(std::uint64_t global_id, con_mode mode,
                                          bytes_view payload) override;
  [[nodiscard]] std::uint64_t global_id() const noexcept { return global_id_; }

 private:
  entity_name name_;
  std::uint64_t global_id_;
  bool to_mon_;
};

}  // namespace radosio::msgr
