#include "monclient/mon_messages.h"

namespace radosio::mon {

void decode(wire::decoder& d, paxos_header& h) {
  decode(d, h.version);
  decode(d, h.session_mon);
  decode(d, h.session_mon_tid);
}

void encode(wire::encoder& e, const paxos_header& h) {
  encode(e, h.version);
  encode(e, h.session_mon);
  encode(e, h.session_mon_tid);
}

buffer encode_front(const mon_subscribe& m) {
  wire::encoder e;
  encode(e, static_cast<std::uint32_t>(m.what.size()));
  for (const auto& [name, item] : m.what) {
    encode(e, name);
    encode(e, item.start);
    encode(e, static_cast<std::uint8_t>(item.onetime ? 1 : 0));  // CEPH_SUBSCRIBE_ONETIME
  }
  encode(e, m.hostname);
  return std::move(e).finish();
}

buffer encode_front(const mon_command& m) {
  wire::encoder e;
  encode(e, paxos_header{});
  encode(e, m.fsid);
  encode(e, m.cmd);
  return std::move(e).finish();
}

void decode(wire::decoder& d, mon_command_ack& m) {
  paxos_header header;
  decode(d, header);
  decode(d, m.result);
  decode(d, m.status);
  decode(d, m.cmd);
}

buffer encode_front(const mon_get_version& m) {
  wire::encoder e;
  encode(e, m.handle);
  encode(e, m.what);
  return std::move(e).finish();
}

void decode(wire::decoder& d, mon_get_version_reply& m) {
  decode(d, m.handle);
  decode(d, m.version);
  // v2 added the oldest version; a v1 reply simply ends here.
  if (!d.at_end()) decode(d, m.oldest_version);
}

buffer encode_front(const statfs_request& m) {
  wire::encoder e;
  encode(e, paxos_header{});
  encode(e, m.fsid);
  encode(e, m.data_pool);
  return std::move(e).finish();
}

void decode(wire::decoder& d, statfs_reply& m) {
  decode(d, m.fsid);
  decode(d, m.version);
  decode(d, m.kb);
  decode(d, m.kb_used);
  decode(d, m.kb_avail);
  decode(d, m.num_objects);
}

buffer encode_front(const pool_op& m) {
  wire::encoder e;
  encode(e, paxos_header{m.osdmap_epoch, -1, 0});
  encode(e, m.fsid);
  encode(e, m.pool);
  encode(e, static_cast<std::uint32_t>(m.op));
  encode(e, std::uint64_t{0});  // auid, retired
  encode(e, m.snapid);
  encode(e, m.name);
  encode(e, std::uint8_t{0});   // padding left by the v3 -> v4 change
  encode(e, m.crush_rule);
  return std::move(e).finish();
}

void decode(wire::decoder& d, pool_op_reply& m) {
  paxos_header header;
  decode(d, header);
  decode(d, m.fsid);
  decode(d, m.reply_code);
  decode(d, m.epoch);
  bool has_data = false;
  decode(d, has_data);
  if (has_data) decode(d, m.data.emplace());
}

void decode(wire::decoder& d, osd_map_message& m) {
  decode(d, m.fsid);
  decode(d, m.incremental_maps);
  decode(d, m.full_maps);
  // v2 added the epoch range the monitor holds; later fields (removed snaps) are not needed.
  if (d.remaining() >= 8) {
    decode(d, m.oldest_map);
    decode(d, m.newest_map);
  }
  d.skip(d.remaining(), "gap_removed_snaps");
}

void decode(wire::decoder& d, auth_reply& m) {
  decode(d, m.protocol);
  decode(d, m.result);
  decode(d, m.global_id);
  decode(d, m.payload);
  decode(d, m.message);
}

void decode(wire::decoder& d, mon_map_message& m) { decode(d, m.encoded); }

}  // namespace radosio::mon
