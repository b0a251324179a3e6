// libFuzzer target: what a monitor sends a client, from raw bytes. The whole input is a
// message front, fed to every monitor message decoder the client has: MMonMap (and the
// MonMap inside), MOSDMap (and every full and incremental OSDMap inside), MAuthReply,
// MMonCommandAck, MStatfsReply, MPoolOpReply, MMonGetVersionReply; and, directly, MonMap.
// Garbage must be refused with an error, never crash, read out of bounds or allocate
// without bound (a count of 2^31 entries in a small front must fail before allocating).

#include <cstdint>
#include <cstdlib>

#include "monclient/mon_map.h"
#include "monclient/mon_messages.h"
#include "osdc/osdmap_codec.h"
#include "osdc/osdmap_incremental.h"

namespace {

using namespace radosio;

template <class T>
bool decode_whole(bytes_view bytes, T& value) {
  std::string why;
  const auto ec = wire::decode_exact(bytes, value, &why);
  if (ec && why.empty()) std::abort();  // every failure must explain itself
  return !ec;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const bytes_view input(data, size);

  mon::mon_map_message wrapped;
  if (decode_whole(input, wrapped)) {
    mon::mon_map map;
    (void)decode_whole(wrapped.encoded.view(), map);
  }
  mon::mon_map direct;
  (void)decode_whole(input, direct);

  mon::osd_map_message maps;
  if (decode_whole(input, maps)) {
    for (const auto& [epoch, bytes] : maps.full_maps) (void)osdc::decode_osdmap(bytes);
    for (const auto& [epoch, bytes] : maps.incremental_maps) (void)osdc::decode_incremental(bytes);
  }

  mon::auth_reply auth;
  (void)decode_whole(input, auth);
  mon::mon_command_ack ack;
  (void)decode_whole(input, ack);
  mon::statfs_reply statfs;
  (void)decode_whole(input, statfs);
  mon::pool_op_reply pool_op;
  (void)decode_whole(input, pool_op);
  mon::mon_get_version_reply version;
  (void)decode_whole(input, version);
  return 0;
}
