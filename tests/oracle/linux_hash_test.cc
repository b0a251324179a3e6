// Pools whose object_hash is CEPH_STR_HASH_LINUX (the Linux dcache hash) against osdmaptool.
//
// osdmaptool cannot create such a pool, so the test makes a map with osdmaptool (12 OSDs
// under 4 hosts, the default pool), rewrites pool 1's object_hash with our own decoder and
// encoder (the map's crc recomputed, all OSDs marked up and in so every PG has a full acting
// set), and then asks `osdmaptool --test-map-object NAME --pool 1` where each of a couple of
// thousand names lands: the PG and acting set must be the ones our placement computes.
//
// osdmaptool maps names only, without namespace or locator key. Ceph hashes a namespaced
// object as "nspace\x1f" + name and a keyed one by its key alone, so those cases hand
// osdmaptool the string Ceph would hash; they check how we build that string.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "ceph_tools.h"
#include "common/object_hash.h"
#include "osdc/osdmap_codec.h"
#include "osdc/placement.h"

namespace radosio::osdc {
namespace {

namespace fs = std::filesystem;

constexpr const char* osdmaptool = "/usr/bin/osdmaptool";
constexpr const char* crushtool = "/usr/bin/crushtool";
constexpr std::int64_t pool_id = 1;
constexpr std::uint8_t hash_linux = 1;  // CEPH_STR_HASH_LINUX
// One osdmaptool process per object (~15 ms each): 2,000 names keep the test near 30 s.
constexpr int object_count = 2000;

std::vector<std::uint8_t> file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& path, const buffer& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

// Builds the map described above and returns its path (empty on failure, with the failure
// already reported).
fs::path make_linux_hash_map(const test::temp_dir& dir) {
  const auto crush = dir / "crush";
  const auto built = dir / "built";
  const auto rewritten = dir / "linux";
  const auto sh = [](const std::string& command) {
    return test::run_command(command + " >/dev/null 2>&1").status;
  };
  if (sh(std::string(crushtool) + " --outfn " + test::shell_quote(crush.string()) +
         " --build --num_osds 12 host straw2 3 root straw2 0") != 0 ||
      sh(std::string(osdmaptool) + " --createsimple 12 --with-default-pool --clobber " +
         test::shell_quote(built.string())) != 0 ||
      sh(std::string(osdmaptool) + " " + test::shell_quote(built.string()) + " --import-crush " +
         test::shell_quote(crush.string())) != 0) {
    ADD_FAILURE() << "crushtool/osdmaptool could not build the map";
    return {};
  }
  auto state = decode_osdmap_state(buffer::adopt(file_bytes(built)));
  if (!state) {
    ADD_FAILURE() << state.err().what();
    return {};
  }
  auto pool = state->pools.find(pool_id);
  if (pool == state->pools.end()) {
    ADD_FAILURE() << "osdmaptool made no pool " << pool_id;
    return {};
  }
  pool->second.object_hash = hash_linux;
  for (std::size_t osd = 0; osd < state->osd_state.size(); ++osd) {
    state->osd_state[osd] = osd_state_bit::exists | osd_state_bit::up;
    state->osd_weight[osd] = weight_in;
  }
  write_bytes(rewritten, encode_osdmap(*state));
  return rewritten;
}

// One object: what we pass to placement, and the single string osdmaptool must hash.
struct object_case {
  std::string name, key, nspace;
  [[nodiscard]] std::string hashed_by_ceph() const {
    const std::string& base = key.empty() ? name : key;
    return nspace.empty() ? base : nspace + '\x1f' + base;
  }
};

std::string random_bytes(std::mt19937& rng, std::size_t length) {
  std::uniform_int_distribution<int> byte(1, 255);  // anything but NUL, which argv cannot carry
  std::string s(length, ' ');
  for (auto& c : s) c = static_cast<char>(byte(rng));
  return s;
}

// Lengths 1..100 in turn (osdmaptool treats an empty name as "no object"); every fifth
// object has a namespace (which lets the name be empty), every thirteenth a locator key.
std::vector<object_case> make_cases() {
  std::mt19937 rng(20240611);
  std::vector<object_case> cases;
  for (int i = 0; i < object_count; ++i) {
    object_case c;
    const std::size_t length = 1 + static_cast<std::size_t>(i % 100);
    c.name = random_bytes(rng, length);
    if (i % 5 == 0) {
      c.nspace = random_bytes(rng, 1 + static_cast<std::size_t>(i % 17));
      if (i % 10 == 0) c.name.clear();
    }
    if (i % 13 == 0) c.key = random_bytes(rng, 1 + static_cast<std::size_t>(i % 31));
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string osd_list(const std::vector<std::int32_t>& osds) {
  std::string s = "[";
  for (std::size_t i = 0; i < osds.size(); ++i) s += (i ? "," : "") + std::to_string(osds[i]);
  return s + "]";
}

// " object 'NAME' -> PG -> [OSDS]": PG and OSDS, taken from the end because NAME may hold
// anything, " -> " included.
bool parse_mapping(const std::string& out, std::string& pg, std::string& osds) {
  std::string line = out;
  while (!line.empty() && line.back() == '\n') line.pop_back();
  const auto second = line.rfind(" -> ");
  if (second == std::string::npos || second == 0) return false;
  const auto first = line.rfind(" -> ", second - 1);
  if (first == std::string::npos) return false;
  pg = line.substr(first + 4, second - first - 4);
  osds = line.substr(second + 4);
  return true;
}

TEST(LinuxHashOracle, ObjectsMapLikeOsdmaptool) {
  if (!fs::exists(osdmaptool) || !fs::exists(crushtool))
    GTEST_SKIP() << "osdmaptool/crushtool not installed";
  test::temp_dir dir;
  ASSERT_TRUE(dir.ok());
  const auto map_file = make_linux_hash_map(dir);
  ASSERT_FALSE(map_file.empty());

  // The rewrite is what osdmaptool reads: crc recomputed (our decoder verifies it), and
  // osdmaptool sees the linux hash and the OSDs up.
  auto decoded = decode_osdmap(buffer::adopt(file_bytes(map_file)));
  ASSERT_TRUE(decoded) << decoded.err().what();
  EXPECT_EQ((*decoded)->crc_check(), crc_status::verified);
  const auto dump = nlohmann::json::parse(
      test::run_command(std::string(osdmaptool) + " " + test::shell_quote(map_file.string()) +
                        " --dump json 2>/dev/null")
          .out,
      nullptr, false);
  ASSERT_FALSE(dump.is_discarded());
  ASSERT_EQ(dump.at("pools").size(), 1u);
  EXPECT_EQ(dump.at("pools")[0].at("object_hash").get<int>(), hash_linux);
  for (const auto& osd : dump.at("osds")) EXPECT_EQ(osd.at("up").get<int>(), 1);

  auto built = placement::build(*decoded);
  ASSERT_TRUE(built) << built.err().what();
  const placement& p = **built;
  const pg_pool& pool = *p.map().pool(pool_id);
  auto ws = p.make_workspace();
  pg_mapping mapping;

  int compared = 0, differs_from_rjenkins = 0, mismatches = 0;
  const auto started = std::chrono::steady_clock::now();
  for (const auto& c : make_cases()) {
    const auto out = test::run_program({osdmaptool, map_file.string(), "--test-map-object",
                                        c.hashed_by_ceph(), "--pool", std::to_string(pool_id)});
    std::string their_pg, their_osds;
    ASSERT_TRUE(out.status == 0 && parse_mapping(out.out, their_pg, their_osds))
        << "osdmaptool printed: " << out.out;

    const auto raw = p.object_to_raw_pg(pool_id, c.name, c.key, c.nspace);
    ASSERT_TRUE(raw) << raw.err().what();
    const pg_id pg = placement::raw_to_pg(pool, *raw);
    p.map_pg(pg, ws, mapping);
    if (pg.to_string() != their_pg || osd_list(mapping.acting) != their_osds) {
      if (++mismatches <= 10) {
        ADD_FAILURE() << "object #" << compared << " (name " << c.name.size() << " bytes, key "
                      << c.key.size() << ", nspace " << c.nspace.size() << "): osdmaptool "
                      << their_pg << " " << their_osds << ", ours " << pg.to_string() << " "
                      << osd_list(mapping.acting);
      }
    }
    EXPECT_EQ(mapping.acting.size(), static_cast<std::size_t>(pool.size));
    const pg_id by_rjenkins = placement::raw_to_pg(
        pool, {pool_id, object_name_hash(object_hash_type::rjenkins, c.hashed_by_ceph())});
    if (by_rjenkins.to_string() != their_pg) ++differs_from_rjenkins;
    ++compared;
  }
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(compared, object_count);
  // osdmaptool really used the linux hash: with 768 PGs, rjenkins would agree with it by
  // chance about once in 768 names.
  EXPECT_GT(differs_from_rjenkins, object_count * 95 / 100);
  RecordProperty("osdmaptool_seconds", std::to_string(seconds));
}

}  // namespace
}  // namespace radosio::osdc
