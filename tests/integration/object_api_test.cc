// The public object API against a real cluster (CEPH_CONF): listing returns every object
// exactly once (also split N ways, and in the order `rados ls` prints), compound writes are
// atomic, compound reads bring several answers in one round trip, omap and xattrs behave as
// the OSD defines them, failures come back as errors naming the object, pool snapshots are
// listed, read and rolled back to, and cls_lock's calls answer as the lock class does.

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <set>

#include "radosio/async.h"
#include "radosio/client.h"
#include "radosio/cls_lock.h"
#include "radosio/ioctx.h"
#include "tools/cli/client_setup.h"

namespace radosio {
namespace {

namespace asio = boost::asio;

std::string shell(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> chunk{};
  while (auto n = std::fread(chunk.data(), 1, chunk.size(), p)) out.append(chunk.data(), n);
  ::pclose(p);
  return out;
}

buffer_list text(std::string_view s) { return buffer_list(buffer::copy_of(s)); }

// Runs `body` with a connected client and an ioctx on a fresh pool (pg_num 16), and removes
// the pool afterwards. Failures inside are reported through the returned string.
class object_api : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::getenv("CEPH_CONF") == nullptr) GTEST_SKIP() << "no cluster (CEPH_CONF unset)";
    pool_ = "it-api-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    ASSERT_EQ(std::system(("ceph osd pool create " + pool_ + " 16 16 >/dev/null 2>&1").c_str()), 0);
  }
  void TearDown() override {
    if (!pool_.empty())
      (void)std::system(("ceph osd pool rm " + pool_ + " " + pool_ + " --yes-i-really-really-mean-it >/dev/null 2>&1").c_str());
  }

  void run(const std::function<asio::awaitable<void>(ioctx&)>& body) {
    cli::global_options options;
    auto setup = cli::build_client_setup(options);
    ASSERT_TRUE(setup) << setup.err().what();
    asio::io_context io;
    client c(io.get_executor(), setup->mon, setup->objecter());
    bool finished = false;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
      auto up = co_await c.connect();
      EXPECT_TRUE(up) << up.err().what();
      if (up) {
        auto pool = co_await c.open_pool(pool_);
        EXPECT_TRUE(pool) << pool.err().what();
        if (pool) co_await body(*pool);
      }
      c.shutdown();
      finished = true;
    }, [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
    io.run();
    EXPECT_TRUE(finished);
  }

  std::string pool_;
};

// Writes `n` objects with `parallel` writes in flight.
asio::awaitable<int> write_many(ioctx& io, int n, int parallel) {
  int next = 0;
  int failures = 0;
  auto worker = [&]() -> asio::awaitable<void> {
    while (next < n) {
      const int i = next++;
      auto name = "obj-" + std::to_string(i);
      auto data = text(name);
      auto st = co_await io.write_full(std::move(name), std::move(data));
      if (!st) ++failures;
    }
  };
  auto ex = co_await asio::this_coro::executor;
  int running = parallel;
  asio::steady_timer done(ex, asio::steady_timer::time_point::max());
  for (int w = 0; w < parallel; ++w) {
    asio::co_spawn(ex, worker(), [&](std::exception_ptr) {
      if (--running == 0) done.cancel();
    });
  }
  boost::system::error_code ec;
  co_await done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  co_return failures;
}

asio::awaitable<std::vector<std::string>> list_all(ioctx& io, list_cursor cursor, std::size_t page_size) {
  std::vector<std::string> names;
  while (!cursor.at_end()) {
    auto page = co_await io.list(cursor, page_size);
    EXPECT_TRUE(page) << page.err().what();
    if (!page) break;
    for (auto& e : page->entries) names.push_back(e.name);
    cursor = page->next;
  }
  co_return names;
}

