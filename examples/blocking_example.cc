// The same job with plain blocking calls (one I/O thread runs underneath).
//
//   RADOSIO_MON_HOST=v2:127.0.0.1:3300 RADOSIO_KEY=AQ... ./blocking_example POOL

#include <radosio/blocking.h>

#include <cstdio>
#include <cstdlib>

static const char* env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v ? v : fallback;
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

  auto cluster = radosio::blocking_client::connect(config);
  if (!cluster) {
    std::fprintf(stderr, "connect: %s\n", cluster.err().what().c_str());
    return 1;
  }
  auto& c = **cluster;
  auto pool = c.open_pool(argv[1]);
  if (!pool) {
    std::fprintf(stderr, "%s\n", pool.err().what().c_str());
    return 1;
  }
  radosio::buffer_list data(radosio::buffer::copy_of(std::string_view("written without coroutines\n")));
  if (auto st = c.run(pool->write_full("blocking-object", data)); !st) {
    std::fprintf(stderr, "%s\n", st.err().what().c_str());
    return 1;
  }
  auto back = c.run(pool->read("blocking-object"));
  if (!back) {
    std::fprintf(stderr, "%s\n", back.err().what().c_str());
    return 1;
  }
  std::printf("read back: %s", back->to_string().c_str());
  return c.run(pool->remove("blocking-object")) ? 0 : 1;
}
