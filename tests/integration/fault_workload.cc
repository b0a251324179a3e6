// fault_workload: a verifying workload for the fault tests (tests/integration/fault_*.sh).
//
//   fault_workload run --pool P [--seconds 30] [-t 16] [--mix write=50,read=30,omap=10,xattr=5,list=5,notify=0]
//                      [--objects 200] [--journal FILE] [--op-timeout-ms 10000] [--ms-mode crc|secure]
//                      [--stop-on-enoent-pool] [--no-prefill] [--seed N] [-v]
//   fault_workload verify --pool P --journal FILE [--ms-mode M] [-t 16] [--op-timeout-ms 10000] [-v]
//
// `run` keeps -t ops in flight (coroutines on one io_context thread) on objects fw-<k>,
// k < --objects, one op per object at a time. A write of generation g of object k writes
// content that encodes (k, g): a 16-byte header (k, g, little endian) and a body of 1-8 KiB
// drawn from a generator seeded by (k, g). "omap" writes the same way plus omap key "g" = g
// in the same compound op, "xattr" plus xattr "g" = g. A read fetches the content, the
// xattrs and omap key "g" in one op and checks that the content is the object's last
// acknowledged generation or one attempted after it whose outcome is unknown (a failed or
// timed-out write may still have been applied: "in doubt"), and that "g" in omap and xattrs
// is no newer than the content. Anything else is a bad read. Before the timed run, each
// object gets generation 1 (the prefill; --no-prefill skips it).
//
// The journal (--journal) records every write: a line {"k","g","ev":"try","kind"} before the
// write is sent (written at once, so a crashed run leaves a usable journal), {"ev":"ack"} or
// {"ev":"fail"} after (flushed once a second). At the end it is rewritten as one line per
// object {"k","acked","in_doubt":[...]} and an {"end":...} line. A run given the journal of
// an earlier run on the same pool carries on from its state (without it, objects left by an
// earlier run and not prefilled would read as bad). `verify` replays either
// form and reads every object with an acknowledged write: its content must be the last
// acknowledged generation (intact) or a later in-doubt one (in_doubt); an absent object is
// data loss (missing).
//
// Output: a progress line a second on stderr, one JSON line on stdout (see usage()). Exit
// status: run: 0 if the run reached its end with no hung op and no bad read; verify: 0 if
// nothing was mismatched, missing or unreadable; 1 otherwise; 2 for usage errors.
//
// "hung" = an op still unanswered 5 s after its op timeout (for a notify, after the op timeout
// plus its notify timeout and the 10 s the objecter allows for NOTIFY_COMPLETE): the client's
// own deadlines must end every op, so a hung op is a client bug. "stall" = the time since the
// last successful op; longest_stall_s is how long the workload made no progress (the recovery
// time after a fault).

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "messenger/msgr_error.h"
#include "radosio/client.h"
#include "radosio/ioctx.h"
#include "radosio/operations.h"
#include "tools/cli/client_setup.h"

namespace radosio::fault {
namespace {

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;
using json = nlohmann::json;

// ---------------------------------------------------------------- options ---

enum class kind : std::uint8_t { write, read, omap, xattr, list, notify };
constexpr std::size_t kind_count = 6;
constexpr std::array<std::string_view, kind_count> kind_names = {"write", "read", "omap", "xattr", "list", "notify"};

bool is_object_op(kind k) { return k != kind::list && k != kind::notify; }

std::optional<kind> kind_of(std::string_view name) {
  for (std::size_t i = 0; i < kind_count; ++i)
    if (kind_names[i] == name) return static_cast<kind>(i);
  return std::nullopt;
}

struct options {
  std::string command;
  std::string pool;
  std::string journal;
  double seconds = 30;
  unsigned threads = 16;
  std::array<std::uint32_t, kind_count> mix{50, 30, 10, 5, 5, 0};
  std::uint64_t objects = 200;
  std::uint64_t op_timeout_ms = 10'000;
  std::string ms_mode;
  bool stop_on_enoent_pool = false;
  bool prefill = true;
  std::uint64_t seed = 0;
  bool verbose = false;
};

constexpr const char* usage_text =
    "usage:\n"
    "  fault_workload run --pool P [--seconds 30] [-t 16]\n"
    "                 [--mix write=50,read=30,omap=10,xattr=5,list=5,notify=0] [--objects 200]\n"
    "                 [--journal FILE] [--op-timeout-ms 10000] [--ms-mode crc|secure]\n"
    "                 [--stop-on-enoent-pool] [--no-prefill] [--seed N] [-v]\n"
    "  fault_workload verify --pool P --journal FILE [--ms-mode M] [-t 16] [--op-timeout-ms 10000] [-v]\n"
    "The cluster comes from CEPH_CONF (and CEPH_KEYRING), as for rados-client.\n"
    "run prints a progress line a second on stderr and one JSON line on stdout:\n"
    "  {\"ops\",\"ok\",\"failed\",\"by_kind\":{KIND:{\"ok\",\"failed\"}},\"errors\":{ENAME:N},\"acked_writes\",\n"
    "   \"max_latency_s\",\"longest_stall_s\",\"hung_ops\",\"bad_reads\",\"seconds\",...}\n"
    "  exit 0 if the run reached its end with hung_ops 0 and bad_reads 0, else 1.\n"
    "  --stop-on-enoent-pool: end the run as soon as an op fails because the pool is gone.\n"
    "  A --journal FILE left by an earlier run on the same pool is carried on from.\n"
    "verify prints {\"checked\",\"intact\",\"mismatched\",\"missing\",\"in_doubt\",\"unreadable\"}\n"
    "  exit 0 if nothing is mismatched, missing or unreadable, else 1.\n";

[[noreturn]] void usage_error(const std::string& why) {
  std::fprintf(stderr, "fault_workload: %s\n%s", why.c_str(), usage_text);
  std::exit(2);
}

template <class T>
T parse_number(std::string_view flag, std::string_view text) {
  T value{};
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) usage_error(fmt::format("{}: '{}' is not a number", flag, text));
  return value;
}

std::array<std::uint32_t, kind_count> parse_mix(std::string_view text) {
  std::array<std::uint32_t, kind_count> mix{};
  std::array<bool, kind_count> seen{};
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string_view pair = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) usage_error(fmt::format("--mix: '{}' is not NAME=WEIGHT", pair));
    const auto k = kind_of(pair.substr(0, eq));
    if (!k) usage_error(fmt::format("--mix: unknown op '{}' (write, read, omap, xattr, list, notify)", pair.substr(0, eq)));
    const auto i = static_cast<std::size_t>(*k);
    if (seen[i]) usage_error(fmt::format("--mix: '{}' given twice", kind_names[i]));
    seen[i] = true;
    mix[i] = parse_number<std::uint32_t>("--mix", pair.substr(eq + 1));
  }
  std::uint64_t total = 0;
  for (auto w : mix) total += w;
  if (total == 0) usage_error("--mix: no op has a positive weight");
  return mix;
}

