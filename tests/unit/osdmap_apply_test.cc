// Applying OSDMap incrementals to a synthetic base map. Every incremental goes through
// encode_incremental -> decode_incremental first, so the wire path is exercised too.

#include <gtest/gtest.h>

#include "osdc/osdmap_apply.h"
#include "osdc/osdmap_codec.h"
#include "osdc/osdmap_incremental.h"

namespace radosio::osdc {
namespace {

uuid test_fsid() {
  uuid u;
  EXPECT_TRUE(uuid::parse("f8c4215a-0000-4000-8000-0123456789ab", u));
  return u;
}

pg_pool replicated_pool(std::uint32_t pg_num) {
  pg_pool p;
  p.size = 3;
  p.min_size = 2;
  p.pg_num = p.pgp_num = p.pg_num_target = p.pgp_num_target = p.pg_num_pending = pg_num;
  p.flags = pool_flag::hashpspool;
  p.last_change = 7;
  return p;
}

entity_addrvec osd_addrs(std::uint16_t port, std::uint32_t nonce) {
  entity_addrvec v;
  v.addrs.push_back(entity_addr::ipv4(addr_type::msgr2, {10, 0, 0, 1}, port, nonce));
  v.addrs.push_back(entity_addr::ipv4(addr_type::legacy, {10, 0, 0, 1}, port + 1, nonce));
  return v;
}

constexpr std::uint32_t exists_up = osd_state_bit::exists | osd_state_bit::up;

// Epoch 10: osd.0 and osd.1 up and in, osd.2 exists but is down, auto-marked out and new,
// osd.3 does not exist. Pool 1 "rbd" with one entry in each PG mapping table.
osdmap_state base_state() {
  osdmap_state m;
  m.fsid = test_fsid();
  m.epoch = 10;
  m.created = {1700000000, 0};
  m.modified = {1700000100, 0};
  m.pools[1] = replicated_pool(8);
  m.pool_names[1] = "rbd";
  m.pool_max = 1;
  m.flags = osdmap_flag::sortbitwise | osdmap_flag::recovery_deletes | osdmap_flag::pglog_hardlimit;
  m.max_osd = 4;
  m.osd_state = {exists_up, exists_up,
                 osd_state_bit::exists | osd_state_bit::autoout | osd_state_bit::is_new, 0};
  m.osd_weight = {weight_in, weight_in, weight_out, weight_out};
  m.client_addrs = {osd_addrs(6800, 11), osd_addrs(6802, 12), {}, {}};
  m.pg_temp[{1, 0}] = {0, 1};
  m.primary_temp[{1, 1}] = 1;
  m.pg_upmap[{1, 2}] = {0, 1, 2};
  m.pg_upmap_items[{1, 3}] = {{0, 2}};
  m.crush = buffer::copy_of(std::string_view("crush map v1"));
  m.crush_version = 5;
  m.erasure_code_profiles["default"] = {{"k", "2"}, {"m", "1"}, {"plugin", "jerasure"}};
  m.new_removed_snaps[1] = {{4, 2}};
  m.full_ratio = 0.95f;
  m.nearfull_ratio = 0.85f;
  m.backfillfull_ratio = 0.9f;
  m.require_min_compat_client = release::luminous;
  m.require_osd_release = release::pacific;
  return m;
}

// The base goes through encode/decode as well, so it is a map our decoder produced.
osdmap base_map(const osdmap_state& s = base_state()) {
  auto decoded = decode_osdmap_state(encode_osdmap(s));
  EXPECT_TRUE(decoded) << decoded.err().what();
  return osdmap(std::move(decoded).value());
}

osdmap_incremental next_inc(const osdmap& base) {
  osdmap_incremental inc;
  inc.fsid = base.fsid();
  inc.epoch = base.epoch() + 1;
  inc.modified = {1700000200, 0};
  return inc;
}

// Encodes and decodes `inc` (checking inc_crc on the way), then applies it.
result<osdmap_ref> apply_wire(const osdmap& base, const osdmap_incremental& inc) {
  auto decoded = decode_incremental(encode_incremental(inc));
  if (!decoded) return decoded.err();
  return apply(base, *decoded);
}

TEST(OsdmapApply, SyntheticBaseRoundTripsAndAnswersQueries) {
  const auto base = base_map();
  const auto s = base_state();
  EXPECT_EQ(encode_osdmap(base.state()), encode_osdmap(s));
  EXPECT_EQ(base.crc_check(), crc_status::verified);
  EXPECT_TRUE(base.exists(0) && base.is_up(0) && base.is_in(0));
  EXPECT_TRUE(base.exists(2) && !base.is_up(2) && !base.is_in(2));
  EXPECT_FALSE(base.exists(3));
  EXPECT_FALSE(base.exists(-1));
  EXPECT_FALSE(base.exists(4));
  EXPECT_EQ(base.weight(99), weight_out);
  EXPECT_EQ(base.primary_affinity(1), default_primary_affinity);
  EXPECT_EQ(base.osd_v2_addr(1)->to_string(), "v2:10.0.0.1:6802/12");
  EXPECT_FALSE(base.osd_v2_addr(2).has_value());  // down
  EXPECT_EQ(base.lookup_pool("rbd"), 1);
  EXPECT_EQ(base.lookup_pool("nope"), -1);
  ASSERT_NE(base.pool_by_name("rbd"), nullptr);
  EXPECT_EQ(base.pool_by_name("rbd")->pg_num, 8u);
  EXPECT_EQ(base.crush_bytes().as_string_view(), "crush map v1");
}

TEST(OsdmapApply, RefusesGapsReplaysAndForeignClusters) {
  const auto base = base_map();
  auto inc = next_inc(base);
  inc.epoch = 12;
  auto r = apply_wire(base, inc);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), make_error_code(errc::protocol_error));
  EXPECT_NE(r.err().what().find("gap"), std::string::npos) << r.err().what();

