#pragma once
// One msgr2.1 client connection over TCP, driven by Boost.Asio coroutines.
//
// connect() opens the socket and runs client_handshake; afterwards the connection carries
// messages both ways. Sessions are lossy: any fault (a bad frame, a reset, a timeout) ends
// the connection for good and its owner opens a new one. Everything runs on the executor the
// connection was made on; there are no locks and no threads of its own.
//
// Writes are queued and written by one writer at a time, several frames per gathered write,
// payload buffers never copied. Reads are done by whoever calls receive(), one caller at a
// time; keepalives are answered inside receive().

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <deque>
#include <memory>
#include <string>

#include "common/buffer.h"
#include "common/result.h"
#include "messenger/auth_handler.h"
#include "messenger/client_handshake.h"
#include "messenger/frame_codec.h"
#include "messenger/message_header.h"

namespace radosio::msgr {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

class connection : public std::enable_shared_from_this<connection> {
 public:
  using clock = std::chrono::steady_clock;

  // Connects to params.target and authenticates with `auth` (which must live until this
  // returns). Fails with timed_out after `timeout`, with a message naming the peer and the
  // handshake stage reached.
  static asio::awaitable<result<std::shared_ptr<connection>>> connect(
      asio::any_io_executor ex, handshake_params params, auth_handler& auth,
      std::chrono::milliseconds timeout);

  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  // Queues a message; it gets the next sequence number. Never blocks. A write failure closes
  // the connection, which the reader then sees.
  void send(message m);
  // Queues a KEEPALIVE2 (the peer answers with KEEPALIVE2_ACK, which updates last_received()).
  void send_keepalive();

  // The next message from the peer. Fails when the connection faults or is closed; after
  // that every call fails. One caller at a time.
  asio::awaitable<result<message>> receive();

  // Ends the connection: pending and future operations fail with connection_closed.
  void close();
  [[nodiscard]] bool is_open() const noexcept { return open_; }

  [[nodiscard]] const handshake_outcome& session() const noexcept { return session_; }
  [[nodiscard]] const entity_addr& peer() const noexcept { return peer_; }
  // When a frame (any frame, keepalive acks included) last arrived: for liveness checks.
  [[nodiscard]] clock::time_point last_received() const noexcept { return last_received_; }

 private:
  connection(tcp::socket socket, handshake_outcome session, entity_addr peer);

  void enqueue(tag t, std::span<const buffer_list> segments);
  void start_write();
  void fail(std::error_code ec, std::string why);
  asio::awaitable<result<frame>> read_frame();
  // Makes `n` bytes (n <= inbox capacity) available at inbox_[in_begin_, ...), reading as much
  // as the socket holds; false (and the connection failed) on a read error.
  asio::awaitable<bool> fill_inbox(std::size_t n);

  tcp::socket socket_;
  handshake_outcome session_;
  entity_addr peer_;
  bool open_ = true;
  error failure_;
  std::uint64_t out_seq_ = 0;
  std::uint64_t in_seq_ = 0;
  buffer_list queued_;         // frames waiting for the writer
  bool writing_ = false;
  bool write_posted_ = false;  // a start_write is queued on the executor
  // Bytes read ahead of the frame being parsed: one read takes in every small frame the
  // socket holds (e.g. a burst of op replies) instead of two syscalls per frame.
  std::vector<std::uint8_t> inbox_;
  std::size_t in_begin_ = 0;
  std::size_t in_end_ = 0;
  clock::time_point last_received_;
};

}  // namespace radosio::msgr