TEST_F(object_api, listing_returns_each_object_once_also_split_n_ways) {
  constexpr int count = 10000;
  std::vector<std::string> listed;
  std::vector<std::vector<std::string>> slices(4);
  run([&](ioctx& io) -> asio::awaitable<void> {
    const int failures = co_await write_many(io, count, 64);
    EXPECT_EQ(failures, 0);
    listed = co_await list_all(io, list_cursor{}, 1000);
    for (std::size_t i = 0; i < slices.size(); ++i) slices[i] = co_await list_all(io, io.split(i, slices.size()), 333);
  });
  std::set<std::string> unique(listed.begin(), listed.end());
  EXPECT_EQ(listed.size(), static_cast<std::size_t>(count));
  EXPECT_EQ(unique.size(), static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) EXPECT_TRUE(unique.count("obj-" + std::to_string(i))) << "obj-" << i << " not listed";

  std::vector<std::string> joined;
  for (const auto& s : slices) joined.insert(joined.end(), s.begin(), s.end());
  std::set<std::string> joined_unique(joined.begin(), joined.end());
  EXPECT_EQ(joined.size(), static_cast<std::size_t>(count)) << "the slices overlap or miss objects";
  EXPECT_EQ(joined_unique, unique);
  // Slices in order are the whole listing in order.
  EXPECT_EQ(joined, listed);

  // The same order as `rados ls`.
  std::string theirs = shell("rados -p " + pool_ + " ls");
  std::string ours;
  for (const auto& n : listed) ours += n + "\n";
  EXPECT_TRUE(ours == theirs) << "listing order differs from rados ls";
}

TEST_F(object_api, compound_write_is_atomic) {
  run([&](ioctx& io) -> asio::awaitable<void> {
    EXPECT_TRUE(co_await io.write_full("guarded", text("original")));
    EXPECT_TRUE(co_await io.set_xattr("guarded", "version", text("1")));

    write_op wrong;
    wrong.cmp_xattr("version", compare_op::eq, "2").write_full(text("replaced")).set_xattr("version", text("2"));
    auto refused = co_await io.operate("guarded", std::move(wrong));
    EXPECT_FALSE(refused);
    EXPECT_EQ(refused.code(), std::errc::operation_canceled) << refused.err().what();
    auto data = co_await io.read("guarded");
    EXPECT_TRUE(data && data->to_string() == "original") << "a refused compound op changed the data";
    auto version = co_await io.get_xattr("guarded", "version");
    EXPECT_TRUE(version && version->to_string() == "1");

    write_op right;
    right.cmp_xattr("version", compare_op::eq, "1").write_full(text("replaced")).set_xattr("version", text("2"));
    auto applied = co_await io.operate("guarded", std::move(right));
    EXPECT_TRUE(applied) << applied.err().what();
    data = co_await io.read("guarded");
    EXPECT_TRUE(data && data->to_string() == "replaced");

    // Numeric comparison: the stored "2" parsed as a number.
    write_op numeric;
    numeric.cmp_xattr("version", compare_op::gt, std::uint64_t{1}).append(text("+"));
    auto numeric_done = co_await io.operate("guarded", std::move(numeric));
    EXPECT_FALSE(numeric_done) << "2 > 1 is false in Ceph's order (operand OP stored)";
  });
}