  inc.epoch = 10;  // a replay of the base's own epoch
  EXPECT_FALSE(apply_wire(base, inc));

  inc = next_inc(base);
  inc.fsid = uuid{};
  r = apply_wire(base, inc);
  ASSERT_FALSE(r);
  EXPECT_NE(r.err().what().find("cluster"), std::string::npos) << r.err().what();
}

TEST(OsdmapApply, EmptyIncrementalOnlyAdvancesTheEpoch) {
  const auto base = base_map();
  auto r = apply_wire(base, next_inc(base));
  ASSERT_TRUE(r) << r.err().what();
  const auto& m = (*r)->state();
  EXPECT_EQ(m.epoch, 11u);
  EXPECT_EQ(m.modified, (utime{1700000200, 0}));
  EXPECT_EQ((*r)->crc_check(), crc_status::absent);  // full_crc 0
  // Everything else is as before: compare by re-encoding with the epoch put back.
  auto back = m;
  back.epoch = base.epoch();
  back.modified = base.modified();
  back.new_removed_snaps.clear();  // per-epoch: an incremental without removals clears them
  auto expected = base.state();
  expected.new_removed_snaps.clear();
  EXPECT_EQ(encode_osdmap(back), encode_osdmap(expected));
}

TEST(OsdmapApply, PoolsAndNames) {
  const auto base = base_map();
  auto inc = next_inc(base);
  inc.new_pool_max = 3;
  inc.new_pools[3] = replicated_pool(32);
  inc.new_pool_names[3] = "data";
  inc.new_pools[1] = replicated_pool(16);  // pg_num change of an existing pool
  inc.new_pool_names[1] = "rbd-renamed";
  auto r = apply_wire(base, inc);
  ASSERT_TRUE(r) << r.err().what();
  const auto& m = **r;
  EXPECT_EQ(m.pool_max(), 3);
  ASSERT_NE(m.pool(3), nullptr);
  EXPECT_EQ(m.pool(3)->pg_num, 32u);
  EXPECT_EQ(m.pool(3)->last_change, 11u);  // stamped with the new epoch
  EXPECT_EQ(m.pool(1)->pg_num, 16u);
  EXPECT_EQ(m.lookup_pool("data"), 3);
  EXPECT_EQ(m.lookup_pool("rbd"), -1);
  EXPECT_EQ(m.lookup_pool("rbd-renamed"), 1);

  auto inc2 = next_inc(m);
  inc2.old_pools.insert(1);
  r = apply_wire(m, inc2);
  ASSERT_TRUE(r) << r.err().what();
  EXPECT_EQ((*r)->pool(1), nullptr);
  EXPECT_EQ((*r)->pool_name(1), "");
  EXPECT_EQ((*r)->pools().size(), 1u);
}