options parse_args(int argc, char** argv) {
  options o;
  if (argc < 2) usage_error("no command");
  o.command = argv[1];
  if (o.command == "-h" || o.command == "--help") {
    std::fputs(usage_text, stdout);
    std::exit(0);
  }
  if (o.command != "run" && o.command != "verify") usage_error(fmt::format("unknown command '{}'", o.command));
  for (int i = 2; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&]() -> std::string_view {
      if (i + 1 >= argc) usage_error(fmt::format("{} needs a value", a));
      return argv[++i];
    };
    if (a == "--pool" || a == "-p") o.pool = value();
    else if (a == "--journal") o.journal = value();
    else if (a == "--seconds") o.seconds = std::strtod(std::string(value()).c_str(), nullptr);
    else if (a == "-t" || a == "--threads") o.threads = parse_number<unsigned>(a, value());
    else if (a == "--mix") o.mix = parse_mix(value());
    else if (a == "--objects") o.objects = parse_number<std::uint64_t>(a, value());
    else if (a == "--op-timeout-ms") o.op_timeout_ms = parse_number<std::uint64_t>(a, value());
    else if (a == "--ms-mode") o.ms_mode = value();
    else if (a == "--seed") o.seed = parse_number<std::uint64_t>(a, value());
    else if (a == "--stop-on-enoent-pool") o.stop_on_enoent_pool = true;
    else if (a == "--no-prefill") o.prefill = false;
    else if (a == "-v" || a == "--verbose") o.verbose = true;
    else usage_error(fmt::format("unknown option '{}'", a));
  }
  if (o.pool.empty()) usage_error("--pool is required");
  if (o.command == "verify" && o.journal.empty()) usage_error("verify needs --journal");
  if (o.threads == 0) usage_error("-t must be at least 1");
  if (o.objects == 0) usage_error("--objects must be at least 1");
  if (!(o.seconds > 0)) usage_error("--seconds must be positive");
  if (o.op_timeout_ms == 0) usage_error("--op-timeout-ms must be positive (the hung-op check needs a deadline)");
  return o;
}

// ---------------------------------------------------------------- content ---

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void put_le64(std::string& out, std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

std::uint64_t get_le64(std::string_view in, std::size_t at) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return v;
}

// Generation g of object k: header (k, g) and 1-8 KiB of bytes seeded by (k, g).
std::string content(std::uint64_t k, std::uint64_t g) {
  std::uint64_t state = (k * 0x100000001B3ull) ^ (g * 0xC2B2AE3D27D4EB4Full) ^ 0x5157A7E5ull;
  const std::size_t body = 1024 + splitmix64(state) % (8 * 1024 - 1024 + 1);
  std::string out(16 + body, '\0');
  put_le64(out, 0, k);
  put_le64(out, 8, g);
  for (std::size_t i = 16; i < out.size(); i += 8) {
    const std::uint64_t r = splitmix64(state);
    for (std::size_t j = 0; j < 8 && i + j < out.size(); ++j) out[i + j] = static_cast<char>((r >> (8 * j)) & 0xff);
  }
  return out;
}

struct decoded {
  bool valid = false;
  std::uint64_t k = 0;
  std::uint64_t g = 0;
  std::string why;  // when not valid
};

decoded decode_content(std::string_view data) {
  decoded d;
  if (data.size() < 16) {
    d.why = fmt::format("{} bytes, too short for a header", data.size());
    return d;
  }
  d.k = get_le64(data, 0);
  d.g = get_le64(data, 8);
  if (d.g == 0 || d.g > (1ull << 40)) {
    d.why = fmt::format("header (k={}, g={}) is not one we write", d.k, d.g);
    return d;
  }
  if (content(d.k, d.g) != data) {
    d.why = fmt::format("{} bytes whose header says k={} g={} but whose body differs", data.size(), d.k, d.g);
    return d;
  }
  d.valid = true;
  return d;
}

std::string object_name(std::uint64_t k) { return "fw-" + std::to_string(k); }

buffer_list text(std::string s) { return buffer_list(buffer::adopt(std::move(s))); }

