// A hostile peer on loopback: whatever it sends (garbage, a msgr1 banner, truncated frames,
// bad crcs, absurd lengths, a forged signature, silence), connecting must end in a clear
// error within the timeout, never a crash, a hang or a huge allocation.

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <sys/resource.h>

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

// Within the session limits (16 MiB control segment, 256 MiB frame) but far beyond any
// handshake frame: refused at the preamble, not allocated (the client used to allocate, and
// zero, the 226 MiB announced and then wait for them until its timeout).
TEST(MsgrHostileServer, HugeHandshakeFrameIsRefusedBeforeAllocating) {
  hostile_server server([](tcp::socket& s) {
    send_banner(s);
    std::vector<std::uint8_t> pre(32, 0);
    pre[0] = static_cast<std::uint8_t>(tag::hello);
    pre[1] = 4;
    const std::array<std::uint32_t, 4> lengths{16u << 20, 70u << 20, 70u << 20, 70u << 20};
    for (std::size_t i = 0; i < 4; ++i) std::memcpy(pre.data() + 2 + 6 * i, &lengths[i], 4);
    const auto crc = crc32c(0, bytes_view(pre.data(), 28));
    std::memcpy(pre.data() + 28, &crc, 4);
    send(s, pre);
  });
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  const auto a = connect_to(server.port());
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  expect_clear_failure(a, "too large");
  EXPECT_LT(a.took, 1s);
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 64 * 1024);  // KiB
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

// ---- A hostile monitor that gets through the handshake ------------------------------------
//
// The server below plays the monitor's side of a recorded session (shared/corpus/transcripts)
// to a client using that session's key, in crc or secure mode: banner, HELLO,
// AUTH_REPLY_MORE and AUTH_DONE as recorded; AUTH_SIGNATURE computed over what this client
// sent (its bytes differ from the recording only in the port); SERVER_IDENT re-encoded with
// the server's side of the codec. Then it misbehaves after the handshake: bad GCM tags,
// absurd lengths and counts, silence.

#include <memory>

#include "auth/base64.h"
#include "auth/keyring.h"
#include "messenger/aes_gcm.h"
#include "messenger/frame_codec.h"
#include "messenger/message_header.h"
#include "messenger/preamble.h"
#include "messenger/secure_frame_codec.h"
#include "monclient/mon_client.h"
#include "monclient/mon_map.h"
#include "monclient/mon_messages.h"
#include "transcript.h"

