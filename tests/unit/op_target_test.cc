// calc_target on the OSDMap a live Pacific cluster sent (the recorded mon session): object
// "foo" of pool 13 goes to pg 13.6 on osd.0, and each kind of map change moves the op (or
// not) as Ceph's Objecter would.

#include <gtest/gtest.h>

#include "monclient/mon_messages.h"
#include "osdc/backoff.h"
#include "osdc/op_target.h"
#include "osdc/osdmap_codec.h"
#include "transcript.h"

namespace radosio::osdc {
namespace {

osdmap_state live_state() {
  const auto t = test::load_transcript("mon-crc");
  const auto& front = t.find("s2c", "MESSAGE MOSDMap v4").segment(1);
  mon::osd_map_message msg;
  EXPECT_FALSE(wire::decode_exact(front, msg));
  auto m = decode_osdmap(msg.full_maps.begin()->second);
  EXPECT_TRUE(m);
  return (*m)->state();
}

placement_ref place(osdmap_state s) {
  auto p = placement::build(std::make_shared<const osdmap>(std::move(s)));
  EXPECT_TRUE(p) << p.err().what();
  return *p;
}

class op_target_test : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = live_state();
    // The recorded pool has one copy; three copies on the three OSDs give the PG an acting
    // set that survives its primary going down.
    base_.pools.at(13).size = 3;
    base_.pools.at(13).min_size = 2;
    target_.pool = 13;
    target_.name = "foo";
  }
  // Places the target with `s` and returns the action.
  target_action with(const osdmap_state& s) {
    auto p = place(s);
    auto ws = p->make_workspace();
    return calc_target(*p, ws, target_);
  }
  osdmap_state next_epoch() const {
    auto s = base_;
    s.epoch += 1;
    return s;
  }
  osdmap_state base_;
  op_target target_;
};

TEST_F(op_target_test, first_placement_sends_to_the_recorded_primary) {
  EXPECT_EQ(with(base_), target_action::send);
  EXPECT_EQ(target_.hash, 0x7fc1f406u);  // as the recorded MOSDOp carried it
  EXPECT_EQ(target_.pgid, (pg_id{13, 6}));
  EXPECT_EQ(target_.osd, 0);
  EXPECT_EQ(target_.shard, no_shard);
  EXPECT_FALSE(target_.acting.empty());
}

TEST_F(op_target_test, an_unrelated_new_epoch_keeps_the_op_where_it_is) {
  ASSERT_EQ(with(base_), target_action::send);
  auto s = next_epoch();
  s.pool_names[99] = "unrelated";
  s.pools[99] = s.pools.at(13);
  EXPECT_EQ(with(s), target_action::keep);
}

TEST_F(op_target_test, primary_down_moves_the_op) {
  ASSERT_EQ(with(base_), target_action::send);
  auto s = next_epoch();
  s.osd_state[0] &= ~osd_state_bit::up;
  EXPECT_EQ(with(s), target_action::send);
  EXPECT_NE(target_.osd, 0);
}

TEST_F(op_target_test, min_size_or_pg_num_changes_are_new_intervals) {
  ASSERT_EQ(with(base_), target_action::send);
  auto s = next_epoch();
  s.pools.at(13).min_size = 1;
  EXPECT_EQ(with(s), target_action::send) << "min_size change";
  s.epoch += 1;
  s.pools.at(13).pg_num = 16;
  EXPECT_EQ(with(s), target_action::send) << "pg_num change (split)";
  EXPECT_EQ(target_.pgid.seed, 0x7fc1f406u & 15u);
}

TEST_F(op_target_test, last_force_op_resend_forces_one_resend) {
  ASSERT_EQ(with(base_), target_action::send);
  auto s = next_epoch();
  s.pools.at(13).last_force_op_resend = s.epoch;
  EXPECT_EQ(with(s), target_action::send);
  s.epoch += 1;  // the same value in a later epoch: already honoured
  EXPECT_EQ(with(s), target_action::keep);
}

TEST_F(op_target_test, pool_removed_is_pool_gone) {
  ASSERT_EQ(with(base_), target_action::send);
  auto s = next_epoch();
  s.pools.erase(13);
  s.pool_names.erase(13);
  EXPECT_EQ(with(s), target_action::pool_gone);
}

TEST_F(op_target_test, full_pool_pauses_writes_not_reads_and_full_try_passes) {
  auto s = base_;
  s.pools.at(13).flags |= pool_flag::full;
  target_.is_write = true;
  EXPECT_EQ(with(s), target_action::paused);
  target_.full_try = true;
  EXPECT_EQ(with(s), target_action::send) << "a pause lifted (full_try) sends";
  op_target reader;
  reader.pool = 13;
  reader.name = "foo";
  auto p = place(s);
  auto ws = p->make_workspace();
  EXPECT_EQ(calc_target(*p, ws, reader), target_action::send);
}

