#include "messenger/connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <limits>
#include <vector>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "messenger/msgr_error.h"

namespace radosio::msgr {
namespace {

// A gathered write needs Asio buffers; segments stay where they are.
std::vector<asio::const_buffer> as_asio_buffers(const buffer_list& bytes) {
  std::vector<asio::const_buffer> out;
  out.reserve(bytes.segments().size());
  for (const auto& seg : bytes.segments()) out.emplace_back(seg.data(), seg.size());
  return out;
}

tcp::endpoint to_endpoint(const entity_addr& addr) {
  if (addr.family == family_inet6) {
    asio::ip::address_v6::bytes_type ip{};
    std::copy_n(addr.sockaddr_tail.begin() + 6, 16, ip.begin());
    return {asio::ip::address_v6(ip), addr.port()};
  }
  asio::ip::address_v4::bytes_type ip{};
  std::copy_n(addr.sockaddr_tail.begin() + 2, 4, ip.begin());
  return {asio::ip::address_v4(ip), addr.port()};
}

std::error_code translate(const boost::system::error_code& ec, bool timed_out) {
  if (timed_out) return make_error_code(msgr_errc::timed_out);
  // However the peer hung up (a clean close seen by a read, a reset, or a write into a
  // closed socket), it is the same event for us.
  if (ec == asio::error::eof || ec == asio::error::connection_reset ||
      ec == asio::error::broken_pipe || ec == asio::error::connection_aborted)
    return make_error_code(msgr_errc::connection_closed);
  return {ec.value(), std::generic_category()};
}

utime now_utime() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return {static_cast<std::uint32_t>(ts.tv_sec), static_cast<std::uint32_t>(ts.tv_nsec)};
}

buffer encoded(const keepalive_frame& k) {
  wire::encoder e;
  encode(e, k);
  return std::move(e).finish();
}

}  // namespace

