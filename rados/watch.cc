// Watch / notify through the objecter's linger ops.

#include <fmt/format.h>

#include "osdc/osd_op_codes.h"
#include "rados/client_impl.h"
#include "rados/op_codecs.h"

namespace radosio {

using boost::asio::awaitable;

awaitable<result<std::uint64_t>> ioctx::watch(std::string oid, watch_callback on_notify, watch_error_callback on_error,
                                              std::uint32_t timeout_seconds) {
  auto io = impl_;
  if (!io->owner) co_return error{std::make_error_code(std::errc::bad_file_descriptor), "ioctx is not open"};
  const auto where = io->request_for(oid);
  osdc::watch_request req;
  req.pool = where.pool;
  req.name = where.name;
  req.key = where.key;
  req.nspace = where.nspace;
  req.timeout_seconds = timeout_seconds;
  req.on_event = [on_notify = std::move(on_notify)](const osdc::mwatch_notify& n) {
    if (!on_notify) return;
    notify_event e;
    e.notify_id = n.notify_id;
    e.cookie = n.cookie;
    e.notifier_id = n.notifier_gid;
    e.payload = n.payload;
    e.disconnected = n.op == osdc::watch_notify_op::disconnect;
    on_notify(e);
  };
  // The cookie is only known once registered; the error callback learns it then.
  auto cookie_slot = std::make_shared<std::uint64_t>(0);
  req.on_error = [on_error = std::move(on_error), cookie_slot](const error& e) {
    if (on_error) on_error(*cookie_slot, e);
  };
  auto cookie = co_await io->owner->objecter.watch(std::move(req));
  if (!cookie) {
    co_return error{cookie.err().code, fmt::format("watch {}/{}: {}", io->pool_name, oid, cookie.err().what())};
  }
  *cookie_slot = *cookie;
  co_return *cookie;
}

awaitable<status> ioctx::unwatch(std::uint64_t cookie) {
  auto io = impl_;
  if (!io->owner) co_return error{std::make_error_code(std::errc::bad_file_descriptor), "ioctx is not open"};
  co_return co_await io->owner->objecter.unwatch(cookie);
}

awaitable<status> ioctx::notify_ack(std::string oid, std::uint64_t notify_id, std::uint64_t cookie, buffer_list reply) {
  auto io = impl_;
  if (!io->owner) co_return error{std::make_error_code(std::errc::bad_file_descriptor), "ioctx is not open"};
  auto req = io->request_for(oid);
  auto& op = req.ops.emplace_back();
  op.code = osdc::op_code::notify_ack;
  op.indata = detail::encode_notify_ack(notify_id, cookie, reply);
  auto out = co_await io->owner->objecter.execute(std::move(req));
  if (!out) co_return out.err();
  if (out->result < 0) {
    const std::error_code code(-out->result, std::generic_category());
    co_return error{code, fmt::format("notify-ack {}/{}: {}", io->pool_name, oid, code.message())};
  }
  co_return ok_status();
}

awaitable<result<notify_result>> ioctx::notify(std::string oid, buffer_list payload, std::uint32_t timeout_seconds) {
  auto io = impl_;
  if (!io->owner) co_return error{std::make_error_code(std::errc::bad_file_descriptor), "ioctx is not open"};
  auto target = io->request_for(oid);
  auto out = co_await io->owner->objecter.notify(std::move(target), std::move(payload), timeout_seconds);
  if (!out) co_return error{out.err().code, fmt::format("notify {}/{}: {}", io->pool_name, oid, out.err().what())};
  auto acks = detail::decode_notify_acks(out->acks);
  if (!acks) co_return error{acks.err().code, fmt::format("notify {}/{}: {}", io->pool_name, oid, acks.err().what())};
  co_return std::move(*acks);
}

awaitable<result<std::vector<object_watcher>>> ioctx::list_watchers(std::string oid) {
  std::vector<object_watcher> watchers;
  read_op op;
  op.list_watchers(&watchers);
  auto done = co_await operate(std::move(oid), std::move(op));
  if (!done) co_return done.err();
  co_return watchers;
}

}  // namespace radosio