namespace radosio::msgr {
namespace {

// Accepts any number of connections (a monitor client hunts again after a failure) and runs
// `script` on each in its own thread; sockets stay open until the server is destroyed.
class scripted_server {
 public:
  using script = std::function<void(tcp::socket&)>;
  explicit scripted_server(script s)
      : acceptor_(io_, tcp::endpoint(asio::ip::address_v4::loopback(), 0)) {
    accept_thread_ = std::thread([this, s = std::move(s)] {
      while (true) {
        auto sock = std::make_shared<tcp::socket>(io_);
        boost::system::error_code ec;
        acceptor_.accept(*sock, ec);
        std::lock_guard lock(mutex_);
        if (ec || stop_) return;
        sockets_.push_back(sock);
        workers_.emplace_back([this, s, sock] {
          try {
            s(*sock);
          } catch (const std::exception&) {
            // the client hung up on us: expected in most scripts
          }
          std::unique_lock held(mutex_);
          done_.wait_for(held, 30s, [this] { return stop_; });
        });
      }
    });
  }
  ~scripted_server() {
    const auto listening = port();
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
      for (auto& s : sockets_) {
        boost::system::error_code ignored;
        s->shutdown(tcp::socket::shutdown_both, ignored);
      }
    }
    done_.notify_all();
    // Wake the blocking accept.
    boost::system::error_code ignored;
    asio::io_context wake_io;
    tcp::socket wake(wake_io);
    wake.connect(tcp::endpoint(asio::ip::address_v4::loopback(), listening), ignored);
    accept_thread_.join();
    for (auto& w : workers_) w.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread accept_thread_;
  std::vector<std::thread> workers_;
  std::vector<std::shared_ptr<tcp::socket>> sockets_;
  std::mutex mutex_;
  std::condition_variable done_;
  bool stop_ = false;
};

std::vector<std::uint8_t> read_exact(tcp::socket& s, std::size_t n) {
  std::vector<std::uint8_t> out(n);
  asio::read(s, asio::buffer(out));
  return out;
}

// One frame from the client with the server's codec; its wire bytes are appended to `raw`.
frame read_client_frame(tcp::socket& s, frame_codec& codec, std::vector<std::uint8_t>* raw = nullptr) {
  auto head = read_exact(s, codec.preamble_size());
  std::size_t rest = 0;
  if (codec.on_preamble(bytes_view(head), rest)) throw std::runtime_error("bad preamble from the client");
  auto tail = read_exact(s, rest);
  frame f;
  if (codec.on_rest(buffer::copy_of(bytes_view(tail)), f)) throw std::runtime_error("bad frame from the client");
  if (raw) {
    raw->insert(raw->end(), head.begin(), head.end());
    raw->insert(raw->end(), tail.begin(), tail.end());
  }
  return f;
}

std::vector<std::uint8_t> encode_with(frame_codec& codec, tag t, std::span<const buffer_list> segments) {
  buffer_list out;
  EXPECT_FALSE(codec.encode(t, segments, out));
  const auto flat = out.to_string();
  return {flat.begin(), flat.end()};
}

std::vector<std::uint8_t> control_frame(frame_codec& codec, tag t, bytes_view payload) {
  const std::array<buffer_list, 1> segs{buffer_list(buffer::copy_of(payload))};
  return encode_with(codec, t, segs);
}

std::vector<std::uint8_t> message_frame(frame_codec& codec, std::uint16_t type, std::uint64_t seq,
                                        bytes_view front) {
  message m;
  m.header.type = type;
  m.header.seq = seq;
  m.header.version = 1;
  m.header.flags = 3;
  m.front.append(buffer::copy_of(front));
  const auto segs = to_segments(m);
  return encode_with(codec, tag::message, segs);
}

enum class signature_fault { none, wrong_hmac, bad_gcm_tag };

struct recorded_mon {
  test::transcript t;
  bool secure = false;
  auth::crypto_key key;
  std::string key_base64;
  std::vector<std::uint8_t> session_key;
  std::vector<std::uint8_t> connection_secret;

  explicit recorded_mon(const char* file) : t(test::load_transcript(file)) {
    secure = t.header["mode"] == "secure";
    key_base64 = t.header["inputs"]["PROBE_KEY"].get<std::string>();
    auto k = auth::parse_key(key_base64);
    if (!k) throw std::runtime_error(k.err().what());
    key = *k;
    session_key = test::hex_bytes(t.derived(), "auth_session_key");
    if (secure) connection_secret = test::hex_bytes(t.derived(), "connection_secret");
  }
  const std::vector<std::uint8_t>& wire(std::string_view label) const { return t.find("s2c", label).wire; }
  con_mode mode() const { return secure ? con_mode::secure : con_mode::crc; }

  // The server's keys in secure mode.
  secure_session_keys server_keys() const {
    secure_session_keys keys;
    EXPECT_FALSE(session_keys_from_secret(bytes_view(connection_secret), connection_side::server, keys));
    return keys;
  }