std::optional<std::uint64_t> parse_gen(const buffer_list& bl) {
  const std::string s = bl.to_string();
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// ------------------------------------------------------------------ errors ---

// "ENOENT", "ETIMEDOUT", ...: errnos by name; the client's own timeouts count as ETIMEDOUT.
std::string error_name(const std::error_code& ec) {
  if (ec.category() == std::generic_category() || ec.category() == std::system_category()) {
    if (const char* n = ::strerrorname_np(ec.value())) return n;
    return "E" + std::to_string(ec.value());
  }
  if (ec == msgr::msgr_errc::timed_out) return "ETIMEDOUT";
  if (ec == msgr::msgr_errc::connection_closed) return "ECONNRESET";
  return fmt::format("{}:{}", ec.category().name(), ec.value());
}

bool is_enoent(const std::error_code& ec) { return ec == std::errc::no_such_file_or_directory; }

double seconds_between(clock_type::time_point a, clock_type::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double round3(double x) { return std::round(x * 1000.0) / 1000.0; }

// ----------------------------------------------------------------- journal ---

// What is known of one object's writes.
struct object_history {
  std::uint64_t acked = 0;  // last acknowledged generation; 0: none
  kind acked_kind = kind::write;
  std::map<std::uint64_t, kind> in_doubt;  // attempted after `acked`, outcome unknown
};

class journal {
 public:
  journal() = default;
  journal(const journal&) = delete;
  journal& operator=(const journal&) = delete;
  ~journal() {
    if (fd_ >= 0) ::close(fd_);
  }

  bool open(const std::string& path, const options& o) {
    path_ = path;
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      std::fprintf(stderr, "fault_workload: cannot open journal %s: %s\n", path.c_str(), std::strerror(errno));
      return false;
    }
    json header = {{"fault_workload", 1}, {"pool", o.pool}, {"objects", o.objects}};
    write_now(header.dump() + "\n");
    return true;
  }
  [[nodiscard]] bool enabled() const { return fd_ >= 0; }

  // One object's state as a line (what finish() writes; also the state carried over from an
  // earlier run's journal).
  static std::string state_line(std::uint64_t k, const object_history& h) {
    json doubt = json::array();
    for (const auto& [g, what] : h.in_doubt) doubt.push_back(g);
    json line = {{"k", k}, {"acked", h.acked}, {"in_doubt", doubt}};
    return line.dump() + "\n";
  }
  void state(std::uint64_t k, const object_history& h) {
    if (fd_ >= 0) write_now(state_line(k, h));
  }

  // Before the write is sent: written at once.
  void attempt(std::uint64_t k, std::uint64_t g, kind what) {
    if (fd_ < 0) return;
    write_now(fmt::format("{{\"k\":{},\"g\":{},\"ev\":\"try\",\"kind\":\"{}\"}}\n", k, g, kind_names[static_cast<int>(what)]));
  }
  // Outcomes: buffered (a lost ack only leaves the write in doubt).
  void ack(std::uint64_t k, std::uint64_t g) {
    if (fd_ < 0) return;
    pending_ += fmt::format("{{\"k\":{},\"g\":{},\"ev\":\"ack\"}}\n", k, g);
  }
  void fail(std::uint64_t k, std::uint64_t g, const std::string& why) {
    if (fd_ < 0) return;
    pending_ += fmt::format("{{\"k\":{},\"g\":{},\"ev\":\"fail\",\"error\":\"{}\"}}\n", k, g, why);
  }
  void flush() {
    if (fd_ < 0 || pending_.empty()) return;
    write_now(pending_);
    pending_.clear();
  }

  // Rewrites the journal as one line per object and an end line.
  void finish(const options& o, const std::vector<object_history>& objects, const json& summary) {
    if (fd_ < 0) return;
    flush();
    const std::string tmp = path_ + ".tmp";
    {
      std::ofstream out(tmp, std::ios::trunc);
      json header = {{"fault_workload", 1}, {"pool", o.pool}, {"objects", o.objects}};
      out << header.dump() << "\n";
      for (std::size_t k = 0; k < objects.size(); ++k) {
        const auto& h = objects[k];
        if (h.acked == 0 && h.in_doubt.empty()) continue;
        out << state_line(k, h);
      }
      json end = {{"end", summary}};
      out << end.dump() << "\n";
      out.flush();
      if (!out) {
        std::fprintf(stderr, "fault_workload: cannot write %s; the line-by-line journal stays\n", tmp.c_str());
        return;
      }
    }
    if (std::rename(tmp.c_str(), path_.c_str()) != 0)
      std::fprintf(stderr, "fault_workload: cannot replace %s: %s\n", path_.c_str(), std::strerror(errno));
  }

 private:
  void write_now(const std::string& s) {
    std::size_t done = 0;
    while (done < s.size()) {
      const auto n = ::write(fd_, s.data() + done, s.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        std::fprintf(stderr, "fault_workload: journal write failed: %s\n", std::strerror(errno));
        return;
      }
      done += static_cast<std::size_t>(n);
    }
  }

  std::string path_;
  int fd_ = -1;
  std::string pending_;
};

// Replays a journal (either form) into per-object histories. Unparsable lines (a line cut
// short by a crash) are skipped with a warning.
bool load_journal(const std::string& path, std::map<std::uint64_t, object_history>& out, std::string& pool) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "fault_workload: cannot read journal %s\n", path.c_str());
    return false;
  }
  struct replay {
    std::uint64_t acked = 0;
    std::set<std::uint64_t> tries;
    std::set<std::uint64_t> acks;
  };
  std::map<std::uint64_t, replay> events;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    const json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      std::fprintf(stderr, "fault_workload: journal %s line %zu is not JSON; skipped\n", path.c_str(), number);
      continue;
    }
    if (j.contains("fault_workload")) {
      if (j.contains("pool") && j["pool"].is_string()) pool = j["pool"].get<std::string>();
      continue;
    }
    if (!j.contains("k")) continue;
    const auto k = j["k"].get<std::uint64_t>();
    auto& r = events[k];
    if (j.contains("acked")) {
      r.acked = std::max(r.acked, j["acked"].get<std::uint64_t>());
      for (const auto& g : j["in_doubt"]) r.tries.insert(g.get<std::uint64_t>());
      continue;
    }
    const auto g = j.value("g", std::uint64_t{0});
    const auto ev = j.value("ev", std::string());
    if (ev == "try") r.tries.insert(g);
    else if (ev == "ack") r.acks.insert(g);
  }
  for (auto& [k, r] : events) {
    object_history h;
    h.acked = r.acked;
    if (!r.acks.empty()) h.acked = std::max(h.acked, *r.acks.rbegin());
    for (auto g : r.tries)
      if (g > h.acked && !r.acks.contains(g)) h.in_doubt.emplace(g, kind::write);
    out[k] = std::move(h);
  }
  return true;
}

// ----------------------------------------------------------------- the run ---

struct kind_counts {
  std::uint64_t ok = 0;
  std::uint64_t failed = 0;
  double max_latency = 0;
};

struct worker_slot {
  bool active = false;
  bool flagged_hung = false;
  clock_type::time_point start{};
  kind what = kind::write;
  std::uint64_t k = 0;
};

