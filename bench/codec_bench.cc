// Micro-benchmarks of the encoding layer: crc32c throughput and pg_pool_t decoding, the two
// pieces of common/ that run on every frame and every map.

#include <benchmark/benchmark.h>

#include <vector>

#include "common/crc32c.h"
#include "common/object_hash.h"
#include "common/types/pg_pool.h"

namespace {

void bm_crc32c(benchmark::State& state) {
  std::vector<std::uint8_t> data(static_cast<std::size_t>(state.range(0)), 0x5a);
  for (auto _ : state) benchmark::DoNotOptimize(radosio::crc32c(0xffffffff, data));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(bm_crc32c)->Arg(4096)->Arg(4 << 20);

void bm_rjenkins(benchmark::State& state) {
  const std::string name = "rbd_data.1234567890abcdef.0000000000000042";
  for (auto _ : state) benchmark::DoNotOptimize(radosio::str_hash_rjenkins(name));
}
BENCHMARK(bm_rjenkins);

void bm_pg_pool_roundtrip(benchmark::State& state) {
  radosio::pg_pool pool;
  pool.size = 3;
  pool.pg_num = pool.pgp_num = 128;
  pool.application_metadata["rbd"] = {};
  const auto bytes = radosio::wire::encode_to_bytes(pool);
  for (auto _ : state) {
    radosio::pg_pool decoded;
    benchmark::DoNotOptimize(radosio::wire::decode_exact(bytes, decoded));
  }
}
BENCHMARK(bm_pg_pool_roundtrip);

}  // namespace

BENCHMARK_MAIN();