TEST_F(object_api, compound_read_and_omap) {
  run([&](ioctx& io) -> asio::awaitable<void> {
    write_op setup;
    std::map<std::string, buffer_list> values;
    for (int i = 0; i < 50; ++i) values["key-" + std::to_string(100 + i)] = text("value-" + std::to_string(i));
    values[std::string("bin\0key", 7)] = text(std::string("\0\1\2", 3));
    setup.create(false).write_full(text("payload")).set_xattr("a", text("x")).set_xattr("b", text("yy"))
        .omap_set(values).omap_set_header(text("header!"));
    auto written = co_await io.operate("omap-obj", std::move(setup));
    EXPECT_TRUE(written) << written.err().what();

    read_op read;
    object_stat st;
    buffer_list data;
    std::map<std::string, buffer_list> xattrs;
    std::set<std::string> keys;
    bool more = true;
    buffer_list header;
    int stat_rval = -1;
    int missing_rval = 0;
    buffer_list missing;
    read.stat(&st, &stat_rval).read(0, 0, &data).get_xattrs(&xattrs).omap_get_keys("", 10, &keys, &more)
        .omap_get_header(&header);
    auto ok = co_await io.operate("omap-obj", std::move(read));
    EXPECT_TRUE(ok) << ok.err().what();
    EXPECT_EQ(stat_rval, 0);
    EXPECT_EQ(st.size, 7u);
    EXPECT_EQ(data.to_string(), "payload");
    EXPECT_EQ(xattrs.size(), 2u);
    EXPECT_EQ(xattrs["b"].to_string(), "yy");
    EXPECT_EQ(keys.size(), 10u);
    EXPECT_TRUE(more);
    EXPECT_EQ(header.to_string(), "header!");

    // Paging by start_after, a prefix filter, lookups by key (binary keys too).
    std::map<std::string, buffer_list> page;
    bool page_more = false;
    read_op vals;
    vals.omap_get_vals("key-120", "key-12", 100, &page, &page_more);
    EXPECT_TRUE(co_await io.operate("omap-obj", std::move(vals)));
    EXPECT_EQ(page.size(), 9u);  // key-121 .. key-129
    EXPECT_FALSE(page_more);
    std::map<std::string, buffer_list> by_key;
    read_op lookup;
    lookup.omap_get_vals_by_keys({std::string("bin\0key", 7), "absent"}, &by_key);
    EXPECT_TRUE(co_await io.operate("omap-obj", std::move(lookup)));
    EXPECT_EQ(by_key.size(), 1u);
    EXPECT_EQ(by_key[std::string("bin\0key", 7)].to_string(), std::string("\0\1\2", 3));

    // A missing xattr in a read op: that step's rval, and the whole op fails.
    read_op partial;
    partial.get_xattr("nope", &missing, &missing_rval);
    auto failed = co_await io.operate("omap-obj", std::move(partial));
    EXPECT_FALSE(failed);
    EXPECT_EQ(missing_rval, -ENODATA);

    write_op remove_keys;
    remove_keys.omap_rm_keys({"key-100", "key-101"});
    EXPECT_TRUE(co_await io.operate("omap-obj", std::move(remove_keys)));
    std::set<std::string> all_keys;
    read_op count;
    count.omap_get_keys("", 1000, &all_keys);
    EXPECT_TRUE(co_await io.operate("omap-obj", std::move(count)));
    EXPECT_EQ(all_keys.size(), 49u);
    write_op clear;
    clear.omap_clear();
    EXPECT_TRUE(co_await io.operate("omap-obj", std::move(clear)));
    read_op none;
    none.omap_get_keys("", 1000, &all_keys);
    EXPECT_TRUE(co_await io.operate("omap-obj", std::move(none)));
    EXPECT_TRUE(all_keys.empty());
  });
}

TEST_F(object_api, errors_name_the_object_and_carry_the_errno) {
  run([&](ioctx& io) -> asio::awaitable<void> {
    auto missing = co_await io.read("never-written");
    EXPECT_FALSE(missing);
    EXPECT_EQ(missing.code(), std::errc::no_such_file_or_directory);
    EXPECT_NE(missing.err().what().find(pool_ + "/never-written"), std::string::npos) << missing.err().what();

    EXPECT_TRUE(co_await io.create("exclusive", true));
    auto again = co_await io.create("exclusive", true);
    EXPECT_EQ(again.code(), std::errc::file_exists);

    // Namespaces and locator keys separate objects of the same name.
    ioctx other = io;
    other.set_namespace("elsewhere");
    EXPECT_TRUE(co_await other.write_full("shared-name", text("in ns")));
    EXPECT_TRUE(co_await io.write_full("shared-name", text("default ns")));
    auto a = co_await other.read("shared-name");
    auto b = co_await io.read("shared-name");
    EXPECT_TRUE(a && a->to_string() == "in ns");
    EXPECT_TRUE(b && b->to_string() == "default ns");
  });
  // A pool that does not exist: ENOENT from open_pool.
  cli::global_options options;
  auto setup = cli::build_client_setup(options);
  ASSERT_TRUE(setup);
  asio::io_context io;
  client c(io.get_executor(), setup->mon, setup->objecter());
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    EXPECT_TRUE(co_await c.connect());
    auto pool = co_await c.open_pool("no-such-pool-anywhere");
    EXPECT_EQ(pool.code(), std::errc::no_such_file_or_directory);
    c.shutdown();
  }, [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
  io.run();
}

