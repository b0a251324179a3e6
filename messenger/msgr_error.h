#pragma once
// Errors of the msgr2 framing layer. Checksums, truncation and oversized lengths reuse the
// generic radosio::errc codes (bad_crc, truncated, length_too_large) so that callers can treat
// them like any other decode failure; what is specific to msgr2 lives here.
//
// Every one of these ends the connection except frame_aborted, which only drops the frame
// (the codec stays in step with the peer, so the reader may go on to the next preamble).

#include <system_error>

namespace radosio::msgr {

enum class msgr_errc {
  ok = 0,
  not_msgr2,              // the peer's first bytes are not a Ceph banner at all
  msgr1_peer,             // the peer sent the msgr1 banner "ceph v027"
  bad_banner,             // a msgr2 banner whose payload cannot be decoded
  missing_features,       // the peer requires msgr2 features we do not implement
  no_revision_1,          // the peer does not support msgr2.1 (we do not speak 2.0)
  bad_segment_count,      // num_segments outside 1..4
  unknown_tag,            // a frame tag that msgr2 does not define
  bad_preamble,           // a preamble that breaks a framing rule (empty last segment, flags)
  bad_late_status,        // an epilogue whose late_status is neither complete nor aborted
  frame_aborted,          // the sender aborted this frame; drop it and read the next one
  auth_failed,            // AES-GCM tag mismatch: the frame was altered or keys disagree
  out_of_nonces,          // the GCM counter came back to its first value
  bad_connection_secret,  // a connection secret too short to hold the key and two nonces
  crypto_failure,         // OpenSSL refused an operation (not the peer's doing)
  codec_misuse,           // on_rest() without on_preamble(), or bytes of the wrong size
  not_a_message,          // a MESSAGE was expected but the frame has another tag
  unexpected_frame,       // a frame the handshake does not allow at this point
  bad_signature,          // the peer's AUTH_SIGNATURE does not match what we sent
  wrong_peer_type,        // we reached a daemon of another kind than we meant to
  auth_bad_method,        // the server refused our auth method or connection modes
  server_wait,            // the server asked us to back off and retry (WAIT)
  connection_closed,      // the peer closed the connection
  timed_out,              // the peer did not answer in time
};

const std::error_category& msgr_category() noexcept;

inline std::error_code make_error_code(msgr_errc e) noexcept {
  return {static_cast<int>(e), msgr_category()};
}

}  // namespace radosio::msgr

template <>
struct std::is_error_code_enum<radosio::msgr::msgr_errc> : std::true_type {};