TEST(OsdmapApply, StateBitsAreXoredAndZeroMeansDown) {
  const auto base = base_map();
  auto inc = next_inc(base);
  inc.new_state[1] = 0;                  // legacy "mark down"
  inc.new_state[2] = osd_state_bit::up;  // toggle up (no address given)
  auto r = apply_wire(base, inc);
  ASSERT_TRUE(r) << r.err().what();
  const auto& m = **r;
  EXPECT_TRUE(m.exists(1));
  EXPECT_FALSE(m.is_up(1));
  // Ceph keeps a down OSD's last address; only destroying it clears the address.
  EXPECT_EQ(m.client_addrs(1), osd_addrs(6802, 12));
  EXPECT_FALSE(m.osd_v2_addr(1).has_value());  // but we do not offer it while down
  EXPECT_TRUE(m.is_up(2));

  // XOR again: osd.1 toggles back up.
  auto inc2 = next_inc(m);
  inc2.new_state[1] = osd_state_bit::up;
  r = apply_wire(m, inc2);
  ASSERT_TRUE(r);
  EXPECT_TRUE((*r)->is_up(1));
}

TEST(OsdmapApply, TogglingExistsDestroysTheOsd) {
  const auto base = base_map();
  ASSERT_TRUE(base.state().primary_affinity.empty());
  auto inc = next_inc(base);
  inc.new_state[0] = osd_state_bit::exists | osd_state_bit::up;
  auto r = apply_wire(base, inc);
  ASSERT_TRUE(r) << r.err().what();
  const auto& m = **r;
  EXPECT_FALSE(m.exists(0));
  EXPECT_EQ(m.state_bits(0), 0u);
  EXPECT_TRUE(m.client_addrs(0).addrs.empty());
  // Like Ceph, resetting the affinity materialises the table (all defaults).
  EXPECT_EQ(m.state().primary_affinity, std::vector<std::uint32_t>(4, default_primary_affinity));
  // The weight is left as it was, but a nonexistent OSD reads as out.
  EXPECT_EQ(m.state().osd_weight[0], weight_in);
  EXPECT_FALSE(m.is_in(0));
}

TEST(OsdmapApply, UpClientWeightAffinityAndMaxOsd) {
  const auto base = base_map();
  auto inc = next_inc(base);
  inc.new_max_osd = 6;
  inc.new_up_client[3] = osd_addrs(6804, 13);
  inc.new_up_client[5] = osd_addrs(6806, 15);
  inc.new_weight[3] = weight_in;
  inc.new_weight[2] = 0x8000;  // marking in clears autoout and new
  inc.new_weight[1] = weight_out;
  inc.new_primary_affinity[0] = 0x4000;
  auto r = apply_wire(base, inc);
  ASSERT_TRUE(r) << r.err().what();
  const auto& m = **r;
  EXPECT_EQ(m.max_osd(), 6);
  EXPECT_EQ(m.state().osd_state.size(), 6u);
  EXPECT_TRUE(m.is_up(3) && m.is_in(3));
  EXPECT_EQ(m.osd_v2_addr(3)->to_string(), "v2:10.0.0.1:6804/13");
  EXPECT_TRUE(m.is_up(5));
  EXPECT_FALSE(m.is_in(5));  // new OSDs start out
  EXPECT_FALSE(m.exists(4));
  EXPECT_EQ(m.weight(2), 0x8000u);
  EXPECT_EQ(m.state_bits(2), osd_state_bit::exists);
  EXPECT_TRUE(m.is_out(1));
  EXPECT_TRUE(m.is_up(1));
  EXPECT_EQ(m.primary_affinity(0), 0x4000u);
  EXPECT_EQ(m.primary_affinity(5), default_primary_affinity);

  // Shrinking drops the tail.
  auto inc2 = next_inc(m);
  inc2.new_max_osd = 2;
  r = apply_wire(m, inc2);
  ASSERT_TRUE(r) << r.err().what();
  EXPECT_EQ((*r)->max_osd(), 2);
  EXPECT_FALSE((*r)->exists(3));
  EXPECT_EQ((*r)->state().primary_affinity.size(), 2u);
}

