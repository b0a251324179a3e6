// Writes an object, reads it back, lists the pool and removes the object, with coroutines.
//
//   RADOSIO_MON_HOST=v2:127.0.0.1:3300 RADOSIO_KEY=AQ... ./coroutine_example POOL

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <radosio/client.h>
#include <radosio/ioctx.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace asio = boost::asio;

static const char* env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v ? v : fallback;
}

static asio::awaitable<int> run(radosio::client& cluster, std::string pool_name) {
  if (auto up = co_await cluster.connect(); !up) {
    std::fprintf(stderr, "connect: %s\n", up.err().what().c_str());
    co_return 1;
  }
  auto pool = co_await cluster.open_pool(pool_name);
  if (!pool) {
    std::fprintf(stderr, "%s\n", pool.err().what().c_str());
    co_return 1;
  }
  radosio::buffer_list data(radosio::buffer::copy_of(std::string_view("hello from radosio\n")));
  if (auto st = co_await pool->write_full("example-object", data); !st) {
    std::fprintf(stderr, "%s\n", st.err().what().c_str());
    co_return 1;
  }
  auto back = co_await pool->read("example-object");
  auto info = co_await pool->stat("example-object");
  if (!back || !info) {
    std::fprintf(stderr, "read back failed\n");
    co_return 1;
  }
  std::printf("read %zu bytes (size %llu): %s", back->size(), static_cast<unsigned long long>(info->size),
              back->to_string().c_str());

  std::size_t objects = 0;
  radosio::list_cursor cursor;
  while (!cursor.at_end()) {
    auto page = co_await pool->list(cursor, 1000);
    if (!page) {
      std::fprintf(stderr, "%s\n", page.err().what().c_str());
      co_return 1;
    }
    objects += page->entries.size();
    cursor = page->next;
  }
  std::printf("pool %s holds %zu objects\n", pool_name.c_str(), objects);
  co_return (co_await pool->remove("example-object")) ? 0 : 1;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s POOL   (RADOSIO_MON_HOST, RADOSIO_KEY, RADOSIO_NAME from the environment)\n", argv[0]);
    return 2;
  }
  radosio::client_config config;
  config.mon_host = env_or("RADOSIO_MON_HOST", "v2:127.0.0.1:3300");
  config.key = env_or("RADOSIO_KEY", "");
  config.name = env_or("RADOSIO_NAME", "client.admin");

  asio::io_context io;
  auto cluster = radosio::client::create(io.get_executor(), config);
  if (!cluster) {
    std::fprintf(stderr, "%s\n", cluster.err().what().c_str());
    return 2;
  }
  int status = 1;
  asio::co_spawn(io, run(*cluster, argv[1]), [&](std::exception_ptr e, int s) {
    status = e ? 1 : s;
    cluster->shutdown();
  });
  io.run();
  return status;
}