  // Plays the handshake on `s`; returns the server's codec, positioned after SERVER_IDENT
  // (after AUTH_SIGNATURE if `stop_after_signature`).
  frame_codec play(tcp::socket& s, signature_fault fault = signature_fault::none) const {
    asio::write(s, asio::buffer(wire("banner")));
    std::vector<std::uint8_t> c2s = read_exact(s, 26);
    frame_codec in = crc_frame_codec();
    read_client_frame(s, in, &c2s);  // HELLO
    asio::write(s, asio::buffer(wire("HELLO")));
    read_client_frame(s, in, &c2s);  // AUTH_REQUEST
    asio::write(s, asio::buffer(wire("AUTH_REPLY_MORE")));
    read_client_frame(s, in, &c2s);  // AUTH_REQUEST_MORE
    asio::write(s, asio::buffer(wire("AUTH_DONE")));
    frame_codec codec = secure ? frame_codec(secure_frame_codec(server_keys())) : frame_codec(crc_frame_codec());
    read_client_frame(s, codec);  // the client's AUTH_SIGNATURE
    auto signature = auth::hmac_sha256(bytes_view(session_key), bytes_view(c2s));
    if (fault == signature_fault::wrong_hmac) signature[5] ^= 0x01;
    auto sig_frame = control_frame(codec, tag::auth_signature, bytes_view(signature));
    if (fault == signature_fault::bad_gcm_tag) sig_frame.back() ^= 0x01;
    asio::write(s, asio::buffer(sig_frame));
    if (fault != signature_fault::none) return codec;
    const auto ident = read_client_frame(s, codec);  // CLIENT_IDENT
    EXPECT_EQ(ident.tag, tag::client_ident);
    const auto& recorded_ident = t.find("s2c", "SERVER_IDENT").segment(0);
    asio::write(s, asio::buffer(control_frame(codec, tag::server_ident, bytes_view(recorded_ident))));
    return codec;
  }

  handshake_params params(std::uint16_t port) const {
    handshake_params p;
    p.target = entity_addr::ipv4(addr_type::msgr2, {127, 0, 0, 1}, port);
    p.modes = {mode()};
    return p;
  }

  mon::mon_client_config client_config(std::uint16_t port) const {
    mon::mon_client_config c;
    entity_addrvec addrs;
    addrs.addrs.push_back(entity_addr::ipv4(addr_type::msgr2, {127, 0, 0, 1}, port));
    c.mon_addrs = {addrs};
    c.key = key;
    c.modes = {mode()};
    c.connect_timeout = 1500ms;
    c.attempt_timeout = 1000ms;
    c.op_timeout = 1500ms;
    c.keepalive_interval = 300ms;
    c.keepalive_timeout = 1000ms;
    return c;
  }

