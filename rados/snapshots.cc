// Pool snapshots: made and removed by the monitor (MPoolOp CREATE_SNAP / DELETE_SNAP), listed
// from the pool's `snaps` in the OSDMap, and applied to one object by the OSD (ROLLBACK).

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "osdc/osd_op_codes.h"
#include "rados/client_impl.h"
#include "rados/op_list.h"

namespace radosio {
namespace {

using boost::asio::awaitable;

error errno_error(int err, std::string text) {
  return error{std::error_code(err, std::generic_category()), std::move(text)};
}

// The pool as the client's current OSDMap has it, or why not.
result<const pg_pool*> current_pool(const ioctx::impl& io) {
  if (!io.owner)
    return error{std::make_error_code(std::errc::bad_file_descriptor), "ioctx is not open"};
  auto map = io.owner->objecter.map();
  const pg_pool* pool = map ? map->pool(io.pool) : nullptr;
  if (!pool) return errno_error(ENOENT, fmt::format("pool {} does not exist", io.pool_name));
  return pool;
}

const pool_snap_info* find_snap(const pg_pool& pool, std::string_view name) {
  auto it = std::find_if(pool.snaps.begin(), pool.snaps.end(),
                         [&](const auto& s) { return s.second.name == name; });
  return it == pool.snaps.end() ? nullptr : &it->second;
}

pool_snap to_public(const pool_snap_info& s) {
  return pool_snap{
      s.snap, s.name,
      object_time(std::chrono::seconds(s.stamp.sec) + std::chrono::nanoseconds(s.stamp.nsec))};
}

// Sends a pool snapshot operation to the monitor and waits until the objecter's map has
// the epoch that carries its result, as librados's objecter does before it completes.
awaitable<status> pool_snap_op(std::shared_ptr<ioctx::impl> io, mon::pool_op_code code,
                               std::string name, std::string_view what) {
  auto& owner = *io->owner;
  mon::pool_op op;
  op.pool = static_cast<std::uint32_t>(io->pool);
  op.op = code;
  op.name = name;
  auto reply = co_await owner.mon.pool_operation(std::move(op));
  if (!reply) co_return reply.err();
  const auto label = fmt::format("{} {}@{}", what, io->pool_name, name);
  if (reply->reply_code < 0) {
    const std::error_code ec(-reply->reply_code, std::generic_category());
    co_return error{ec, fmt::format("{}: {}", label, ec.message())};
  }
  auto arrived = co_await owner.mon.wait_for_osdmap(reply->epoch);
  if (!arrived)
    co_return error{arrived.err().code, fmt::format("{}: {}", label, arrived.err().what())};
  auto map = owner.objecter.map();
  if (!map || map->epoch() < reply->epoch) {
    auto refreshed = co_await owner.objecter.refresh_map();
    if (!refreshed)
      co_return error{refreshed.err().code, fmt::format("{}: {}", label, refreshed.err().what())};
  }
  co_return ok_status();
}

}  // namespace

awaitable<result<snap_id>> ioctx::snap_create(std::string name) {
  auto io = impl_;
  auto pool = current_pool(*io);
  if (!pool) co_return pool.err();
  // As librados: a name the pool already has is refused here, not sent.
  if (find_snap(**pool, name)) {
    co_return errno_error(EEXIST, fmt::format("create snapshot {}@{}: {}", io->pool_name, name,
                                              std::strerror(EEXIST)));
  }
  auto done = co_await pool_snap_op(io, mon::pool_op_code::create_snap, name, "create snapshot");
  if (!done) co_return done.err();
  co_return snap_lookup(name);
}

awaitable<status> ioctx::snap_remove(std::string name) {
  auto io = impl_;
  auto pool = current_pool(*io);
  if (!pool) co_return pool.err();
  // The monitor quietly accepts removing a snapshot that is not there; librados says ENOENT.
  if (!find_snap(**pool, name)) {
    co_return errno_error(ENOENT, fmt::format("remove snapshot {}@{}: {}", io->pool_name, name,
                                              std::strerror(ENOENT)));
  }
  co_return co_await pool_snap_op(io, mon::pool_op_code::delete_snap, name, "remove snapshot");
}

result<std::vector<pool_snap>> ioctx::snap_list() const {
  auto pool = current_pool(*impl_);
  if (!pool) return pool.err();
  std::vector<pool_snap> out;
  out.reserve((*pool)->snaps.size());
  for (const auto& [id, s] : (*pool)->snaps) out.push_back(to_public(s));
  return out;
}

result<snap_id> ioctx::snap_lookup(std::string_view name) const {
  auto pool = current_pool(*impl_);
  if (!pool) return pool.err();
  if (const auto* s = find_snap(**pool, name)) return s->snap;
  return errno_error(ENOENT, fmt::format("pool {} has no snapshot '{}'", impl_->pool_name, name));
}

result<pool_snap> ioctx::snap_get(snap_id id) const {
  auto pool = current_pool(*impl_);
  if (!pool) return pool.err();
  const auto it = (*pool)->snaps.find(id);
  if (it == (*pool)->snaps.end())
    return errno_error(ENOENT, fmt::format("pool {} has no snapshot {}", impl_->pool_name, id));
  return to_public(it->second);
}

awaitable<status> ioctx::rollback(std::string oid, std::string snap_name) {
  auto snap = snap_lookup(snap_name);
  if (!snap) co_return snap.err();
  // ROLLBACK names the snapshot in the op's snap argument; it is a write to the head.
  write_op op;
  op.steps().add(osdc::op_code::rollback).set_snap(*snap);
  co_return co_await operate(std::move(oid), std::move(op));
}

}  // namespace radosio