TEST_F(object_api, completion_tokens_and_cancellation) {
  // The pool's PGs cannot activate (four copies wanted, three OSDs): writes are held.
  ASSERT_EQ(std::system(("ceph osd pool set " + pool_ + " size 4 >/dev/null 2>&1 && ceph osd pool set " + pool_ +
                         " min_size 4 >/dev/null 2>&1").c_str()), 0);
  run([&](ioctx& io) -> asio::awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    asio::cancellation_signal cancel;
    std::optional<std::error_code> outcome;
    const auto started = std::chrono::steady_clock::now();
    auto data = text("never written");
    auto op = io.write_full("held", std::move(data));
    radosio::async(ex, std::move(op), asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, status st) {
      outcome = e ? std::make_error_code(std::errc::operation_canceled) : st.code();
    }));
    asio::steady_timer pause(ex, std::chrono::seconds(2));
    co_await pause.async_wait(asio::use_awaitable);
    EXPECT_FALSE(outcome.has_value()) << "the write should be held by the inactive PG";
    cancel.emit(asio::cancellation_type::terminal);
    pause.expires_after(std::chrono::milliseconds(200));
    co_await pause.async_wait(asio::use_awaitable);
    EXPECT_TRUE(outcome.has_value()) << "cancellation did not end the call";
    if (outcome) {
      EXPECT_EQ(*outcome, std::errc::operation_canceled);
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  });
}

TEST_F(object_api, pool_snapshots) {
  run([&](ioctx& io) -> asio::awaitable<void> {
    auto one = text("one");
    EXPECT_TRUE(co_await io.write_full("obj", std::move(one)));
    auto made = co_await io.snap_create("s1");
    EXPECT_TRUE(made) << made.err().what();
    if (!made) co_return;
    // The map that carries it has arrived: it is listed at once, here and by rados.
    auto listed = io.snap_list();
    EXPECT_TRUE(listed && listed->size() == 1 && listed->front().id == *made && listed->front().name == "s1");
    auto found = io.snap_lookup("s1");
    EXPECT_TRUE(found && *found == *made);
    EXPECT_NE(shell("rados -p " + pool_ + " lssnap").find("\ts1\t"), std::string::npos);
    EXPECT_EQ((co_await io.snap_create("s1")).code(), std::errc::file_exists);

    auto two = text("two");
    EXPECT_TRUE(co_await io.write_full("obj", std::move(two)));
    ioctx at_s1 = io;
    at_s1.set_read_snap(*made);
    auto old = co_await at_s1.read("obj");
    EXPECT_EQ(old ? old->to_string() : old.err().what(), "one");
    auto refused = text("x");
    EXPECT_EQ((co_await at_s1.write_full("obj", std::move(refused))).code(), std::errc::read_only_file_system);
    auto head = co_await io.read("obj");
    EXPECT_EQ(head ? head->to_string() : head.err().what(), "two");

    EXPECT_TRUE(co_await io.rollback("obj", "s1"));
    head = co_await io.read("obj");
    EXPECT_EQ(head ? head->to_string() : head.err().what(), "one");
    EXPECT_EQ((co_await io.rollback("obj", "nosuch")).code(), std::errc::no_such_file_or_directory);

    EXPECT_TRUE(co_await io.snap_remove("s1"));
    listed = io.snap_list();
    EXPECT_TRUE(listed && listed->empty());
    EXPECT_EQ((co_await io.snap_remove("s1")).code(), std::errc::no_such_file_or_directory);
    EXPECT_EQ(io.snap_lookup("s1").code(), std::errc::no_such_file_or_directory);
    EXPECT_EQ(io.snap_get(*made).code(), std::errc::no_such_file_or_directory);
  });
}