  // The recorded MMonMap's front, and a MonMap front whose monitor map claims 2^31 entries.
  std::vector<std::uint8_t> monmap_front() const { return t.find("s2c", "MESSAGE MMonMap v1").segment(1); }
};

// Peak resident set size of this process, in KiB.
long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// A MonMap (in its MMonMap wrapper) whose map of monitors claims 2^31 entries: the
// recorded one with its count patched.
std::vector<std::uint8_t> monmap_with_huge_count(const recorded_mon& mon) {
  auto front = mon.monmap_front();
  mon::mon_map_message wrapped;
  EXPECT_FALSE(wire::decode_exact(bytes_view(front), wrapped));
  mon::mon_map map;
  EXPECT_FALSE(wire::decode_exact(wrapped.encoded.view(), map));
  // map<string, mon_info>: le32 count, then the first name.
  const auto& first = map.mons.begin()->first;
  std::vector<std::uint8_t> pattern{static_cast<std::uint8_t>(map.mons.size()), 0, 0, 0,
                                    static_cast<std::uint8_t>(first.size()), 0, 0, 0};
  pattern.insert(pattern.end(), first.begin(), first.end());
  auto at = std::search(front.begin(), front.end(), pattern.begin(), pattern.end());
  EXPECT_NE(at, front.end());
  const std::uint32_t huge = 0x80000000u;
  std::memcpy(&*at, &huge, 4);
  return front;
}

// An MOSDMap front whose incremental map list claims 2^31 entries.
std::vector<std::uint8_t> osdmap_message_with_huge_count() {
  wire::encoder e;
  encode(e, uuid{});
  encode(e, std::uint32_t{0x80000000u});
  for (int i = 0; i < 16; ++i) encode(e, std::uint32_t{7});
  const auto& b = e.bytes();
  return {b.begin(), b.end()};
}

struct cephx_attempt {
  attempt a;
  std::shared_ptr<connection> conn;
};

cephx_attempt connect_cephx(const recorded_mon& mon, std::uint16_t port, asio::io_context& io,
                            std::chrono::milliseconds timeout = 2s) {
  cephx_mon_auth auth({entity_name{entity_type::client, "admin"}, mon.key, 0, 0, std::nullopt, 0});
  cephx_attempt out;
  const auto start = std::chrono::steady_clock::now();
  asio::co_spawn(io, connection::connect(io.get_executor(), mon.params(port), auth, timeout),
                 [&](std::exception_ptr e, result<std::shared_ptr<connection>> r) {
                   if (e) std::rethrow_exception(e);
                   out.a.connected = r.has_value();
                   if (r) out.conn = *r;
                   else out.a.err = r.err();
                 });
  io.run();
  io.restart();
  out.a.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return out;
}

// What receive() gives on an open connection, with a deadline so a hang fails the test.
attempt receive_once(asio::io_context& io, connection& conn, std::chrono::milliseconds limit = 3s) {
  attempt out;
  out.connected = true;
  const auto start = std::chrono::steady_clock::now();
  bool finished = false;
  asio::co_spawn(io, conn.receive(), [&](std::exception_ptr e, result<message> r) {
    if (e) std::rethrow_exception(e);
    finished = true;
    out.connected = r.has_value();
    if (!r) out.err = r.err();
  });
  io.run_for(limit);
  if (!finished) {
    conn.close();
    io.run();
  }
  io.restart();
  out.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return out;
}

// Completes the handshake, lets the server `misbehave` on the open session, and returns what
// the client's next receive() gave (failing the test if it did not connect).
attempt on_open_session(const recorded_mon& mon, std::function<void(tcp::socket&, frame_codec&)> misbehave) {
  scripted_server server([&](tcp::socket& s) {
    auto codec = mon.play(s);
    misbehave(s, codec);
  });
  asio::io_context io;
  auto r = connect_cephx(mon, server.port(), io);
  EXPECT_TRUE(r.a.connected) << r.a.err.what();
  if (!r.a.connected) return r.a;
  auto got = receive_once(io, *r.conn);
  EXPECT_FALSE(got.connected);
  EXPECT_FALSE(r.conn->is_open());
  EXPECT_LT(got.took, 1s);
  return got;
}

// The recorded MonMap as a MESSAGE frame in the server's codec.
std::vector<std::uint8_t> monmap_frame(const recorded_mon& mon, frame_codec& codec) {
  return message_frame(codec, mon::msg_type::mon_map, 1, bytes_view(mon.monmap_front()));
}

TEST(MsgrHostileMon, RecordedHandshakeCompletesInBothModes) {
  for (const char* file : {"mon-crc.jsonl", "mon-secure.jsonl"}) {
    const recorded_mon mon(file);
    scripted_server server([&](tcp::socket& s) { (void)mon.play(s); });
    asio::io_context io;
    auto r = connect_cephx(mon, server.port(), io);
    ASSERT_TRUE(r.a.connected) << file << ": " << r.a.err.what();
    EXPECT_EQ(r.conn->session().codec.is_secure(), mon.secure);
    r.conn->close();
  }
}

TEST(MsgrHostileMon, WrongAuthSignatureInBothModes) {
  for (const char* file : {"mon-crc.jsonl", "mon-secure.jsonl"}) {
    const recorded_mon mon(file);
    scripted_server server([&](tcp::socket& s) { (void)mon.play(s, signature_fault::wrong_hmac); });
    asio::io_context io;
    auto r = connect_cephx(mon, server.port(), io);
    EXPECT_EQ(r.a.err.code, msgr_errc::bad_signature) << file << ": " << r.a.err.what();
    expect_clear_failure(r.a, "signature");
  }
}

TEST(MsgrHostileMon, BadGcmTagDuringHandshake) {
  const recorded_mon mon("mon-secure.jsonl");
  scripted_server server([&](tcp::socket& s) { (void)mon.play(s, signature_fault::bad_gcm_tag); });
  asio::io_context io;
  auto r = connect_cephx(mon, server.port(), io);
  EXPECT_EQ(r.a.err.code, msgr_errc::auth_failed) << r.a.err.what();
  expect_clear_failure(r.a, "authentication");
}

TEST(MsgrHostileMon, BadGcmTagOnAnOpenSession) {
  const recorded_mon mon("mon-secure.jsonl");
  const auto got = on_open_session(mon, [&](tcp::socket& s, frame_codec& codec) {
    auto bytes = monmap_frame(mon, codec);
    bytes[bytes.size() - 3] ^= 0x40;  // inside the last block's tag
    asio::write(s, asio::buffer(bytes));
  });
  EXPECT_EQ(got.err.code, msgr_errc::auth_failed) << got.err.what();
}

TEST(MsgrHostileMon, WrongCrcOnAnOpenSession) {
  const recorded_mon mon("mon-crc.jsonl");
  const auto got = on_open_session(mon, [&](tcp::socket& s, frame_codec& codec) {
    auto bytes = monmap_frame(mon, codec);
    // The epilogue: late_status, then the crcs of segments 2-4; segment 2 is the front.
    bytes[bytes.size() - 12] ^= 0x01;
    asio::write(s, asio::buffer(bytes));
  });
  EXPECT_NE(got.err.what().find("checksum"), std::string::npos) << got.err.what();
}

// A 4 GiB segment announced in an authentic secure preamble, after the handshake: refused at
// the preamble, before anything is allocated for it.
TEST(MsgrHostileMon, FourGibSegmentInASecurePreamble) {
  const recorded_mon mon("mon-secure.jsonl");
  const auto rss_before = peak_rss_kib();
  const auto got = on_open_session(mon, [&](tcp::socket& s, frame_codec&) {
    // Seal block A by hand with the server's next nonce: AUTH_SIGNATURE used one, the
    // 88-byte SERVER_IDENT two (blocks A and B).
    const auto keys = mon.server_keys();
    nonce_sequence tx(keys.tx_nonce);
    tx.skip(3);
    gcm_nonce nonce;
    ASSERT_FALSE(tx.next(nonce));
    preamble p;
    p.tag = tag::message;
    p.num_segments = 4;
    p.segments[0] = {message_header_size, 8};
    p.segments[3] = {0xffffffffu, 4096};
    std::array<std::uint8_t, preamble_size> head{};
    encode_preamble(p, head);
    std::array<std::uint8_t, secure_inline_size> inline_part{};
    std::array<bytes_view, 2> plain{bytes_view(head), bytes_view(inline_part)};
    std::vector<std::uint8_t> block(secure_preamble_block_size);
    aes128_gcm gcm(keys.key);
    ASSERT_FALSE(gcm.seal(nonce, plain, block.data()));
    asio::write(s, asio::buffer(block));
  });
  EXPECT_NE(got.err.what().find("too large"), std::string::npos) << got.err.what();
  EXPECT_LT(peak_rss_kib() - rss_before, 64 * 1024);
}

TEST(MsgrHostileMon, TruncatedSecureFrameThenHangUp) {
  const recorded_mon mon("mon-secure.jsonl");
  const auto got = on_open_session(mon, [&](tcp::socket& s, frame_codec& codec) {
    auto bytes = monmap_frame(mon, codec);
    bytes.resize(bytes.size() / 2);
    asio::write(s, asio::buffer(bytes));
    s.shutdown(tcp::socket::shutdown_both);
  });
  EXPECT_EQ(got.err.code, msgr_errc::connection_closed) << got.err.what();
}

// ---- the monitor client against the same server ----

struct mon_run {
  status started = ok_status();
  std::chrono::milliseconds took{};
  std::vector<std::string> log;
  bool has(std::string_view fragment) const {
    for (const auto& line : log)
      if (line.find(fragment) != std::string::npos) return true;
    return false;
  }
  std::string all() const {
    std::string out;
    for (const auto& line : log) out += line + "\n";
    return out;
  }
};

// Starts a monitor client against `port`, then runs `then` (if start succeeded), then shuts
// down. Everything the client logs, at debug level, is kept.
mon_run run_mon_client(const recorded_mon& mon, std::uint16_t port,
                       std::function<asio::awaitable<void>(mon::mon_client&, mon_run&)> then = {},
                       std::function<void(mon::mon_client_config&)> tweak = {}) {
  asio::io_context io;
  mon_run out;
  auto config = mon.client_config(port);
  if (tweak) tweak(config);
  config.log = [&out](mon::log_level, std::string_view text) { out.log.emplace_back(text); };
  mon::mon_client client(io.get_executor(), config);
  const auto start = std::chrono::steady_clock::now();
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    out.started = co_await client.start();
    if (out.started && then) co_await then(client, out);
    out.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    client.shutdown();
  }, asio::detached);
  io.run_for(20s);
  return out;
}