struct run_state {
  run_state(const options& o, client& c, ioctx i)
      : opt(o), cluster(c), io(std::move(i)), objects(o.objects), next_gen(o.objects, 1), busy(o.objects, false),
        slots(o.threads), rng(o.seed) {
    op_timeout = std::chrono::milliseconds(o.op_timeout_ms);
    hung_after = op_timeout + std::chrono::seconds(5);
    notify_timeout_s = static_cast<std::uint32_t>(std::clamp<std::uint64_t>(o.op_timeout_ms / 2000, 1, 5));
    // A notify is bounded twice over: the op (op timeout), then the wait for the OSD's
    // NOTIFY_COMPLETE (its own timeout + 10 s of transit, as the objecter allows).
    notify_hung_after = hung_after + std::chrono::seconds(notify_timeout_s + 10);
    std::uint64_t sum = 0;
    for (std::size_t i2 = 0; i2 < kind_count; ++i2) {
      sum += o.mix[i2];
      upto[i2] = sum;
    }
  }

  const options& opt;
  client& cluster;
  ioctx io;
  std::vector<object_history> objects;
  std::vector<std::uint64_t> next_gen;  // per object
  std::vector<bool> busy;
  std::vector<worker_slot> slots;
  std::mt19937_64 rng;
  std::array<std::uint64_t, kind_count> upto{};
  std::chrono::milliseconds op_timeout{};
  clock_type::duration hung_after{};
  std::uint32_t notify_timeout_s = 5;
  clock_type::duration notify_hung_after{};
  journal jr;
  asio::steady_timer* tick = nullptr;  // the ticker's timer, cancelled at the end
  std::string mon_peer;                 // the monitor session last reported

  clock_type::time_point started{};
  clock_type::time_point deadline{};
  clock_type::time_point last_success{};
  clock_type::time_point last_completion{};
  bool stopping = false;
  bool finished = false;

  // counters
  std::uint64_t ops = 0, ok = 0, failed = 0, acked_writes = 0, hung_ops = 0, bad_reads = 0;
  std::uint64_t read_misses = 0;  // reads of objects never acknowledged and absent: fine
  std::array<kind_counts, kind_count> by_kind{};
  std::map<std::string, std::uint64_t> errors;
  std::map<std::string, std::string> first_errors;  // error name -> the client's message
  double max_latency = 0;
  double longest_stall = 0;
  unsigned in_flight = 0;
  bool pool_gone = false;
  std::optional<double> pool_gone_at;  // seconds into the run
  std::uint64_t prefill_ok = 0, prefill_failed = 0;
  std::string notify_oid = "fw-notify";
  std::shared_ptr<std::uint64_t> notifies_acked = std::make_shared<std::uint64_t>(0);
  std::uint64_t watch_cookie = 0;      // our watch on notify_oid (0: none)
  std::uint64_t notifies_unheard = 0;  // completed notifies that list our watcher as timed out

  [[nodiscard]] kind pick() {
    const std::uint64_t draw = rng() % upto.back();
    for (std::size_t i = 0; i < kind_count; ++i)
      if (draw < upto[i]) return static_cast<kind>(i);
    return kind::read;
  }

  [[nodiscard]] bool pool_exists() const {
    const auto id = io.pool_id();
    const auto pools = cluster.pools();
    return std::any_of(pools.begin(), pools.end(), [&](const pool_info& p) { return p.id == id; });
  }

  // An idle object picked at random; nullopt when all are busy.
  std::optional<std::uint64_t> take_object() {
    const std::uint64_t start = rng() % opt.objects;
    for (std::uint64_t i = 0; i < opt.objects; ++i) {
      const std::uint64_t k = (start + i) % opt.objects;
      if (!busy[k]) {
        busy[k] = true;
        return k;
      }
    }
    return std::nullopt;
  }

  [[nodiscard]] double now_s() const { return seconds_between(started, clock_type::now()); }
};

void bad_read(run_state& st, std::uint64_t k, const object_history& expected, const std::string& got) {
  ++st.bad_reads;
  if (st.bad_reads > 20) {
    if (st.bad_reads == 21) std::fputs("BAD READ: more than 20; counting the rest silently\n", stderr);
    return;
  }
  std::vector<std::uint64_t> doubt;
  for (const auto& [g, what] : expected.in_doubt) doubt.push_back(g);
  const std::string line =
      fmt::format("BAD READ {} at t={:.1f}s: expected generation {}{}, got {}\n", object_name(k), st.now_s(), expected.acked,
                  doubt.empty() ? std::string(" (none in doubt)") : fmt::format(" or one in doubt [{}]", fmt::join(doubt, ",")),
                  got);
  std::fputs(line.c_str(), stderr);
}

// One write of the next generation of object k (write, omap or xattr). The prefill's write
// also resets omap and xattr "g", which an earlier run on the pool may have left newer.
asio::awaitable<status> do_write(run_state& st, std::uint64_t k, kind what, bool prefill = false) {
  auto& h = st.objects[k];
  const std::uint64_t g = st.next_gen[k]++;
  h.in_doubt[g] = what;
  st.jr.attempt(k, g, what);
  std::string name = object_name(k);
  buffer_list data = text(content(k, g));
  status s;
  if (what == kind::write && !prefill) {
    s = co_await st.io.write_full(std::move(name), std::move(data));
  } else {
    write_op w;
    w.write_full(std::move(data));
    if (prefill) {
      w.omap_clear();
      w.set_xattr("g", text("0"));
    } else if (what == kind::omap) {
      std::map<std::string, buffer_list> values;
      values.emplace("g", text(std::to_string(g)));
      w.omap_set(values);
    } else {
      w.set_xattr("g", text(std::to_string(g)));
    }
    s = co_await st.io.operate(std::move(name), std::move(w));
  }
  if (s) {
    if (g > h.acked) {
      h.acked = g;
      h.acked_kind = what;
    }
    std::erase_if(h.in_doubt, [&](const auto& e) { return e.first <= h.acked; });
    st.jr.ack(k, g);
    ++st.acked_writes;
  } else {
    st.jr.fail(k, g, error_name(s.code()));
  }
  co_return s;
}