asio::awaitable<result<std::shared_ptr<connection>>> connection::connect(
    asio::any_io_executor ex, handshake_params params, auth_handler& auth,
    std::chrono::milliseconds timeout) {
  const auto target = params.target;
  tcp::socket socket(ex);
  // The deadline closes the socket; whatever operation is pending then fails, and the flag
  // says why. Its handler may already be queued when we finish (cancel() cannot recall it),
  // so it only touches the socket while the attempt is still running.
  struct deadline_state {
    bool timed_out = false;
    bool finished = false;
  };
  auto state = std::make_shared<deadline_state>();
  asio::steady_timer deadline(ex, timeout);
  deadline.async_wait([&socket, state](boost::system::error_code ec) {
    if (ec || state->finished) return;
    state->timed_out = true;
    boost::system::error_code ignored;
    socket.close(ignored);
  });
  const auto finish = [&] {
    state->finished = true;
    deadline.cancel();
  };
  const auto timed_out = [&] { return state->timed_out; };

  client_handshake hs(std::move(params), auth);
  boost::system::error_code ec;
  co_await socket.async_connect(to_endpoint(target), asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    finish();
    co_return error{translate(ec, timed_out()),
                    fmt::format("cannot connect to {}: {}", target.to_string(),
                                timed_out() ? "timed out" : ec.message())};
  }
  socket.set_option(tcp::no_delay(true), ec);

  auto act = hs.start();
  while (act && !act->done) {
    if (!act->write.empty()) {
      co_await asio::async_write(socket, as_asio_buffers(act->write),
                                 asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
    }
    std::vector<std::uint8_t> bytes(act->read);
    co_await asio::async_read(socket, asio::buffer(bytes),
                              asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    act = hs.on_bytes(buffer::adopt(std::move(bytes)));
  }
  if (act && act->done && !act->write.empty()) {
    co_await asio::async_write(socket, as_asio_buffers(act->write),
                               asio::redirect_error(asio::use_awaitable, ec));
  }
  finish();
  if (!act) co_return act.err();
  if (ec) {
    co_return error{translate(ec, timed_out()),
                    fmt::format("{} ({}): {}", target.to_string(), hs.stage(),
                                timed_out() ? "timed out" : translate(ec, false).message())};
  }
  auto outcome = hs.take_outcome();
  co_return std::shared_ptr<connection>(new connection(std::move(socket), std::move(outcome), target));
}

connection::connection(tcp::socket socket, handshake_outcome session, entity_addr peer)
    : socket_(std::move(socket)), session_(std::move(session)), peer_(std::move(peer)),
      last_received_(clock::now()) {}

connection::~connection() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

void connection::enqueue(tag t, std::span<const buffer_list> segments) {
  if (!open_) return;
  if (auto ec = session_.codec.encode(t, segments, queued_)) {
    fail(ec, fmt::format("cannot encode {} frame", to_string(t)));
    return;
  }
  // The write starts once the current handler has run, so every frame queued meanwhile (16
  // ops issued as 16 replies are handled, say) leaves in the same gathered sendmsg.
  if (writing_ || write_posted_) return;
  write_posted_ = true;
  asio::post(socket_.get_executor(), [self = shared_from_this()] {
    self->write_posted_ = false;
    self->start_write();
  });
}

void connection::send(message m) {
  m.header.seq = ++out_seq_;
  const auto segments = to_segments(m);
  enqueue(tag::message, segments);
}

void connection::send_keepalive() {
  const std::array<buffer_list, 1> segments{buffer_list(encoded(keepalive_frame{now_utime()}))};
  enqueue(tag::keepalive2, segments);
}

namespace {
// Asio's default completion conditions hand the socket at most 64 KiB per call: a 4 MiB
// payload took 64 sendmsg (or recv) calls, each waking the peer. Let each call take as much
// as the kernel accepts, as librados does (one sendmsg per 4 MiB message).
struct whole_transfers {
  std::size_t operator()(const boost::system::error_code& ec, std::size_t) const noexcept {
    return ec ? 0 : std::numeric_limits<std::size_t>::max();
  }
};
}  // namespace

void connection::start_write() {
  if (writing_ || queued_.empty() || !open_) return;
  writing_ = true;
  // Everything queued so far goes out in one gathered write; the list keeps the payload
  // buffers alive until the write completes.
  auto batch = std::make_shared<buffer_list>(std::move(queued_));
  queued_.clear();
  asio::async_write(socket_, as_asio_buffers(*batch), whole_transfers(),
                    [self = shared_from_this(), batch](boost::system::error_code ec, std::size_t) {
                      self->writing_ = false;
                      if (ec) {
                        self->fail(translate(ec, false), "write failed");
                        return;
                      }
                      self->start_write();
                    });
}

void connection::fail(std::error_code ec, std::string why) {
  if (!open_) return;
  open_ = false;
  failure_ = error{ec, fmt::format("connection to {}: {}: {}", peer_.to_string(), why, ec.message())};
  boost::system::error_code ignored;
  socket_.close(ignored);
}

void connection::close() {
  if (!open_) return;
  fail(make_error_code(msgr_errc::connection_closed), "closed");
  failure_.message = fmt::format("connection to {} closed by this client", peer_.to_string());
}

namespace {
// Frames up to this size are read through the inbox; larger ones (data payloads) go
// straight from the socket into their own buffer.
constexpr std::size_t inbox_capacity = 64 * 1024;
}  // namespace

asio::awaitable<bool> connection::fill_inbox(std::size_t n) {
  if (in_end_ - in_begin_ >= n) co_return true;
  if (inbox_.size() < inbox_capacity) inbox_.resize(inbox_capacity);
  if (in_begin_ > 0) {
    std::memmove(inbox_.data(), inbox_.data() + in_begin_, in_end_ - in_begin_);
    in_end_ -= in_begin_;
    in_begin_ = 0;
  }
  while (in_end_ < n) {
    boost::system::error_code ec;
    const std::size_t got = co_await socket_.async_read_some(
        asio::buffer(inbox_.data() + in_end_, inbox_.size() - in_end_), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      fail(translate(ec, false), "read failed");
      co_return false;
    }
    in_end_ += got;
  }
  co_return true;
}

asio::awaitable<result<frame>> connection::read_frame() {
  const std::size_t head_size = session_.codec.preamble_size();
  if (!co_await fill_inbox(head_size)) co_return failure_;
  std::size_t rest_size = 0;
  const bytes_view head(inbox_.data() + in_begin_, head_size);
  if (auto bad = session_.codec.on_preamble(head, rest_size)) {
    fail(bad, "bad frame preamble");
    co_return failure_;
  }
  in_begin_ += head_size;
  std::uint8_t* rest_data = nullptr;
  buffer rest = buffer::allocate(rest_size, rest_data);
  std::size_t have = std::min(rest_size, in_end_ - in_begin_);
  if (have) std::memcpy(rest_data, inbox_.data() + in_begin_, have);
  in_begin_ += have;
  if (have < rest_size) {
    const std::size_t missing = rest_size - have;
    if (missing <= inbox_capacity / 2) {
      if (!co_await fill_inbox(missing)) co_return failure_;
      std::memcpy(rest_data + have, inbox_.data() + in_begin_, missing);
      in_begin_ += missing;
    } else {
      boost::system::error_code ec;
      co_await asio::async_read(socket_, asio::buffer(rest_data + have, missing), whole_transfers(),
                                asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        fail(translate(ec, false), "read failed");
        co_return failure_;
      }
    }
  }
  frame f;
  if (auto bad = session_.codec.on_rest(rest, f)) {
    if (bad == msgr_errc::frame_aborted) co_return error{bad, "aborted frame"};
    fail(bad, "bad frame");
    co_return failure_;
  }
  last_received_ = clock::now();
  co_return f;
}

asio::awaitable<result<message>> connection::receive() {
  while (open_) {
    auto f = co_await read_frame();
    if (!f) {
      if (f.err().code == msgr_errc::frame_aborted && open_) continue;
      co_return failure_.code ? failure_ : f.err();
    }
    switch (f->tag) {
      case tag::message: {
        message m;
        if (auto ec = from_frame(*f, m)) {
          fail(ec, "malformed MESSAGE frame");
          co_return failure_;
        }
        // A lossy session never sees resends, but a peer must not go backwards either.
        if (m.header.seq <= in_seq_) continue;
        in_seq_ = m.header.seq;
        co_return m;
      }
      case tag::keepalive2: {
        keepalive_frame k;
        if (wire::decode_exact(f->segments[0].view(), k)) {
          fail(make_error_code(errc::malformed), "malformed KEEPALIVE2");
          co_return failure_;
        }
        const std::array<buffer_list, 1> segments{buffer_list(encoded(k))};
        enqueue(tag::keepalive2_ack, segments);
        continue;
      }
      case tag::keepalive2_ack:
      case tag::ack:
        continue;  // liveness is recorded by read_frame; lossy sessions keep no acks
      default:
        fail(make_error_code(msgr_errc::unexpected_frame),
             fmt::format("unexpected {} frame on an open session", to_string(f->tag)));
        co_return failure_;
    }
  }
  co_return failure_;
}

}  // namespace radosio::msgr