// Handshake, then silence: start() gives up at connect_timeout with a clear error.
TEST(MsgrHostileMon, StallAfterHandshake) {
  const recorded_mon mon("mon-secure.jsonl");
  scripted_server server([&](tcp::socket& s) { (void)mon.play(s); });
  const auto r = run_mon_client(mon, server.port());
  ASSERT_FALSE(r.started);
  EXPECT_EQ(r.started.err().code, msgr_errc::timed_out) << r.started.err().what();
  EXPECT_NE(r.started.err().what().find("sent no MonMap"), std::string::npos) << r.started.err().what();
  EXPECT_GE(r.took, 1400ms);
  EXPECT_LT(r.took, 2500ms);
}

// A session that works, then a monitor that stops answering: the command fails at its
// timeout, the silent session is dropped (keepalive timeout) and hunting starts again (over
// the monitors of the MonMap received, which is the recorded one: nobody answers there).
TEST(MsgrHostileMon, StallAfterMonMapOpsTimeOut) {
  const recorded_mon mon("mon-crc.jsonl");
  scripted_server server([&](tcp::socket& s) {
    auto codec = mon.play(s);
    asio::write(s, asio::buffer(monmap_frame(mon, codec)));
  });
  std::optional<result<mon::command_reply>> reply;
  std::chrono::milliseconds command_took{};
  const auto r = run_mon_client(mon, server.port(), [&](mon::mon_client& c, mon_run&) -> asio::awaitable<void> {
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::string> cmd{R"({"prefix":"status"})"};
    reply = co_await c.command(cmd);
    command_took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
  }, [](mon::mon_client_config& c) { c.op_timeout = 2500ms; });
  ASSERT_TRUE(r.started) << r.started.err().what();
  ASSERT_TRUE(reply.has_value());
  ASSERT_FALSE(*reply);
  EXPECT_EQ(reply->err().code, msgr_errc::timed_out) << reply->err().what();
  EXPECT_GE(command_took, 2400ms);
  EXPECT_LT(command_took, 3500ms);
  EXPECT_TRUE(r.has("silent for")) << r.all();
}