// Reads object k's content, xattrs and omap key "g" in one op and checks them.
asio::awaitable<status> do_read(run_state& st, std::uint64_t k) {
  const object_history expected = st.objects[k];  // one op per object at a time: stable
  read_op r;
  buffer_list data;
  std::map<std::string, buffer_list> xattrs;
  std::map<std::string, buffer_list> omap;
  const std::set<std::string> keys = {"g"};
  r.read(0, 0, &data).get_xattrs(&xattrs).omap_get_vals_by_keys(keys, &omap);
  std::string name = object_name(k);
  status s = co_await st.io.operate(std::move(name), std::move(r));
  if (!s) {
    if (!is_enoent(s.code()) || !st.pool_exists()) co_return s;
    // The object is absent: right only if no write of it was ever acknowledged.
    if (expected.acked == 0) {
      ++st.read_misses;
      co_return ok_status();
    }
    // An OSD that has just deleted the pool may say so before our OSDMap does: look again
    // a moment later before calling it data loss.
    auto ex = co_await asio::this_coro::executor;
    asio::steady_timer pause(ex, std::chrono::seconds(1));
    boost::system::error_code ec;
    co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (!st.pool_exists()) co_return s;
    bad_read(st, k, expected, "no object (ENOENT): an acknowledged write was lost");
    co_return ok_status();
  }
  const decoded d = decode_content(data.to_string());
  if (!d.valid) {
    bad_read(st, k, expected, d.why);
    co_return ok_status();
  }
  if (d.k != k) {
    bad_read(st, k, expected, fmt::format("the content of fw-{} (generation {})", d.k, d.g));
    co_return ok_status();
  }
  std::optional<kind> made_by;
  if (expected.acked != 0 && d.g == expected.acked) made_by = expected.acked_kind;
  else if (auto it = expected.in_doubt.find(d.g); it != expected.in_doubt.end()) made_by = it->second;
  if (!made_by) {
    bad_read(st, k, expected, fmt::format("generation {}", d.g));
    co_return ok_status();
  }
  // omap and xattr "g" come from the same atomic writes: never newer than the content, and
  // equal to it when the content's write set them.
  auto check_side = [&](const std::map<std::string, buffer_list>& m, kind setter, std::string_view where) {
    const auto it = m.find("g");
    if (it == m.end()) {
      if (*made_by == setter) {
        bad_read(st, k, expected, fmt::format("generation {} by {} but no {} \"g\"", d.g, kind_names[static_cast<int>(setter)], where));
        return false;
      }
      return true;
    }
    const auto v = parse_gen(it->second);
    if (!v || *v > d.g || (*made_by == setter && *v != d.g)) {
      bad_read(st, k, expected, fmt::format("generation {} with {} \"g\" = '{}'", d.g, where, it->second.to_string()));
      return false;
    }
    return true;
  };
  if (check_side(omap, kind::omap, "omap")) check_side(xattrs, kind::xattr, "xattr");
  co_return ok_status();
}

asio::awaitable<status> do_list(run_state& st) {
  list_cursor from;
  auto page = co_await st.io.list(from, 100);
  if (!page) co_return page.err();
  co_return ok_status();
}

asio::awaitable<status> do_notify(run_state& st) {
  std::string oid = st.notify_oid;
  buffer_list payload = text("fault_workload");
  const std::uint32_t timeout_s = st.notify_timeout_s;
  auto r = co_await st.io.notify(std::move(oid), std::move(payload), timeout_s);
  if (!r) co_return r.err();
  // Our own watcher missed it: its watch was not connected for the whole notify timeout.
  // (Other watchers may be listed too: one left by an earlier run lingers for 30 s.)
  const std::pair<std::uint64_t, std::uint64_t> us{st.cluster.monitors().global_id(), st.watch_cookie};
  if (std::find(r->timed_out.begin(), r->timed_out.end(), us) != r->timed_out.end()) ++st.notifies_unheard;
  co_return ok_status();
}

asio::awaitable<void> ack_notify(ioctx io, std::string oid, std::uint64_t notify_id, std::uint64_t cookie,
                                 std::shared_ptr<std::uint64_t> acked) {
  buffer_list reply;
  auto s = co_await io.notify_ack(std::move(oid), notify_id, cookie, std::move(reply));
  if (s) ++*acked;
}

void record(run_state& st, kind what, clock_type::time_point start, const status& s) {
  const auto now = clock_type::now();
  st.max_latency = std::max(st.max_latency, seconds_between(start, now));
  st.last_completion = now;
  ++st.ops;
  auto& counts = st.by_kind[static_cast<int>(what)];
  counts.max_latency = std::max(counts.max_latency, seconds_between(start, now));
  if (s) {
    ++st.ok;
    ++counts.ok;
    st.longest_stall = std::max(st.longest_stall, seconds_between(st.last_success, now));
    st.last_success = now;
    return;
  }
  ++st.failed;
  ++counts.failed;
  const std::string name = error_name(s.code());
  if (st.errors[name]++ == 0) {
    st.first_errors[name] = s.err().what();
    std::fprintf(stderr, "first %s at t=%.1fs (%s): %s\n", name.c_str(), st.now_s(), std::string(kind_names[static_cast<int>(what)]).c_str(),
                 s.err().what().c_str());
  }
  if (is_enoent(s.code()) && !st.pool_exists()) {
    if (!st.pool_gone) {
      st.pool_gone = true;
      st.pool_gone_at = st.now_s();
      std::fprintf(stderr, "the pool is gone (t=%.1fs)%s\n", *st.pool_gone_at,
                   st.opt.stop_on_enoent_pool ? ": stopping" : "");
    }
    if (st.opt.stop_on_enoent_pool) st.stopping = true;
  }
}