TEST(OsdmapApply, OsdIdsOutsideMaxOsdAreRejected) {
  const auto base = base_map();
  for (int field = 0; field < 4; ++field) {
    auto inc = next_inc(base);
    if (field == 0) inc.new_state[4] = osd_state_bit::up;
    if (field == 1) inc.new_up_client[-1] = osd_addrs(1, 1);
    if (field == 2) inc.new_weight[7] = weight_in;
    if (field == 3) inc.new_primary_affinity[4] = 1;
    auto r = apply_wire(base, inc);
    ASSERT_FALSE(r) << field;
    EXPECT_NE(r.err().what().find("max_osd"), std::string::npos) << r.err().what();
  }
  // Growing max_osd in the same incremental makes the id valid.
  auto inc = next_inc(base);
  inc.new_max_osd = 8;
  inc.new_weight[7] = weight_in;
  EXPECT_TRUE(apply_wire(base, inc));
}

// A hostile monitor (or a corrupt map) claiming 2^31-1 OSDs must be refused before the
// per-OSD tables are sized by it: found by reasoning about fuzz.maps (a v7 map has no crc, so
// its max_osd can be anything); it used to try to allocate tens of GiB.
TEST(OsdmapApply, AbsurdMaxOsdIsRefusedBeforeAllocating) {
  const auto base = base_map();
  auto inc = next_inc(base);
  inc.new_max_osd = 0x7fffffff;
  auto r = apply_wire(base, inc);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, make_error_code(errc::length_too_large));
  EXPECT_NE(r.err().what().find("max_osd 2147483647"), std::string::npos) << r.err().what();
  inc.new_max_osd = max_sane_osds;  // the cap itself is fine
  EXPECT_TRUE(apply_wire(base, inc));

  auto huge = base_state();
  huge.max_osd = 0x7fffffff;
  auto full = decode_osdmap_state(encode_osdmap(huge));
  ASSERT_FALSE(full);
  EXPECT_EQ(full.err().code, make_error_code(errc::length_too_large));
  EXPECT_NE(full.err().what().find("max_osd"), std::string::npos) << full.err().what();
  huge.max_osd = -5;
  EXPECT_FALSE(decode_osdmap_state(encode_osdmap(huge)));
}

TEST(OsdmapApply, PgTempPrimaryTempAndUpmaps) {
  const auto base = base_map();
  auto inc = next_inc(base);
  inc.new_pg_temp[{1, 0}] = {};       // removes
  inc.new_pg_temp[{1, 4}] = {2, 0};   // adds
  inc.new_primary_temp[{1, 1}] = -1;  // removes
  inc.new_primary_temp[{1, 5}] = 0;   // adds
  inc.new_pg_upmap[{1, 6}] = {1, 0, 2};
  inc.old_pg_upmap.insert({1, 2});
  inc.new_pg_upmap_items[{1, 7}] = {{1, 0}, {2, 3}};
  inc.old_pg_upmap_items.insert({1, 3});
  auto r = apply_wire(base, inc);
  ASSERT_TRUE(r) << r.err().what();
  const auto& m = **r;
  EXPECT_EQ(m.pg_temp(), (std::map<pg_id, std::vector<std::int32_t>>{{{1, 4}, {2, 0}}}));
  EXPECT_EQ(m.primary_temp(), (std::map<pg_id, std::int32_t>{{{1, 5}, 0}}));
  EXPECT_EQ(m.pg_upmap(), (std::map<pg_id, std::vector<std::int32_t>>{{{1, 6}, {1, 0, 2}}}));
  EXPECT_EQ(m.pg_upmap_items(), (std::map<pg_id, pg_upmap_items_list>{{{1, 7}, {{1, 0}, {2, 3}}}}));
}

