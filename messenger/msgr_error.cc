#include "messenger/msgr_error.h"

#include <string>

namespace radosio::msgr {
namespace {

class category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "radosio.msgr"; }
  std::string message(int code) const override {
    switch (static_cast<msgr_errc>(code)) {
      case msgr_errc::ok:
        return "success";
      case msgr_errc::not_msgr2:
        return "not a Ceph msgr2 peer";
      case msgr_errc::msgr1_peer:
        return "peer speaks only the legacy msgr1 protocol; msgr2 (v2 address, port 3300) is "
               "required";
      case msgr_errc::bad_banner:
        return "malformed msgr2 banner";
      case msgr_errc::missing_features:
        return "peer requires msgr2 features we do not support";
      case msgr_errc::no_revision_1:
        return "peer does not support msgr2.1";
      case msgr_errc::bad_segment_count:
        return "frame segment count outside 1..4";
      case msgr_errc::unknown_tag:
        return "unknown msgr2 frame tag";
      case msgr_errc::bad_preamble:
        return "malformed msgr2 frame preamble";
      case msgr_errc::bad_late_status:
        return "bad frame epilogue late_status";
      case msgr_errc::frame_aborted:
        return "frame aborted by the sender";
      case msgr_errc::auth_failed:
        return "secure frame failed authentication";
      case msgr_errc::out_of_nonces:
        return "AES-GCM nonce counter exhausted";
      case msgr_errc::bad_connection_secret:
        return "connection secret too short for secure mode";
      case msgr_errc::crypto_failure:
        return "AES-GCM operation failed";
      case msgr_errc::codec_misuse:
        return "frame codec called out of order or with the wrong size";
      case msgr_errc::not_a_message:
        return "frame is not a MESSAGE";
      case msgr_errc::unexpected_frame:
        return "unexpected frame during the handshake";
      case msgr_errc::bad_signature:
        return "peer's handshake signature does not match";
      case msgr_errc::wrong_peer_type:
        return "peer is not the kind of daemon expected";
      case msgr_errc::auth_bad_method:
        return "server refused the authentication method or connection mode";
      case msgr_errc::server_wait:
        return "server asked the client to wait and retry";
      case msgr_errc::connection_closed:
        return "connection closed by peer";
      case msgr_errc::timed_out:
        return "timed out";
    }
    return "unknown msgr error " + std::to_string(code);
  }
};

}  // namespace

const std::error_category& msgr_category() noexcept {
  static const category instance;
  return instance;
}

}  // namespace radosio::msgr