asio::awaitable<void> worker(run_state& st, unsigned id, bool prefill, std::shared_ptr<std::uint64_t> prefill_next) {
  auto ex = co_await asio::this_coro::executor;
  auto& slot = st.slots[id];
  while (true) {
    kind what = kind::write;
    std::uint64_t k = 0;
    if (prefill) {
      if (*prefill_next >= st.opt.objects) break;
      k = (*prefill_next)++;
      st.busy[k] = true;
    } else {
      if (st.stopping || clock_type::now() >= st.deadline) break;
      what = st.pick();
      if (is_object_op(what)) {
        auto taken = st.take_object();
        if (!taken) {  // fewer objects than workers: wait for one
          asio::steady_timer pause(ex, std::chrono::milliseconds(1));
          boost::system::error_code ec;
          co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
          continue;
        }
        k = *taken;
      }
    }
    slot.active = true;
    slot.flagged_hung = false;
    slot.start = clock_type::now();
    slot.what = what;
    slot.k = k;
    ++st.in_flight;
    status s;
    switch (what) {
      case kind::write:
      case kind::omap:
      case kind::xattr:
        s = co_await do_write(st, k, what, prefill);
        break;
      case kind::read:
        s = co_await do_read(st, k);
        break;
      case kind::list:
        s = co_await do_list(st);
        break;
      case kind::notify:
        s = co_await do_notify(st);
        break;
    }
    --st.in_flight;
    slot.active = false;
    if (is_object_op(what)) st.busy[k] = false;
    if (prefill) {
      if (s) ++st.prefill_ok;
      else {
        ++st.prefill_failed;
        if (st.prefill_failed == 1) std::fprintf(stderr, "prefill: %s\n", s.err().what().c_str());
      }
    } else {
      record(st, what, slot.start, s);
    }
  }
}

// Counts ops unanswered for longer than the op timeout + 5 s (once each).
void check_hung(run_state& st) {
  const auto now = clock_type::now();
  for (auto& slot : st.slots) {
    const auto limit = slot.what == kind::notify ? st.notify_hung_after : st.hung_after;
    if (!slot.active || slot.flagged_hung || now - slot.start < limit) continue;
    slot.flagged_hung = true;
    ++st.hung_ops;
    std::fprintf(stderr, "HUNG: %s%s unanswered for %.1fs (op timeout %llu ms)\n",
                 std::string(kind_names[static_cast<int>(slot.what)]).c_str(),
                 is_object_op(slot.what) ? (" of " + object_name(slot.k)).c_str() : "",
                 seconds_between(slot.start, now), static_cast<unsigned long long>(st.opt.op_timeout_ms));
  }
}

// Reports each change of the monitor session (every 100 ms): the fault tests read these lines
// to find the monitor to kill and to time the hunt.
asio::awaitable<void> mon_session_watcher(std::shared_ptr<run_state> keep) {
  run_state& st = *keep;
  asio::steady_timer t(co_await asio::this_coro::executor);
  while (!st.finished) {
    std::string peer = st.cluster.monitors().session_peer();
    if (peer != st.mon_peer) {
      std::fprintf(stderr, "mon: session %s at t=%.1fs (osdmap epoch %u)\n", peer.empty() ? "lost" : peer.c_str(),
                   st.now_s(), st.cluster.monitors().osdmaps().held());
      st.mon_peer = std::move(peer);
    }
    t.expires_after(std::chrono::milliseconds(100));
    boost::system::error_code ec;
    co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

asio::awaitable<void> ticker(std::shared_ptr<run_state> keep) {
  run_state& st = *keep;
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer t(ex);
  st.tick = &t;
  auto next = st.started;
  while (!st.finished) {
    next += std::chrono::seconds(1);
    t.expires_at(next);
    boost::system::error_code ec;
    co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (st.finished) break;
    check_hung(st);
    st.jr.flush();
    const auto now = clock_type::now();
    std::fprintf(stderr, "t=%.0fs ops=%llu ok=%llu failed=%llu in_flight=%u stall=%.1fs\n", st.now_s(),
                 static_cast<unsigned long long>(st.ops), static_cast<unsigned long long>(st.ok),
                 static_cast<unsigned long long>(st.failed), st.in_flight, seconds_between(st.last_success, now));
  }
}

// Runs `count` workers to completion or until `limit`; returns how many are still running.
asio::awaitable<unsigned> run_workers(run_state& st, unsigned count, bool prefill, clock_type::time_point limit) {
  auto ex = co_await asio::this_coro::executor;
  auto running = std::make_shared<unsigned>(count);
  auto done = std::make_shared<asio::steady_timer>(ex, limit);
  auto prefill_next = std::make_shared<std::uint64_t>(0);
  for (unsigned w = 0; w < count; ++w) {
    asio::co_spawn(ex, worker(st, w, prefill, prefill_next), [running, done](std::exception_ptr e) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& x) {
          std::fprintf(stderr, "fault_workload: a worker failed: %s\n", x.what());
        }
      }
      if (--*running == 0) done->cancel();
    });
  }
  boost::system::error_code ec;
  if (*running > 0) co_await done->async_wait(asio::redirect_error(asio::use_awaitable, ec));
  co_return *running;
}

json counts_json(const run_state& st) {
  json by_kind = json::object();
  for (std::size_t i = 0; i < kind_count; ++i) {
    if (st.opt.mix[i] == 0 && st.by_kind[i].ok == 0 && st.by_kind[i].failed == 0) continue;
    by_kind[std::string(kind_names[i])] = {
        {"ok", st.by_kind[i].ok}, {"failed", st.by_kind[i].failed}, {"max_latency_s", round3(st.by_kind[i].max_latency)}};
  }
  json errors = json::object();
  for (const auto& [name, n] : st.errors) errors[name] = n;
  json first = json::object();
  for (const auto& [name, what] : st.first_errors) first[name] = what;
  return {{"ops", st.ops},
          {"ok", st.ok},
          {"failed", st.failed},
          {"by_kind", by_kind},
          {"errors", errors},
          {"acked_writes", st.acked_writes},
          {"max_latency_s", round3(st.max_latency)},
          {"longest_stall_s", round3(st.longest_stall)},
          {"hung_ops", st.hung_ops},
          {"bad_reads", st.bad_reads},
          {"first_errors", first},
          {"read_misses", st.read_misses},
          {"prefill", {{"ok", st.prefill_ok}, {"failed", st.prefill_failed}}},
          {"pool_gone", st.pool_gone},
          {"threads", st.opt.threads},
          {"objects", st.opt.objects},
          {"op_timeout_ms", st.opt.op_timeout_ms},
          {"seed", st.opt.seed}};
}