TEST(OsdmapApply, ErasureProfilesFlagsSnapsAndTimes) {
  const auto base = base_map();
  auto inc = next_inc(base);
  inc.old_erasure_code_profiles.push_back("default");
  inc.new_erasure_code_profiles["ec42"] = {{"k", "4"}, {"m", "2"}};
  inc.new_flags = static_cast<std::int32_t>(base.flags() | osdmap_flag::pauserd);
  inc.new_removed_snaps[1] = {{9, 1}};
  inc.new_purged_snaps[1] = {{4, 2}};
  inc.new_last_up_change = {1700000150, 5};
  auto r = apply_wire(base, inc);
  ASSERT_TRUE(r) << r.err().what();
  const auto& m = **r;
  EXPECT_EQ(m.erasure_code_profiles(),
            (erasure_code_profile_map{{"ec42", {{"k", "4"}, {"m", "2"}}}}));
  EXPECT_TRUE(m.test_flag(osdmap_flag::pauserd));
  EXPECT_TRUE(m.test_flag(osdmap_flag::pglog_hardlimit));
  EXPECT_EQ(m.state().new_removed_snaps.at(1), (snap_interval_set{{9, 1}}));
  EXPECT_EQ(m.state().new_purged_snaps.at(1), (snap_interval_set{{4, 2}}));
  EXPECT_EQ(m.state().last_up_change, (utime{1700000150, 5}));
  EXPECT_EQ(m.state().last_in_change, base.state().last_in_change);  // zero: unchanged
}

TEST(OsdmapApply, CrushReplacementBumpsCrushVersionOnLuminousMaps) {
  const auto base = base_map();
  auto inc = next_inc(base);
  inc.crush = buffer::copy_of(std::string_view("crush map v2"));
  auto r = apply_wire(base, inc);
  ASSERT_TRUE(r) << r.err().what();
  EXPECT_EQ((*r)->crush_bytes().as_string_view(), "crush map v2");
  EXPECT_EQ((*r)->crush_version(), 6);

  auto old = base_state();
  old.require_osd_release = release::jewel;
  old.flags = 0;
  const auto jewel = base_map(old);
  inc = next_inc(jewel);
  inc.crush = buffer::copy_of(std::string_view("crush map v2"));
  r = apply_wire(jewel, inc);
  ASSERT_TRUE(r) << r.err().what();
  EXPECT_EQ((*r)->crush_version(), 5);  // pre-Luminous maps do not count CRUSH versions
}