TEST_F(op_target_test, full_state_says_pool_full_for_a_quota_and_cluster_full_for_full_osds) {
  EXPECT_FALSE(full_state(osdmap(base_), 13)) << "the recorded pool is not full";
  const std::string name = osdmap(base_).pool_name(13);

  // A quota reached: the monitor sets FULL_QUOTA and FULL.
  auto quota = base_;
  quota.pools.at(13).flags |= pool_flag::full | pool_flag::full_quota;
  quota.pools.at(13).quota_max_objects = 10;
  auto q = full_state(osdmap(quota), 13);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->code, std::error_code(EDQUOT, std::generic_category()));
  EXPECT_EQ(q->why, "pool full: pool '" + name + "' reached its quota (max_objects 10)");
  quota.pools.at(13).quota_max_bytes = 4096;
  EXPECT_EQ(full_state(osdmap(quota), 13)->why,
            "pool full: pool '" + name + "' reached its quota (max_objects 10, max_bytes 4096)");

  // OSDs past the full ratio: the pool is flagged FULL and the OSDs carry the full state bit.
  auto osds = base_;
  osds.pools.at(13).flags |= pool_flag::full;
  osds.full_ratio = 0.5f;
  osds.osd_state.at(0) |= osd_state_bit::full;
  osds.osd_state.at(2) |= osd_state_bit::full;
  auto c = full_state(osdmap(osds), 13);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->code, std::errc::no_space_on_device);
  EXPECT_EQ(c->why, "cluster full: osd.0, osd.2 passed the full ratio 0.5");

  // The pre-Luminous map-wide flag, no OSD marked: still "cluster full", with the ratio.
  auto legacy = base_;
  legacy.flags |= osdmap_flag::full;
  legacy.full_ratio = 0.95f;
  auto l = full_state(osdmap(legacy), 13);
  ASSERT_TRUE(l);
  EXPECT_EQ(l->code, std::errc::no_space_on_device);
  EXPECT_EQ(l->why, "cluster full: pool '" + name + "' is marked full (full ratio 0.95)");
}

TEST_F(op_target_test, pause_flags_hold_and_release) {
  target_.is_write = true;
  auto s = base_;
  s.flags |= osdmap_flag::pausewr;
  EXPECT_EQ(with(s), target_action::paused);
  s.epoch += 1;
  s.flags &= ~osdmap_flag::pausewr;
  EXPECT_EQ(with(s), target_action::send) << "unpaused ops go out";
}

TEST_F(op_target_test, every_osd_down_leaves_no_primary) {
  auto s = base_;
  for (auto& st : s.osd_state) st &= ~osd_state_bit::up;
  EXPECT_EQ(with(s), target_action::no_primary);
}

TEST_F(op_target_test, pg_op_addresses_the_seed) {
  target_.pg_op = true;
  target_.pg_seed = 5;
  target_.name.clear();
  EXPECT_EQ(with(base_), target_action::send);
  EXPECT_EQ(target_.pgid, (pg_id{13, 5}));
  EXPECT_EQ(target_.hash, 5u);
}

// ---- backoff ranges ----

hobject obj(std::int64_t pool, std::uint32_t hash, std::string name) {
  hobject h;
  h.pool = pool;
  h.hash = hash;
  h.name = std::move(name);
  return h;
}

TEST(backoff, order_is_by_bit_reversed_hash_then_names) {
  // 0x1 reversed is 0x80000000, above 0x2 reversed (0x40000000).
  EXPECT_GT(compare_hobjects(obj(1, 0x1, "a"), obj(1, 0x2, "a")), 0);
  EXPECT_LT(compare_hobjects(obj(1, 0x5, "a"), obj(1, 0x5, "b")), 0);
  EXPECT_LT(compare_hobjects(obj(1, 0xffffffff, "z"), obj(2, 0, "a")), 0);
  hobject max;
  max.max = true;
  EXPECT_LT(compare_hobjects(obj(9, 0xffffffff, "z"), max), 0);
}

TEST(backoff, pg_range_and_single_object_ranges) {
  backoff_set set;
  const spg_id pg{pg_id{1, 2}, no_shard};
  // A PG-wide backoff: from the PG's first object (hash = seed) to MAX.
  hobject begin = obj(1, 2, "");
  begin.snap = 0;
  hobject end;
  end.max = true;
  set.add(backoff_range{pg, 7, begin, end});
  EXPECT_NE(set.find(pg, obj(1, 0x12345672, "x")), nullptr);
  EXPECT_EQ(set.find(spg_id{pg_id{1, 3}, no_shard}, obj(1, 0x12345672, "x")), nullptr) << "another PG";
  EXPECT_TRUE(set.remove(pg, 7));
  EXPECT_EQ(set.find(pg, obj(1, 0x12345672, "x")), nullptr);
  EXPECT_FALSE(set.remove(pg, 7));

  // begin == end: that object only.
  set.add(backoff_range{pg, 8, obj(1, 0x22, "one"), obj(1, 0x22, "one")});
  EXPECT_NE(set.find(pg, obj(1, 0x22, "one")), nullptr);
  EXPECT_EQ(set.find(pg, obj(1, 0x22, "two")), nullptr);
}

}  // namespace
}  // namespace radosio::osdc