// A MonMap claiming 2^31 monitors: refused before allocating, logged, and start() still ends
// at its timeout.
TEST(MsgrHostileMon, MonMapWithTwoToThe31Entries) {
  const recorded_mon mon("mon-secure.jsonl");
  const auto front = monmap_with_huge_count(mon);
  scripted_server server([&](tcp::socket& s) {
    auto codec = mon.play(s);
    asio::write(s, asio::buffer(message_frame(codec, mon::msg_type::mon_map, 1, bytes_view(front))));
  });
  const auto rss_before = peak_rss_kib();
  const auto r = run_mon_client(mon, server.port());
  EXPECT_LT(peak_rss_kib() - rss_before, 64 * 1024);
  ASSERT_FALSE(r.started);
  EXPECT_LT(r.took, 2500ms);
  EXPECT_TRUE(r.has("malformed MonMap")) << r.all();
  EXPECT_TRUE(r.has("2147483648")) << r.all();
}

// An MOSDMap claiming 2^31 incremental maps, after a good MonMap: refused, logged; waiting
// for an OSDMap ends at the op timeout.
TEST(MsgrHostileMon, OsdMapMessageWithTwoToThe31Entries) {
  const recorded_mon mon("mon-secure.jsonl");
  const auto bad = osdmap_message_with_huge_count();
  scripted_server server([&](tcp::socket& s) {
    auto codec = mon.play(s);
    asio::write(s, asio::buffer(monmap_frame(mon, codec)));
    asio::write(s, asio::buffer(message_frame(codec, mon::msg_type::osd_map, 2, bytes_view(bad))));
  });
  const auto rss_before = peak_rss_kib();
  status waited = ok_status();
  std::chrono::milliseconds wait_took{};
  const auto r = run_mon_client(mon, server.port(), [&](mon::mon_client& c, mon_run&) -> asio::awaitable<void> {
    const auto t0 = std::chrono::steady_clock::now();
    waited = co_await c.wait_for_osdmap(1);
    wait_took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
  });
  EXPECT_LT(peak_rss_kib() - rss_before, 64 * 1024);
  ASSERT_TRUE(r.started) << r.started.err().what();
  EXPECT_FALSE(waited);
  EXPECT_LT(wait_took, 2500ms);
  EXPECT_TRUE(r.has("malformed MOSDMap")) << r.all();
}