TEST_F(object_api, cls_lock_calls) {
  namespace lk = cls_lock;
  run([&](ioctx& io) -> asio::awaitable<void> {
    EXPECT_TRUE(co_await lk::lock_exclusive(io, "obj", "l", "c1"));  // creates the object
    EXPECT_EQ((co_await lk::lock_exclusive(io, "obj", "l", "c1")).code(), std::errc::file_exists);
    EXPECT_EQ((co_await lk::lock_exclusive(io, "obj", "l", "c2")).code(), std::errc::device_or_resource_busy);
    lk::lock_request renew;
    renew.name = "l";
    renew.cookie = "c1";
    renew.flags = lk::lock_flag::may_renew;
    EXPECT_TRUE(co_await lk::lock(io, "obj", renew));

    auto info = co_await lk::get_lock_info(io, "obj", "l");
    EXPECT_TRUE(info) << info.err().what();
    if (info) {
      EXPECT_EQ(info->type, lk::lock_type::exclusive);
      EXPECT_EQ(info->lockers.size(), 1u);
      if (!info->lockers.empty()) {
        EXPECT_EQ(info->lockers[0].cookie, "c1");
        EXPECT_EQ(info->lockers[0].name.type, 0x08);
        EXPECT_EQ(info->lockers[0].expiration, object_time{});
      }
      // rados reads the same lock.
      EXPECT_NE(shell("rados -p " + pool_ + " lock info obj l").find("\"cookie\":\"c1\""), std::string::npos);
    }
    EXPECT_TRUE(co_await lk::unlock(io, "obj", "l", "c1"));
    EXPECT_EQ((co_await lk::unlock(io, "obj", "l", "c1")).code(), std::errc::no_such_file_or_directory);

    EXPECT_TRUE(co_await lk::lock_shared(io, "obj", "s", "a", "tag"));
    EXPECT_TRUE(co_await lk::lock_shared(io, "obj", "s", "b", "tag"));
    EXPECT_EQ((co_await lk::lock_shared(io, "obj", "s", "c", "other")).code(), std::errc::device_or_resource_busy);
    auto names = co_await lk::list_locks(io, "obj");
    EXPECT_TRUE(names && *names == (std::vector<std::string>{"l", "s"}));
    info = co_await lk::get_lock_info(io, "obj", "s");
    EXPECT_TRUE(info && info->type == lk::lock_type::shared && info->tag == "tag" && info->lockers.size() == 2);
    if (info && !info->lockers.empty()) {
      EXPECT_TRUE(co_await lk::break_lock(io, "obj", "s", "a", info->lockers[0].name));
      EXPECT_EQ((co_await lk::break_lock(io, "obj", "s", "a", info->lockers[0].name)).code(),
                std::errc::no_such_file_or_directory);
    }

    // A lock in a compound write, with a duration, expires.
    write_op op;
    lk::lock_request brief;
    brief.name = "brief";
    brief.duration = std::chrono::seconds(1);
    lk::lock(op, brief);
    op.set_xattr("locked-by", text("me"));
    EXPECT_TRUE(co_await io.operate("obj", std::move(op)));
    info = co_await lk::get_lock_info(io, "obj", "brief");
    EXPECT_TRUE(info && info->lockers.size() == 1 && info->lockers[0].expiration > object_time{});
    asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(2500));
    co_await pause.async_wait(asio::use_awaitable);
    info = co_await lk::get_lock_info(io, "obj", "brief");
    EXPECT_TRUE(info && info->lockers.empty());
    EXPECT_EQ((co_await lk::list_locks(io, "missing")).code(), std::errc::no_such_file_or_directory);
  });
}

}  // namespace
}  // namespace radosio
