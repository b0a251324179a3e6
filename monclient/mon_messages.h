#pragma once
// Front-payload codecs of the messages a client exchanges with monitors (protocol.md b.4,
// b.8). Each struct knows its message type and header versions; the messenger wraps the
// encoded front (and, for commands, the data segment) into a MESSAGE frame.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/buffer.h"
#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"
#include "common/types/basic.h"

namespace radosio::mon {

// Message type numbers (CEPH_MSG_* / MSG_*).
namespace msg_type {
inline constexpr std::uint16_t mon_map = 4;
inline constexpr std::uint16_t mon_get_map = 5;
inline constexpr std::uint16_t statfs = 13;
inline constexpr std::uint16_t statfs_reply = 14;
inline constexpr std::uint16_t mon_subscribe = 15;
inline constexpr std::uint16_t mon_subscribe_ack = 16;
inline constexpr std::uint16_t auth = 17;
inline constexpr std::uint16_t auth_reply = 18;
inline constexpr std::uint16_t mon_get_version = 19;
inline constexpr std::uint16_t mon_get_version_reply = 20;
inline constexpr std::uint16_t osd_map = 41;
inline constexpr std::uint16_t pool_op_reply = 48;
inline constexpr std::uint16_t pool_op = 49;
inline constexpr std::uint16_t mon_command = 50;
inline constexpr std::uint16_t mon_command_ack = 51;
inline constexpr std::uint16_t config = 62;
}  // namespace msg_type

// The header every PaxosServiceMessage front starts with. Clients send session_mon -1.
struct paxos_header {
  std::uint64_t version = 0;
  std::int16_t session_mon = -1;
  std::uint64_t session_mon_tid = 0;
};
void decode(wire::decoder& d, paxos_header& h);
void encode(wire::encoder& e, const paxos_header& h);

// MMonSubscribe v3: what to be sent, from which epoch, once or continuously.
struct subscribe_item {
  std::uint64_t start = 0;  // 0 = send the current full map
  bool onetime = false;
};
struct mon_subscribe {
  static constexpr std::uint16_t type = msg_type::mon_subscribe;
  static constexpr std::uint16_t version = 3;
  static constexpr std::uint16_t compat = 1;
  std::map<std::string, subscribe_item> what;
  std::string hostname;
};
buffer encode_front(const mon_subscribe& m);

// MMonCommand v1: a JSON command; input bytes, if any, go in the data segment.
struct mon_command {
  static constexpr std::uint16_t type = msg_type::mon_command;
  static constexpr std::uint16_t version = 1;
  static constexpr std::uint16_t compat = 1;
  uuid fsid;
  std::vector<std::string> cmd;
};
buffer encode_front(const mon_command& m);

// MMonCommandAck v1: result code, status text, the command echoed; output in the data segment.
struct mon_command_ack {
  std::int32_t result = 0;
  std::string status;
  std::vector<std::string> cmd;
};
void decode(wire::decoder& d, mon_command_ack& m);

// MMonGetVersion / reply: the newest epoch of a map ("osdmap", "monmap", "mdsmap").
struct mon_get_version {
  static constexpr std::uint16_t type = msg_type::mon_get_version;
  static constexpr std::uint16_t version = 1;
  static constexpr std::uint16_t compat = 1;
  std::uint64_t handle = 0;
  std::string what;
};
buffer encode_front(const mon_get_version& m);

struct mon_get_version_reply {
  std::uint64_t handle = 0;
  std::uint64_t version = 0;
  std::uint64_t oldest_version = 0;
};
void decode(wire::decoder& d, mon_get_version_reply& m);

// MStatfs v2 / MStatfsReply: cluster (or one pool's) usage, answered from the mgr's stats.
struct statfs_request {
  static constexpr std::uint16_t type = msg_type::statfs;
  static constexpr std::uint16_t version = 2;
  static constexpr std::uint16_t compat = 1;
  uuid fsid;
  std::optional<std::int64_t> data_pool;
};
buffer encode_front(const statfs_request& m);

struct statfs_reply {
  uuid fsid;
  std::uint64_t version = 0;
  std::uint64_t kb = 0;
  std::uint64_t kb_used = 0;
  std::uint64_t kb_avail = 0;
  std::uint64_t num_objects = 0;
};
void decode(wire::decoder& d, statfs_reply& m);

// MPoolOp v4 / MPoolOpReply: pool create/delete and pool snapshots.
enum class pool_op_code : std::uint32_t {
  create = 0x01,
  remove = 0x02,
  auid_change = 0x03,
  create_snap = 0x11,
  delete_snap = 0x12,
  create_unmanaged_snap = 0x21,
  delete_unmanaged_snap = 0x22,
};
struct pool_op {
  static constexpr std::uint16_t type = msg_type::pool_op;
  static constexpr std::uint16_t version = 4;
  static constexpr std::uint16_t compat = 2;
  std::uint32_t osdmap_epoch = 0;  // carried in the paxos header's version
  uuid fsid;
  std::uint32_t pool = 0;
  pool_op_code op = pool_op_code::create;
  std::uint64_t snapid = 0;
  std::string name;
  std::int16_t crush_rule = -1;  // -1: the default rule
};
buffer encode_front(const pool_op& m);

struct pool_op_reply {
  uuid fsid;
  std::int32_t reply_code = 0;  // 0 or -errno
  std::uint32_t epoch = 0;      // the OSDMap epoch that carries the change
  std::optional<buffer> data;
};
void decode(wire::decoder& d, pool_op_reply& m);

// MOSDMap v4: full and incremental OSDMaps by epoch, kept encoded for the maps layer.
struct osd_map_message {
  uuid fsid;
  std::map<std::uint32_t, buffer> incremental_maps;
  std::map<std::uint32_t, buffer> full_maps;
  std::uint32_t oldest_map = 0;
  std::uint32_t newest_map = 0;
};
void decode(wire::decoder& d, osd_map_message& m);

// MAuthReply v1: a ticket renewal's (or re-authentication's) answer. The cephx payload is
// left encoded for the auth layer.
struct auth_reply {
  std::uint32_t protocol = 0;
  std::int32_t result = 0;  // 0 or -errno
  std::uint64_t global_id = 0;
  buffer payload;
  std::string message;
};
void decode(wire::decoder& d, auth_reply& m);

// MMonMap: the encoded MonMap, as a length-prefixed blob (decode it with decode(mon_map&)).
struct mon_map_message {
  buffer encoded;
};
void decode(wire::decoder& d, mon_map_message& m);

// MMonGetMap: empty front; asks for the MonMap now.
struct mon_get_map {
  static constexpr std::uint16_t type = msg_type::mon_get_map;
  static constexpr std::uint16_t version = 1;
  static constexpr std::uint16_t compat = 1;
};

}  // namespace radosio::mon