// Security: nothing secret reaches the log, at debug level, through a whole session (secure
// handshake, MonMap, a request that times out, a session dropped for silence, hunting
// again) and through failed handshakes (a forged signature, a bad GCM tag). Searched for: the
// client key in base64 (as in the keyring) and in hex, and the session keys and connection
// secret the handshake derived, in hex (either case) and base64.
TEST(MsgrHostileMon, SecretsNeverLogged) {
  const recorded_mon mon("mon-secure.jsonl");
  std::vector<std::string> secrets{mon.key_base64, test::to_hex(mon.key.secret),
                                   test::to_hex(mon.session_key), test::to_hex(mon.connection_secret)};
  for (const auto& ticket : mon.t.derived().at("tickets"))
    secrets.push_back(ticket.at("session_key").get<std::string>());
  for (auto bytes : {mon.key.secret, mon.session_key, mon.connection_secret})
    secrets.push_back(auth::base64_encode(bytes_view(bytes)));
  const std::size_t n = secrets.size();
  for (std::size_t i = 0; i < n; ++i) {
    std::string upper = secrets[i];
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    secrets.push_back(upper);
  }

  std::string everything;
  {
    scripted_server server([&](tcp::socket& s) {
      auto codec = mon.play(s);
      asio::write(s, asio::buffer(monmap_frame(mon, codec)));
    });
    const auto r = run_mon_client(mon, server.port(), [&](mon::mon_client& c, mon_run&) -> asio::awaitable<void> {
      std::vector<std::string> cmd{R"({"prefix":"status"})"};
      auto reply = co_await c.command(cmd);
      if (!reply) everything += reply.err().what() + "\n";
    }, [](mon::mon_client_config& c) { c.op_timeout = 2500ms; });
    ASSERT_TRUE(r.started) << r.started.err().what();
    EXPECT_TRUE(r.has("silent for")) << r.all();
    everything += r.all();
  }
  for (auto fault : {signature_fault::wrong_hmac, signature_fault::bad_gcm_tag}) {
    scripted_server server([&](tcp::socket& s) { (void)mon.play(s, fault); });
    const auto r = run_mon_client(mon, server.port());
    EXPECT_FALSE(r.started);
    if (!r.started) everything += r.started.err().what() + "\n";
    everything += r.all();
  }
  EXPECT_GT(everything.size(), 500u) << everything;  // the log did say things
  for (const auto& secret : secrets) {
    ASSERT_GE(secret.size(), 16u);
    EXPECT_EQ(everything.find(secret), std::string::npos) << "secret " << secret << " in:\n" << everything;
  }
}

}  // namespace
}  // namespace radosio::msgr