// Connects and opens --pool; says why not on stderr.
asio::awaitable<std::optional<ioctx>> open_pool(const options& o, client& c) {
  auto up = co_await c.connect();
  if (!up) {
    std::fprintf(stderr, "fault_workload: cannot connect: %s\n", up.err().what().c_str());
    co_return std::nullopt;
  }
  std::string pool_name = o.pool;
  auto pool = co_await c.open_pool(std::move(pool_name));
  if (!pool) {
    std::fprintf(stderr, "fault_workload: cannot open pool %s: %s\n", o.pool.c_str(), pool.err().what().c_str());
    co_return std::nullopt;
  }
  co_return std::move(*pool);
}

// The timed run; returns the exit status.
asio::awaitable<int> run_command(const options& o, client& c) {
  auto pool = co_await open_pool(o, c);
  if (!pool) co_return 1;
  auto st = std::make_shared<run_state>(o, c, *pool);
  if (!o.journal.empty()) {
    // A journal of an earlier run on this pool: go on from its state, so that its objects
    // read back as what it acknowledged and new generations come after its own.
    std::map<std::uint64_t, object_history> earlier;
    std::string earlier_pool;
    struct ::stat info {};
    if (::stat(o.journal.c_str(), &info) == 0 && info.st_size > 0) {
      if (!load_journal(o.journal, earlier, earlier_pool)) co_return 1;
      if (!earlier_pool.empty() && earlier_pool != o.pool) {
        std::fprintf(stderr, "fault_workload: journal %s belongs to pool %s; starting afresh\n", o.journal.c_str(),
                     earlier_pool.c_str());
        earlier.clear();
      }
    }
    if (!st->jr.open(o.journal, o)) co_return 1;
    std::size_t carried = 0;
    for (auto& [k, h] : earlier) {
      if (k >= o.objects) continue;
      std::uint64_t last = h.acked;
      if (!h.in_doubt.empty()) last = std::max(last, h.in_doubt.rbegin()->first);
      st->next_gen[k] = last + 1;
      st->jr.state(k, h);
      st->objects[k] = std::move(h);
      ++carried;
    }
    if (carried > 0) std::fprintf(stderr, "journal: carried on from an earlier run (%zu objects)\n", carried);
  }

  // How long after the end the last ops may take before they count as hung.
  const auto grace = st->notify_hung_after + std::chrono::seconds(1);
  // Generation 1 of every object, so reads have something to check from the start.
  if (o.prefill) {
    st->started = clock_type::now();
    st->deadline = clock_type::time_point::max();
    const auto t0 = clock_type::now();
    const unsigned left = co_await run_workers(*st, o.threads, true, t0 + grace + std::chrono::seconds(30));
    st->jr.flush();
    std::fprintf(stderr, "prefill: %llu objects written, %llu failed in %.1fs\n",
                 static_cast<unsigned long long>(st->prefill_ok), static_cast<unsigned long long>(st->prefill_failed),
                 seconds_between(t0, clock_type::now()));
    if (left > 0) {
      std::fprintf(stderr, "fault_workload: the prefill hung (%u writes unanswered)\n", left);
      std::fflush(stderr);
      std::_Exit(1);
    }
  }

  auto ex = co_await asio::this_coro::executor;
  if (o.mix[static_cast<int>(kind::notify)] > 0) {
    std::string oid = st->notify_oid;
    auto made = co_await st->io.create(std::move(oid), false);
    if (!made) std::fprintf(stderr, "fault_workload: cannot create %s: %s\n", st->notify_oid.c_str(), made.err().what().c_str());
    ioctx io_copy = st->io;
    auto acked = st->notifies_acked;
    std::string watched = st->notify_oid;
    auto on_notify = [ex, io_copy, watched, acked](const notify_event& e) {
      if (e.disconnected) return;
      asio::co_spawn(ex, ack_notify(io_copy, watched, e.notify_id, e.cookie, acked), asio::detached);
    };
    auto on_error = [](std::uint64_t, const error& e) {
      std::fprintf(stderr, "fault_workload: the watch was lost: %s\n", e.what().c_str());
    };
    std::string oid2 = st->notify_oid;
    auto cookie = co_await st->io.watch(std::move(oid2), on_notify, on_error);
    if (!cookie) std::fprintf(stderr, "fault_workload: cannot watch %s: %s\n", st->notify_oid.c_str(), cookie.err().what().c_str());
    if (cookie) st->watch_cookie = *cookie;
  }

  st->started = clock_type::now();
  st->deadline = st->started + std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(o.seconds));
  st->last_success = st->started;
  st->last_completion = st->started;
  asio::co_spawn(ex, ticker(st), asio::detached);
  asio::co_spawn(ex, mon_session_watcher(st), asio::detached);
  const unsigned left = co_await run_workers(*st, o.threads, false, st->deadline + grace);
  const auto ended = clock_type::now();
  st->finished = true;
  if (st->tick) st->tick->cancel();
  check_hung(*st);
  // The wait after the last success counts too (a run that never recovered).
  st->longest_stall = std::max(st->longest_stall, seconds_between(st->last_success, ended));
  // Unwatch, so that the next run's notifies do not wait 30 s for a watcher that is gone
  // (bounded by the op timeout; a failure only means the OSD times the watch out).
  if (st->watch_cookie != 0 && left == 0) {
    auto gone = co_await st->io.unwatch(st->watch_cookie);
    if (!gone) std::fprintf(stderr, "fault_workload: unwatch failed: %s\n", gone.err().what().c_str());
  }

  json out = counts_json(*st);
  out["seconds"] = round3(seconds_between(st->started, ended));
  out["last_op_s"] = round3(seconds_between(st->started, st->last_completion));
  if (st->pool_gone_at) out["pool_gone_at_s"] = round3(*st->pool_gone_at);
  out["stopped_early"] = st->stopping && ended < st->deadline;
  out["notifies_acked"] = *st->notifies_acked;
  out["notifies_unheard"] = st->notifies_unheard;
  out["unfinished_workers"] = left;
  // Monitor sessions opened after the first, and the newest OSDMap the client holds: the
  // monitor fault test checks the client hunted and resubscribed.
  out["mon_reconnects"] = c.monitors().reconnects();
  out["osdmap_epoch"] = c.monitors().osdmaps().held();
  st->jr.finish(o, st->objects, out);
  std::printf("%s\n", out.dump().c_str());
  std::fflush(stdout);
  const int code = (left == 0 && st->hung_ops == 0 && st->bad_reads == 0) ? 0 : 1;
  if (left > 0) {
    // Ops that never end would keep the io_context running: leave now.
    std::fflush(stderr);
    std::_Exit(code);
  }
  co_return code;
}

