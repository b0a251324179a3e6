// The full OSDMaps and OSDMap::Incrementals of the shared corpus, checked three ways:
//  - they decode completely and their crcs check;
//  - the Pacific ones re-encode to identical bytes (so every client field was read right);
//  - the Pacific full maps agree with `osdmaptool FILE --dump json`, Ceph's own decoder.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include <unistd.h>

#include "ceph_tools.h"
#include "common/crc32c.h"
#include "corpus_samples.h"
#include "monclient/mon_messages.h"
#include "osdc/osdmap_apply.h"
#include "osdc/osdmap_codec.h"
#include "osdc/osdmap_incremental.h"

// transcript.h finds transcripts under RADOSIO_SHARED_DIR, which only the unit binary
// defines; the corpus lives at shared/corpus, so derive it.
#ifndef RADOSIO_SHARED_DIR
#define RADOSIO_SHARED_DIR RADOSIO_CORPUS_DIR "/.."
#endif
#include "transcript.h"

namespace radosio::osdc {
namespace {

using test::corpus_pacific;
using test::corpus_releases;

buffer read_buffer(const std::filesystem::path& file) {
  return buffer::adopt(test::read_file(file));
}

// The Pacific sample of `type` whose file name starts with `prefix` (protocol.md cites
// samples by prefix); an empty path if there is none.
std::filesystem::path sample_with_prefix(const std::string& type, const std::string& prefix) {
  for (const auto& f : test::samples(corpus_pacific, type))
    if (f.filename().string().starts_with(prefix)) return f;
  return {};
}

constexpr const char* osdmaptool = "/usr/bin/osdmaptool";

// `osdmaptool FILE --dump json`, parsed; null if the tool is missing or printed no JSON.
nlohmann::json osdmaptool_dump(const std::filesystem::path& file) {
  if (!std::filesystem::exists(osdmaptool)) return nullptr;
  const auto r = test::run_command(std::string(osdmaptool) + " " +
                                   test::shell_quote(file.string()) + " --dump json 2>/dev/null");
  return nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
}

std::vector<std::int32_t> json_osds(const nlohmann::json& list) {
  std::vector<std::int32_t> out;
  for (const auto& o : list) out.push_back(o.get<std::int32_t>());
  return out;
}

// Field-by-field comparison of our decode with osdmaptool's dump of the same bytes.
void expect_matches_osdmaptool(const osdmap& m, const nlohmann::json& j, const std::string& what) {
  SCOPED_TRACE(what);
  const auto& s = m.state();
  EXPECT_EQ(m.epoch(), j.at("epoch").get<std::uint32_t>());
  EXPECT_EQ(m.fsid().to_string(), j.at("fsid").get<std::string>());
  EXPECT_EQ(m.flags(), j.at("flags_num").get<std::uint32_t>());
  EXPECT_EQ(m.crush_version(), j.at("crush_version").get<std::int32_t>());
  EXPECT_EQ(m.pool_max(), j.at("pool_max").get<std::int32_t>());
  EXPECT_EQ(m.max_osd(), j.at("max_osd").get<std::int32_t>());
  EXPECT_FLOAT_EQ(s.full_ratio, j.at("full_ratio").get<float>());
  EXPECT_FLOAT_EQ(s.nearfull_ratio, j.at("nearfull_ratio").get<float>());
  EXPECT_FLOAT_EQ(s.backfillfull_ratio, j.at("backfillfull_ratio").get<float>());

  EXPECT_EQ(test::ceph_release_name(s.require_osd_release),
            j.at("require_osd_release").get<std::string>());
  EXPECT_EQ(test::ceph_release_name(s.require_min_compat_client),
            j.at("require_min_compat_client").get<std::string>());

  const auto& pools = j.at("pools");
  EXPECT_EQ(m.pools().size(), pools.size());
  for (const auto& jp : pools) {
    const auto id = jp.at("pool").get<std::int64_t>();
    const auto* p = m.pool(id);
    ASSERT_NE(p, nullptr) << "pool " << id;
    EXPECT_EQ(m.pool_name(id), jp.at("pool_name").get<std::string>());
    EXPECT_EQ(m.lookup_pool(jp.at("pool_name").get<std::string>()), id);
    EXPECT_EQ(static_cast<int>(p->type), jp.at("type").get<int>());
    EXPECT_EQ(p->size, jp.at("size").get<int>());
    EXPECT_EQ(p->min_size, jp.at("min_size").get<int>());
    EXPECT_EQ(p->crush_rule, jp.at("crush_rule").get<int>());
    EXPECT_EQ(p->pg_num, jp.at("pg_num").get<std::uint32_t>());
    EXPECT_EQ(p->pgp_num, jp.at("pg_placement_num").get<std::uint32_t>());
    EXPECT_EQ(p->flags, jp.at("flags").get<std::uint64_t>());
    EXPECT_EQ(p->erasure_code_profile, jp.at("erasure_code_profile").get<std::string>());
    EXPECT_EQ(p->peering_crush_bucket_count,
              jp.at("peering_crush_bucket_count").get<std::uint32_t>());
  }

  // osdmaptool lists the OSDs that exist; every other id must not exist for us either.
  std::set<std::int32_t> listed;
  for (const auto& jo : j.at("osds")) {
    const auto osd = jo.at("osd").get<std::int32_t>();
    listed.insert(osd);
    SCOPED_TRACE("osd." + std::to_string(osd));
    EXPECT_TRUE(m.exists(osd));
    EXPECT_EQ(m.is_up(osd), jo.at("up").get<int>() == 1);
    EXPECT_EQ(m.is_in(osd), jo.at("in").get<int>() == 1);
    EXPECT_DOUBLE_EQ(m.weightf(osd), jo.at("weight").get<double>());
    EXPECT_DOUBLE_EQ(static_cast<double>(m.primary_affinity(osd)) / default_primary_affinity,
                     jo.at("primary_affinity").get<double>());
    const auto& addrs = jo.at("public_addrs").at("addrvec");
    ASSERT_EQ(m.client_addrs(osd).addrs.size(), addrs.size());
    for (std::size_t i = 0; i < addrs.size(); ++i) {
      const auto& a = m.client_addrs(osd).addrs[i];
      EXPECT_EQ(a.nonce, addrs[i].at("nonce").get<std::uint32_t>());
      EXPECT_EQ(a.ip_string() + ":" + std::to_string(a.port()),
                addrs[i].at("addr").get<std::string>());
      EXPECT_EQ(a.type == addr_type::msgr2 ? "v2" : "v1", addrs[i].at("type").get<std::string>());
    }
    if (m.is_up(osd) && !addrs.empty() && addrs[0].at("type") == "v2") {
      EXPECT_TRUE(m.osd_v2_addr(osd).has_value());
    }
  }
  for (std::int32_t osd = 0; osd < m.max_osd(); ++osd)
    if (!listed.contains(osd)) {
      EXPECT_FALSE(m.exists(osd)) << "osd." << osd;
    }

  std::map<std::string, std::vector<std::int32_t>> pg_temp;
  for (const auto& e : j.at("pg_temp")) pg_temp[e.at("pgid")] = json_osds(e.at("osds"));
  std::map<std::string, std::vector<std::int32_t>> ours;
  for (const auto& [pg, osds] : m.pg_temp()) ours[pg.to_string()] = osds;
  EXPECT_EQ(ours, pg_temp);

  // primary_temp is dumped as a flat list: pgid, osd, pgid, osd...
  const auto& pt = j.at("primary_temp");
  ASSERT_EQ(pt.size(), m.primary_temp().size() * 2);
  std::size_t i = 0;
  for (const auto& [pg, osd] : m.primary_temp()) {
    EXPECT_EQ(pg.to_string(), pt[i].get<std::string>());
    EXPECT_EQ(osd, pt[i + 1].get<std::int32_t>());
    i += 2;
  }

  std::map<std::string, std::vector<std::int32_t>> upmap, our_upmap;
  for (const auto& e : j.at("pg_upmap")) upmap[e.at("pgid")] = json_osds(e.at("osds"));
  for (const auto& [pg, osds] : m.pg_upmap()) our_upmap[pg.to_string()] = osds;
  EXPECT_EQ(our_upmap, upmap);

  std::map<std::string, pg_upmap_items_list> items, our_items;
  for (const auto& e : j.at("pg_upmap_items"))
    for (const auto& pair : e.at("mappings"))
      items[e.at("pgid")].emplace_back(pair.at("from").get<std::int32_t>(),
                                       pair.at("to").get<std::int32_t>());
  for (const auto& [pg, list] : m.pg_upmap_items()) our_items[pg.to_string()] = list;
  EXPECT_EQ(our_items, items);

  erasure_code_profile_map profiles;
  for (const auto& [name, profile] : j.at("erasure_code_profiles").items())
    for (const auto& [k, v] : profile.items()) profiles[name][k] = v.get<std::string>();
  EXPECT_EQ(m.erasure_code_profiles(), profiles);

  EXPECT_EQ(s.blocklist.size(), j.at("blocklist").size());
}

TEST(OsdmapCorpus, PacificFullMapsDecodeRoundTripAndMatchOsdmaptool) {
  const auto files = test::samples(corpus_pacific, "OSDMap");
  ASSERT_EQ(files.size(), 10u);
  bool compared = false;
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    const auto bytes = read_buffer(file);
    auto decoded = decode_osdmap_state(bytes);
    ASSERT_TRUE(decoded) << decoded.err().what();
    EXPECT_EQ(decoded->crc_check, crc_status::verified);
    EXPECT_EQ(encode_osdmap(*decoded), bytes) << "client part does not re-encode identically";

    const osdmap m(std::move(decoded).value());
    const auto dump = osdmaptool_dump(file);
    if (dump.is_discarded() || dump.is_null()) continue;
    expect_matches_osdmaptool(m, dump, file.filename().string());
    compared = true;
  }
  if (!compared) GTEST_SKIP() << "osdmaptool unavailable: decoded and round-tripped only";
}

// The corpus maps have no pg_upmap_items, out OSDs or empty address slots; a map generated
// by osdmaptool itself does: 8 OSDs under two hosts, marked up and in, then balanced by
// osdmaptool's upmap optimiser, which saves pg_upmap_items into the map.
TEST(OsdmapCorpus, OsdmaptoolGeneratedMapWithUpmapsMatches) {
  if (!std::filesystem::exists(osdmaptool) || !std::filesystem::exists("/usr/bin/crushtool"))
    GTEST_SKIP() << "osdmaptool/crushtool unavailable";
  std::string dir_template =
      (std::filesystem::temp_directory_path() / "radosio-osdmap-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir_template.data()), nullptr);
  const std::filesystem::path dir = dir_template;
  const auto map = dir / "om";
  const auto run = [&](const std::string& args) {
    return std::system((args + " >/dev/null 2>&1").c_str());
  };
  ASSERT_EQ(run("/usr/bin/crushtool --outfn '" + (dir / "cm").string() +
                "' --build --num_osds 8 host straw2 2 root straw2 0"),
            0);
  ASSERT_EQ(run(std::string(osdmaptool) +
                " --createsimple 8 --with-default-pool --pg-bits 5 "
                "--pgp-bits 5 '" +
                map.string() + "' --clobber"),
            0);
  ASSERT_EQ(run(std::string(osdmaptool) + " '" + map.string() + "' --import-crush '" +
                (dir / "cm").string() + "'"),
            0);
  ASSERT_EQ(run(std::string(osdmaptool) + " '" + map.string() + "' --mark-up-in --upmap '" +
                (dir / "upmap.txt").string() + "' --upmap-deviation 1 --save"),
            0);

  const auto bytes = read_buffer(map);
  auto decoded = decode_osdmap_state(bytes);
  ASSERT_TRUE(decoded) << decoded.err().what();
  EXPECT_EQ(encode_osdmap(*decoded), bytes);
  const osdmap m(std::move(decoded).value());
  EXPECT_FALSE(m.pg_upmap_items().empty());
  EXPECT_EQ(m.max_osd(), 8);
  const auto dump = osdmaptool_dump(map);
  ASSERT_FALSE(dump.is_null() || dump.is_discarded());
  expect_matches_osdmaptool(m, dump, map.string());
  std::filesystem::remove_all(dir);
}

// The map a live 16.2.15 monitor sent (MOSDMap in the recorded mon session), checked
// against osdmaptool as well.
TEST(OsdmapCorpus, LiveMonitorMapMatchesOsdmaptool) {
  const auto t = test::load_transcript("mon-crc");
  mon::osd_map_message msg;
  std::string message;
  ASSERT_FALSE(wire::decode_exact(t.find("s2c", "MESSAGE MOSDMap v4").segment(1), msg, &message))
      << message;
  ASSERT_FALSE(msg.full_maps.empty());
  const auto& bytes = msg.full_maps.begin()->second;
  auto m = decode_osdmap(bytes);
  ASSERT_TRUE(m) << m.err().what();
  if (!std::filesystem::exists(osdmaptool)) GTEST_SKIP() << "osdmaptool unavailable";
  std::string path = (std::filesystem::temp_directory_path() / "radosio-osdmap-XXXXXX").string();
  const int fd = mkstemp(path.data());
  ASSERT_GE(fd, 0);
  close(fd);
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  const auto dump = osdmaptool_dump(path);
  std::filesystem::remove(path);
  ASSERT_FALSE(dump.is_null() || dump.is_discarded());
  expect_matches_osdmaptool(**m, dump, "mon-crc MOSDMap");
  EXPECT_EQ((*m)->lookup_pool("proto-transcript"), 13);
}

TEST(OsdmapCorpus, NewerReleasesFullMapsDecode) {
  for (const std::string release : {"ceph-18.2.0", "ceph-19.2.0"}) {
    const auto files = test::samples(release, "OSDMap");
    ASSERT_FALSE(files.empty()) << release;
    for (const auto& file : files) {
      SCOPED_TRACE(file.string());
      auto m = decode_osdmap(read_buffer(file));
      ASSERT_TRUE(m) << m.err().what();
      EXPECT_EQ((*m)->crc_check(), crc_status::verified);
      EXPECT_EQ((*m)->state().client_version, 10);  // Reef added pg_upmap_primary
      // Every pool has a name and sane placement numbers; every up OSD has an address.
      for (const auto& [id, pool] : (*m)->pools()) {
        EXPECT_FALSE((*m)->pool_name(id).empty()) << "pool " << id;
        EXPECT_GT(pool.pg_num, 0u);
        EXPECT_GT(pool.size, 0);
      }
      for (std::int32_t osd = 0; osd < (*m)->max_osd(); ++osd)
        if ((*m)->is_up(osd)) {
          EXPECT_FALSE((*m)->client_addrs(osd).addrs.empty());
        }
    }
  }
}

TEST(OsdmapCorpus, CorruptedMapFailsItsCrc) {
  const auto file = test::samples(corpus_pacific, "OSDMap").front();
  auto bytes = test::read_file(file);
  bytes[40] ^= 0x01;  // a byte inside the client part
  auto m = decode_osdmap(buffer::adopt(std::move(bytes)));
  ASSERT_FALSE(m);
  // Either the flipped byte broke a field, or the crc caught it.
  EXPECT_EQ(m.code(), make_error_code(errc::bad_crc)) << m.err().what();
}

TEST(OsdmapCorpus, EveryIncrementalDecodesAndPacificOnesRoundTrip) {
  for (const std::string release : corpus_releases) {
    const auto files = test::samples(release, "OSDMap-Incremental");
    ASSERT_FALSE(files.empty()) << release;
    for (const auto& file : files) {
      SCOPED_TRACE(file.string());
      const auto bytes = read_buffer(file);
      auto inc = decode_incremental(bytes);
      ASSERT_TRUE(inc) << inc.err().what();  // inc_crc is verified inside
      EXPECT_TRUE(inc->has_crc);
      if (release == corpus_pacific) {
        EXPECT_EQ(inc->client_version, 8);
        EXPECT_EQ(encode_incremental(*inc), bytes) << "does not re-encode identically";
      }
    }
  }
}

// No corpus incremental has its base map in the corpus, so each one is applied to a full map
// of the same cluster re-labelled as its predecessor epoch. That says nothing about the
// resulting map as a whole, but everything the incremental sets must read back afterwards,
// for every release's real incrementals.
TEST(OsdmapCorpus, EveryRealIncrementalAppliesToARebasedMap) {
  int applied_count = 0;
  for (const std::string release : corpus_releases) {
    std::vector<osdmap_state> fulls;
    for (const auto& f : test::samples(release, "OSDMap")) {
      auto m = decode_osdmap_state(read_buffer(f));
      ASSERT_TRUE(m) << f << ": " << m.err().what();
      fulls.push_back(std::move(m).value());
    }
    for (const auto& file : test::samples(release, "OSDMap-Incremental")) {
      SCOPED_TRACE(file.string());
      auto inc = decode_incremental(read_buffer(file));
      ASSERT_TRUE(inc) << inc.err().what();
      if (inc->epoch == 0) continue;  // the default-constructed sample
      const osdmap_state* donor = nullptr;
      for (const auto& f : fulls)
        if (f.fsid == inc->fsid && (!donor || f.max_osd > donor->max_osd)) donor = &f;
      ASSERT_NE(donor, nullptr) << "no full map of cluster " << inc->fsid.to_string();
      osdmap_state base = *donor;
      base.epoch = inc->epoch - 1;
      auto r = apply(osdmap(base), *inc);
      ASSERT_TRUE(r) << r.err().what();
      const osdmap& m = **r;
      ++applied_count;

      EXPECT_EQ(m.epoch(), inc->epoch);
      EXPECT_EQ(m.modified(), inc->modified);
      if (inc->new_max_osd >= 0) {
        EXPECT_EQ(m.max_osd(), inc->new_max_osd);
      }
      if (inc->new_flags >= 0) {
        EXPECT_EQ(m.flags() & ~osdmap_flag::legacy_require_flags,
                  static_cast<std::uint32_t>(inc->new_flags) & ~osdmap_flag::legacy_require_flags);
      }
      for (const auto& [id, pool] : inc->new_pools) {
        if (inc->old_pools.contains(id)) continue;  // removal is applied after creation
        ASSERT_NE(m.pool(id), nullptr);
        EXPECT_EQ(m.pool(id)->pg_num, pool.pg_num);
        EXPECT_EQ(m.pool(id)->last_change, inc->epoch);
      }
      for (const auto& [id, name] : inc->new_pool_names)
        if (!inc->old_pools.contains(id)) {
          EXPECT_EQ(m.pool_name(id), name);
        }
      for (const auto id : inc->old_pools) EXPECT_EQ(m.pool(id), nullptr);
      for (const auto& [osd, w] : inc->new_weight)
        EXPECT_EQ(m.state().osd_weight[static_cast<std::size_t>(osd)], w);
      for (const auto& [osd, addrs] : inc->new_up_client) {
        EXPECT_TRUE(m.is_up(osd));
        EXPECT_EQ(m.client_addrs(osd), addrs);
      }
      for (const auto& [pg, osds] : inc->new_pg_temp) {
        if (osds.empty())
          EXPECT_FALSE(m.pg_temp().contains(pg));
        else
          EXPECT_EQ(m.pg_temp().at(pg), osds);
      }
      for (const auto& [pg, osds] : inc->new_pg_upmap) EXPECT_EQ(m.pg_upmap().at(pg), osds);
      for (const auto& [pg, items] : inc->new_pg_upmap_items)
        EXPECT_EQ(m.pg_upmap_items().at(pg), items);
      for (const auto& [name, profile] : inc->new_erasure_code_profiles)
        EXPECT_EQ(m.erasure_code_profiles().at(name), profile);
      if (!inc->crush.empty()) {
        EXPECT_EQ(m.crush_bytes(), inc->crush);
        EXPECT_EQ(m.crush_version(), base.crush_version + 1);
      }
      EXPECT_EQ(m.crc(), inc->full_crc);
      EXPECT_EQ(m.crc_check(), crc_status::unverifiable);
    }
  }
  EXPECT_EQ(applied_count, 27);  // 30 samples minus the three default-constructed ones
}

// Damaged real samples must fail cleanly, never crash or read out of bounds. A plain cut is
// caught by the wrapper's length, so each cut also shortens that length to reach the body;
// byte flips run the whole decoder over garbage before the crc is even looked at.
TEST(OsdmapCorpus, DamagedSamplesFailCleanly) {
  for (const auto* type : {"OSDMap", "OSDMap-Incremental"}) {
    const bool full = std::string_view(type) == "OSDMap";
    const auto decodes = [&](const std::vector<std::uint8_t>& b) {
      const auto input = buffer::copy_of(bytes_view(b));
      return full ? bool(decode_osdmap(input)) : bool(decode_incremental(input));
    };
    const auto bytes = test::read_file(test::samples(corpus_pacific, type).front());
    ASSERT_TRUE(decodes(bytes));
    for (std::size_t n = 6; n < bytes.size(); ++n) {
      std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
      const auto length = static_cast<std::uint32_t>(n - 6);
      std::memcpy(cut.data() + 2, &length, 4);
      EXPECT_FALSE(decodes(cut)) << type << " cut at " << n;
    }
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      auto flipped = bytes;
      flipped[i] ^= 0xa5;
      EXPECT_FALSE(decodes(flipped)) << type << " flipped at " << i;
      // With the crc patched to match, the flipped byte reaches the field decoders.
      if (full && i + 4 < bytes.size()) {
        const auto crc = crc32c(0xffffffff, bytes_view(flipped).first(flipped.size() - 4));
        std::memcpy(flipped.data() + flipped.size() - 4, &crc, 4);
        (void)decodes(flipped);  // may legitimately succeed (e.g. a changed timestamp)
      }
    }
  }
}

TEST(OsdmapCorpus, CorruptedIncrementalFailsIncCrc) {
  const auto file = test::samples(corpus_pacific, "OSDMap-Incremental").front();
  auto bytes = test::read_file(file);
  bytes[bytes.size() - 1] ^= 0x80;  // full_crc is covered by inc_crc too
  auto inc = decode_incremental(buffer::adopt(std::move(bytes)));
  ASSERT_FALSE(inc);
  EXPECT_EQ(inc.code(), make_error_code(errc::bad_crc)) << inc.err().what();
}

// The corpus holds no (epoch N full map, epoch N+1 incremental) pair, but it does hold an
// incremental and the full map it produced: incremental a93a411c (epoch 347) announces
// full_crc 65aeaa5d, the crc of full map 2a53d6a9 (epoch 347). Rebuild the epoch-346 base
// by undoing what the incremental changes (un-XOR its state bits, step crush_version back),
// apply, and re-encode: the result must be byte-identical to the real epoch-347 map, i.e.
// carry exactly the full_crc the monitor computed.
TEST(OsdmapCorpus, IncrementalReproducesTheFullMapItAnnounces) {
  auto target = decode_osdmap_state(read_buffer(sample_with_prefix("OSDMap", "2a53d6a9")));
  ASSERT_TRUE(target) << target.err().what();
  auto inc = decode_incremental(read_buffer(sample_with_prefix("OSDMap-Incremental", "a93a411c")));
  ASSERT_TRUE(inc) << inc.err().what();
  ASSERT_EQ(inc->epoch, target->epoch);
  ASSERT_EQ(inc->full_crc, target->crc);
  ASSERT_TRUE(inc->fullmap.empty());

  osdmap_state base = *target;
  base.epoch = target->epoch - 1;
  for (const auto& [osd, bits] : inc->new_state)
    base.osd_state[static_cast<std::size_t>(osd)] ^= bits != 0 ? bits : osd_state_bit::up;
  if (!inc->crush.empty()) base.crush_version -= 1;
  for (const auto& [id, pool] : inc->new_pools) base.pools[id].last_change = 0;

  auto applied = apply(osdmap(base), *inc);
  ASSERT_TRUE(applied) << applied.err().what();
  EXPECT_EQ((*applied)->crc_check(), crc_status::unverifiable);
  EXPECT_EQ((*applied)->crc(), inc->full_crc);
  // Our map carries the target's OSD-only bytes, so a client-part match is a full match.
  const auto reencoded = encode_osdmap((*applied)->state());
  auto again = decode_osdmap_state(reencoded);
  ASSERT_TRUE(again) << again.err().what();
  EXPECT_EQ(again->crc, inc->full_crc);
  EXPECT_EQ(reencoded, encode_osdmap(*target));
}

}  // namespace
}  // namespace radosio::osdc