TEST(OsdmapApply, RequireOsdReleaseRatiosAndBlocklist) {
  auto old = base_state();
  old.require_osd_release = release::jewel;
  old.flags = osdmap_flag::require_jewel;
  const auto base = base_map(old);
  auto inc = next_inc(base);
  inc.new_require_osd_release = release::nautilus;
  inc.new_require_min_compat_client = release::mimic;
  inc.new_full_ratio = 0.97f;
  const auto client = entity_addr::ipv4(addr_type::any, {10, 0, 0, 9}, 0, 0);
  inc.new_blocklist[client] = {1700009999, 0};
  auto r = apply_wire(base, inc);
  ASSERT_TRUE(r) << r.err().what();
  const auto& m = **r;
  EXPECT_EQ(m.state().require_osd_release, release::nautilus);
  EXPECT_EQ(m.state().require_min_compat_client, release::mimic);
  EXPECT_FALSE(m.test_flag(osdmap_flag::require_jewel));  // legacy flags dropped
  EXPECT_TRUE(m.test_flag(osdmap_flag::recovery_deletes));
  EXPECT_TRUE(m.test_flag(osdmap_flag::pglog_hardlimit));
  EXPECT_FLOAT_EQ(m.state().full_ratio, 0.97f);
  EXPECT_FLOAT_EQ(m.state().nearfull_ratio, 0.85f);  // -1: unchanged
  // A whole-IP entry (port 0, nonce 0) blocks every client on that IP.
  EXPECT_TRUE(m.is_blocklisted(entity_addr::ipv4(addr_type::legacy, {10, 0, 0, 9}, 5555, 77)));
  EXPECT_FALSE(m.is_blocklisted(entity_addr::ipv4(addr_type::legacy, {10, 0, 0, 8}, 5555, 77)));

  auto inc2 = next_inc(m);
  inc2.old_blocklist.push_back(client);
  r = apply_wire(m, inc2);
  ASSERT_TRUE(r) << r.err().what();
  EXPECT_FALSE((*r)->is_blocklisted(entity_addr::ipv4(addr_type::any, {10, 0, 0, 9}, 0, 0)));
  EXPECT_EQ((*r)->state().require_osd_release, release::nautilus);  // not_set: unchanged
}

TEST(OsdmapApply, FullCrcIsReportedUnverifiable) {
  const auto base = base_map();
  auto inc = next_inc(base);
  inc.full_crc = 0x12345678;
  auto r = apply_wire(base, inc);
  ASSERT_TRUE(r) << r.err().what();
  EXPECT_EQ((*r)->crc(), 0x12345678u);
  EXPECT_EQ((*r)->crc_check(), crc_status::unverifiable);
}

TEST(OsdmapApply, EmbeddedFullMapReplacesTheBase) {
  const auto base = base_map();
  auto next = base_state();
  next.epoch = 11;
  next.pools.erase(1);
  next.pool_names.erase(1);
  const auto full = encode_osdmap(next);
  auto expected = decode_osdmap_state(full);
  ASSERT_TRUE(expected);

  auto inc = next_inc(base);
  inc.fullmap = full;
  inc.full_crc = expected->crc;
  auto r = apply_wire(base, inc);
  ASSERT_TRUE(r) << r.err().what();
  EXPECT_EQ((*r)->crc_check(), crc_status::verified);
  EXPECT_TRUE((*r)->pools().empty());
  EXPECT_EQ(encode_osdmap((*r)->state()), full);

  inc.full_crc = expected->crc ^ 1;
  r = apply_wire(base, inc);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), make_error_code(errc::bad_crc));

  next.epoch = 12;  // an embedded map of the wrong epoch
  inc.fullmap = encode_osdmap(next);
  inc.full_crc = 0;
  EXPECT_FALSE(apply_wire(base, inc));
}

TEST(OsdmapApply, CorruptIncrementalIsRejectedByIncCrc) {
  const auto base = base_map();
  auto inc = next_inc(base);
  inc.new_weight[1] = weight_out;
  auto bytes = encode_incremental(inc).to_string();
  bytes[30] ^= 0x01;  // inside the epoch field
  auto decoded = decode_incremental(buffer::copy_of(std::string_view(bytes)));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.code(), make_error_code(errc::bad_crc)) << decoded.err().what();
}

TEST(OsdmapApply, TruncatedInputsFailCleanly) {
  const auto full = encode_osdmap(base_state()).to_string();
  for (std::size_t n : {0ul, 5ul, 40ul, full.size() / 2, full.size() - 1}) {
    auto m = decode_osdmap(buffer::copy_of(std::string_view(full).substr(0, n)));
    EXPECT_FALSE(m) << n;
  }
  auto inc = next_inc(base_map());
  inc.new_pools[2] = replicated_pool(4);
  const auto bytes = encode_incremental(inc).to_string();
  for (std::size_t n : {0ul, 7ul, bytes.size() / 2, bytes.size() - 4}) {
    EXPECT_FALSE(decode_incremental(buffer::copy_of(std::string_view(bytes).substr(0, n)))) << n;
  }
}

}  // namespace
}  // namespace radosio::osdc
