// Placement throughput on one OSDMap file: every PG of a pool (raw, up, acting) and objects
// to their acting primary (hash, fold, CRUSH, upmaps, affinity, temps), as
// bench/placement_compare.py reports beside osdmaptool.
//
//   RADOSIO_BENCH_OSDMAP=map.bin RADOSIO_BENCH_POOL=1 build/bin/bench_placement

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "osdc/osdmap_codec.h"
#include "osdc/placement.h"

namespace {

using namespace radosio;

const osdc::placement* load() {
  static osdc::placement_ref placement = [] {
    const char* path = std::getenv("RADOSIO_BENCH_OSDMAP");
    if (!path) return osdc::placement_ref{};
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto map = osdc::decode_osdmap(buffer::adopt(std::move(bytes)));
    if (!map) return osdc::placement_ref{};
    // Maps made by `osdmaptool --createsimple` have every OSD down and out; like osdmaptool's
    // --mark-up-in, bring them up and in so the benchmark maps real sets.
    auto state = (*map)->state();
    if (std::getenv("RADOSIO_BENCH_MARK_UP_IN")) {
      for (auto& s : state.osd_state) s |= osdc::osd_state_bit::exists | osdc::osd_state_bit::up;
      for (auto& w : state.osd_weight) w = osdc::weight_in;
    }
    auto p = osdc::placement::build(std::make_shared<const osdc::osdmap>(std::move(state)));
    return p ? *p : osdc::placement_ref{};
  }();
  return placement.get();
}

std::int64_t pool_id() {
  const char* id = std::getenv("RADOSIO_BENCH_POOL");
  return id ? std::atoll(id) : 1;
}

void bm_map_every_pg(benchmark::State& state) {
  const auto* p = load();
  if (!p || !p->map().pool(pool_id())) {
    state.SkipWithError("set RADOSIO_BENCH_OSDMAP (and RADOSIO_BENCH_POOL) to a map and pool");
    return;
  }
  const auto pg_num = p->map().pool(pool_id())->pg_num;
  auto ws = p->make_workspace();
  osdc::pg_mapping m;
  for (auto _ : state) {
    for (std::uint32_t seed = 0; seed < pg_num; ++seed) p->map_pg({pool_id(), seed}, ws, m);
    benchmark::DoNotOptimize(m.acting_primary);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * pg_num);
  state.counters["pgs"] = pg_num;
}
BENCHMARK(bm_map_every_pg)->Unit(benchmark::kMillisecond);

void bm_object_to_primary(benchmark::State& state) {
  const auto* p = load();
  if (!p || !p->map().pool(pool_id())) {
    state.SkipWithError("set RADOSIO_BENCH_OSDMAP (and RADOSIO_BENCH_POOL) to a map and pool");
    return;
  }
  std::vector<std::string> names;
  for (int i = 0; i < 4096; ++i) names.push_back("rbd_data.1234abcd." + std::to_string(i));
  auto ws = p->make_workspace();
  osdc::pg_mapping m;
  std::size_t i = 0;
  for (auto _ : state) {
    auto raw = p->object_to_raw_pg(pool_id(), names[i++ & 4095]);
    p->map_pg(*raw, ws, m);
    benchmark::DoNotOptimize(m.acting_primary);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(bm_object_to_primary);

}  // namespace

BENCHMARK_MAIN();