// ------------------------------------------------------------------ verify ---

struct verify_counts {
  std::uint64_t checked = 0, intact = 0, mismatched = 0, missing = 0, in_doubt = 0, unreadable = 0;
};

asio::awaitable<void> verify_worker(ioctx& io, std::vector<std::pair<std::uint64_t, object_history>>& todo,
                                    std::size_t& next, verify_counts& counts) {
  auto ex = co_await asio::this_coro::executor;
  while (next < todo.size()) {
    const auto item = todo[next++];
    const std::uint64_t k = item.first;
    const object_history& h = item.second;
    ++counts.checked;
    std::optional<status> last;
    bool settled = false;
    for (int attempt = 0; attempt < 3 && !settled; ++attempt) {
      std::string name = object_name(k);
      auto data = co_await io.read(std::move(name));
      if (!data) {
        last = status(data.err());
        if (is_enoent(data.code())) {
          ++counts.missing;
          std::fprintf(stderr, "MISSING %s: acknowledged generation %llu, but no object\n", object_name(k).c_str(),
                       static_cast<unsigned long long>(h.acked));
          settled = true;
          break;
        }
        asio::steady_timer pause(ex, std::chrono::milliseconds(500));
        boost::system::error_code ec;
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        continue;
      }
      settled = true;
      const decoded d = decode_content(data->to_string());
      if (d.valid && d.k == k && d.g == h.acked) {
        ++counts.intact;
      } else if (d.valid && d.k == k && h.in_doubt.contains(d.g)) {
        ++counts.in_doubt;
      } else {
        ++counts.mismatched;
        std::fprintf(stderr, "MISMATCH %s: expected generation %llu (%zu later in doubt), got %s\n",
                     object_name(k).c_str(), static_cast<unsigned long long>(h.acked), h.in_doubt.size(),
                     d.valid ? fmt::format("fw-{} generation {}", d.k, d.g).c_str() : d.why.c_str());
      }
    }
    if (!settled) {
      ++counts.unreadable;
      std::fprintf(stderr, "UNREADABLE %s: %s\n", object_name(k).c_str(),
                   last ? last->err().what().c_str() : "no answer");
    }
  }
}

asio::awaitable<int> verify_command(const options& o, client& c) {
  std::map<std::uint64_t, object_history> objects;
  std::string journal_pool;
  if (!load_journal(o.journal, objects, journal_pool)) co_return 1;
  if (!journal_pool.empty() && journal_pool != o.pool)
    std::fprintf(stderr, "fault_workload: note: the journal was written for pool %s, verifying %s\n",
                 journal_pool.c_str(), o.pool.c_str());
  auto pool = co_await open_pool(o, c);
  if (!pool) co_return 1;
  std::vector<std::pair<std::uint64_t, object_history>> todo;
  for (auto& [k, h] : objects)
    if (h.acked > 0) todo.emplace_back(k, h);
  verify_counts counts;
  std::size_t next = 0;
  auto ex = co_await asio::this_coro::executor;
  auto running = std::make_shared<unsigned>(o.threads);
  auto done = std::make_shared<asio::steady_timer>(ex, clock_type::time_point::max());
  ioctx io = *pool;
  for (unsigned w = 0; w < o.threads; ++w) {
    asio::co_spawn(ex, verify_worker(io, todo, next, counts), [running, done](std::exception_ptr) {
      if (--*running == 0) done->cancel();
    });
  }
  boost::system::error_code ec;
  co_await done->async_wait(asio::redirect_error(asio::use_awaitable, ec));
  json out = {{"checked", counts.checked},       {"intact", counts.intact}, {"mismatched", counts.mismatched},
              {"missing", counts.missing},       {"in_doubt", counts.in_doubt},
              {"unreadable", counts.unreadable}, {"journal_objects", objects.size()}};
  std::printf("%s\n", out.dump().c_str());
  co_return (counts.mismatched == 0 && counts.missing == 0 && counts.unreadable == 0) ? 0 : 1;
}

int main_impl(int argc, char** argv) {
  options o = parse_args(argc, argv);
  if (o.seed == 0) o.seed = static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  cli::global_options g;
  g.ms_mode = o.ms_mode;
  g.op_timeout = static_cast<double>(o.op_timeout_ms) / 1000.0;
  auto setup = cli::build_client_setup(g);
  if (!setup) {
    std::fprintf(stderr, "fault_workload: %s\n", setup.err().what().c_str());
    return 2;
  }
  if (o.verbose) {
    const auto t0 = clock_type::now();
    setup->mon.log = [t0](mon::log_level level, std::string_view line) {
      static constexpr const char* names[] = {"debug", "info", "warning", "error"};
      std::fprintf(stderr, "[%.3f %s] %.*s\n", seconds_between(t0, clock_type::now()), names[static_cast<int>(level)],
                   static_cast<int>(line.size()), line.data());
    };
  }
  asio::io_context io;
  client c(io.get_executor(), setup->mon, setup->objecter());
  int code = 1;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        if (o.command == "run") code = co_await run_command(o, c);
        else code = co_await verify_command(o, c);
        c.shutdown();
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  return code;
}

}  // namespace
}  // namespace radosio::fault

int main(int argc, char** argv) {
  try {
    return radosio::fault::main_impl(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fault_workload: %s\n", e.what());
    return 1;
  }
}
