// A hostile peer on loopback: whatever it sends (garbage, a msgr1 banner, truncated frames,
// bad crcs, absurd lengths, a forged signature, silence), connecting must end in a clear
// error within the timeout, never a crash, a hang or a huge allocation.

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <functional>
#include <random>
#include <thread>

#include "auth/cephx_crypto.h"
#include "common/crc32c.h"
#include "messenger/banner.h"
#include "messenger/connection.h"
#include "messenger/crc_frame_codec.h"
#include "messenger/msgr_error.h"

namespace radosio::msgr {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// Runs `script` on the server side of one connection, in a thread with blocking sockets.
class hostile_server {
 public:
  using script = std::function<void(tcp::socket&)>;
  explicit hostile_server(script s) : acceptor_(io_, tcp::endpoint(asio::ip::address_v4::loopback(), 0)) {
    thread_ = std::thread([this, s = std::move(s)] {
      boost::system::error_code ec;
      tcp::socket sock(io_);
      acceptor_.accept(sock, ec);
      if (ec) return;
      try {
        s(sock);
      } catch (const std::exception&) {
        // the client hung up on us: expected in most scripts
      }
      // Hold the socket open until the test is over (silence is one of the attacks).
      std::unique_lock lock(mutex_);
      done_.wait_for(lock, 20s, [this] { return stop_; });
    });
  }
  ~hostile_server() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    done_.notify_all();
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable done_;
  bool stop_ = false;
};

struct attempt {
  error err;
  bool connected = false;
  std::chrono::milliseconds took{};
};

attempt connect_to(std::uint16_t port, std::chrono::milliseconds timeout = 2s) {
  asio::io_context io;
  none_auth auth(entity_name{entity_type::client, "admin"}, 0, true);
  handshake_params p;
  p.target = entity_addr::ipv4(addr_type::msgr2, {127, 0, 0, 1}, port);
  attempt out;
  const auto start = std::chrono::steady_clock::now();
  asio::co_spawn(io, connection::connect(io.get_executor(), p, auth, timeout),
                 [&](std::exception_ptr e, result<std::shared_ptr<connection>> r) {
                   if (e) std::rethrow_exception(e);
                   out.connected = r.has_value();
                   if (!r) out.err = r.err();
                 });
  io.run();
  out.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return out;
}

void send(tcp::socket& s, const std::vector<std::uint8_t>& bytes) { asio::write(s, asio::buffer(bytes)); }

void send_banner(tcp::socket& s) {
  const auto b = encode_banner();
  asio::write(s, asio::buffer(b));
}

// A crc-mode frame with a valid preamble crc, then whatever tail the test wants.
std::vector<std::uint8_t> frame_bytes(tag t, const std::vector<std::uint8_t>& payload) {
  crc_frame_codec codec;
  const std::array<buffer_list, 1> segs{buffer_list(buffer::copy_of(bytes_view(payload)))};
  buffer_list out;
  EXPECT_FALSE(codec.encode(t, segs, out));
  const auto flat = out.to_string();
  return {flat.begin(), flat.end()};
}

void read_some(tcp::socket& s, std::size_t n) {
  std::vector<std::uint8_t> sink(n);
  asio::read(s, asio::buffer(sink));
}

void expect_clear_failure(const attempt& a, std::string_view fragment) {
  EXPECT_FALSE(a.connected);
  EXPECT_LT(a.took, 5s);
  EXPECT_NE(a.err.what().find(fragment), std::string::npos) << a.err.what();
}

TEST(MsgrHostileServer, Garbage) {
  hostile_server server([](tcp::socket& s) { send(s, std::vector<std::uint8_t>(64, 0x41)); });
  expect_clear_failure(connect_to(server.port()), "not a Ceph msgr2 peer");
}

TEST(MsgrHostileServer, Msgr1Banner) {
  hostile_server server([](tcp::socket& s) {
    const std::string banner = "ceph v027";
    asio::write(s, asio::buffer(banner));
    send(s, std::vector<std::uint8_t>(200, 0));
  });
  expect_clear_failure(connect_to(server.port()), "msgr1");
}

TEST(MsgrHostileServer, Silence) {
  hostile_server server([](tcp::socket&) {});
  const auto a = connect_to(server.port(), 500ms);
  EXPECT_FALSE(a.connected);
  EXPECT_EQ(a.err.code, msgr_errc::timed_out) << a.err.what();
  EXPECT_LT(a.took, 2s);
  EXPECT_NE(a.err.what().find("waiting for the server's banner"), std::string::npos) << a.err.what();
}

TEST(MsgrHostileServer, HangUpAfterBanner) {
  hostile_server server([](tcp::socket& s) {
    send_banner(s);
    s.close();
  });
  expect_clear_failure(connect_to(server.port()), "closed");
}

TEST(MsgrHostileServer, BadPreambleCrc) {
  hostile_server server([](tcp::socket& s) {
    send_banner(s);
    auto f = frame_bytes(tag::hello, std::vector<std::uint8_t>(36, 1));
    f[28] ^= 0xff;  // the preamble's crc
    send(s, f);
  });
  expect_clear_failure(connect_to(server.port()), "checksum");
}

TEST(MsgrHostileServer, BadSegmentCrc) {
  hostile_server server([](tcp::socket& s) {
    send_banner(s);
    auto f = frame_bytes(tag::hello, std::vector<std::uint8_t>(36, 1));
    f.back() ^= 0xff;  // segment 1's inline crc
    send(s, f);
  });
  expect_clear_failure(connect_to(server.port()), "checksum");
}

TEST(MsgrHostileServer, AbsurdLengthIsRefusedBeforeAllocating) {
  hostile_server server([](tcp::socket& s) {
    send_banner(s);
    std::vector<std::uint8_t> pre(32, 0);
    pre[0] = static_cast<std::uint8_t>(tag::hello);
    pre[1] = 1;
    const std::uint32_t huge = 0xffffffff;
    std::memcpy(pre.data() + 2, &huge, 4);
    const auto crc = crc32c(0, bytes_view(pre.data(), 28));
    std::memcpy(pre.data() + 28, &crc, 4);
    send(s, pre);
  });
  expect_clear_failure(connect_to(server.port()), "too large");
}

TEST(MsgrHostileServer, TruncatedFrameThenSilence) {
  hostile_server server([](tcp::socket& s) {
    send_banner(s);
    auto f = frame_bytes(tag::hello, std::vector<std::uint8_t>(36, 1));
    f.resize(f.size() - 10);
    send(s, f);
  });
  const auto a = connect_to(server.port(), 500ms);
  EXPECT_FALSE(a.connected);
  EXPECT_EQ(a.err.code, msgr_errc::timed_out) << a.err.what();
}

TEST(MsgrHostileServer, WrongFrameAtHello) {
  hostile_server server([](tcp::socket& s) {
    send_banner(s);
    send(s, frame_bytes(tag::auth_done, std::vector<std::uint8_t>(16, 0)));
  });
  expect_clear_failure(connect_to(server.port()), "unexpected AUTH_DONE");
}

TEST(MsgrHostileServer, MalformedHello) {
  hostile_server server([](tcp::socket& s) {
    send_banner(s);
    send(s, frame_bytes(tag::hello, {1, 9, 9, 9}));
  });
  expect_clear_failure(connect_to(server.port()), "malformed HELLO");
}

// A server that plays the handshake straight until AUTH_SIGNATURE, then signs wrongly.
TEST(MsgrHostileServer, ForgedAuthSignature) {
  hostile_server server([](tcp::socket& s) {
    send_banner(s);
    read_some(s, 26);                        // client banner
    read_some(s, 32 + 36 + 4);               // client HELLO
    std::vector<std::uint8_t> hello{1};      // entity type mon, then our addr as "seen"
    wire::encoder e;
    encode(e, entity_addr::ipv4(addr_type::msgr2, {127, 0, 0, 1}, 40000));
    hello.insert(hello.end(), e.bytes().begin(), e.bytes().end());
    send(s, frame_bytes(tag::hello, hello));
    // AUTH_REQUEST (auth none: a small frame); read its preamble and the rest.
    std::vector<std::uint8_t> pre(32);
    asio::read(s, asio::buffer(pre));
    std::uint32_t len = 0;
    std::memcpy(&len, pre.data() + 2, 4);
    read_some(s, len + 4);
    wire::encoder done;
    encode(done, auth_done_frame{4242, con_mode::crc, {}});
    send(s, frame_bytes(tag::auth_done, done.bytes()));
    read_some(s, 32 + 32 + 4);  // client AUTH_SIGNATURE
    send(s, frame_bytes(tag::auth_signature, std::vector<std::uint8_t>(32, 0x5a)));
  });
  expect_clear_failure(connect_to(server.port()), "signature");
}

TEST(MsgrHostileServer, RandomBytesNeverCrash) {
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::vector<std::uint8_t> junk(1 + rng() % 300);
    for (auto& b : junk) b = static_cast<std::uint8_t>(rng());
    hostile_server server([&](tcp::socket& s) {
      send_banner(s);
      send(s, junk);
    });
    const auto a = connect_to(server.port(), 300ms);
    EXPECT_FALSE(a.connected);
    EXPECT_FALSE(a.err.what().empty());
  }
}

}  // namespace
}  // namespace radosio::msgr
