#include <fmt/format.h>

#include <algorithm>
#include <cerrno>

#include "osdc/osd_op_codes.h"
#include "rados/client_impl.h"
#include "rados/op_list.h"

namespace radosio {
namespace {

using boost::asio::awaitable;

// "read data/greeting" or "read data/ns/greeting": what the error messages name.
std::string object_label(const ioctx::impl& io, std::string_view oid) {
  if (io.nspace.empty()) return fmt::format("{}/{}", io.pool_name, oid);
  return fmt::format("{}/{}/{}", io.pool_name, io.nspace, oid);
}

error osd_error(std::int32_t result, std::string_view what, const ioctx::impl& io, std::string_view oid) {
  const std::error_code code(-result, std::generic_category());
  return error{code, fmt::format("{} {}: {}", what, object_label(io, oid), code.message())};
}

osdc::op_request make_request(const ioctx::impl& io, std::string oid, detail::op_list& steps) {
  auto req = io.request_for(std::move(oid));
  req.ops = steps.ops;
  req.extra_flags = steps.extra_flags;
  req.mtime = steps.mtime;
  return req;
}

// The name of an operation for messages: the first op's.
std::string_view op_label(const detail::op_list& steps) {
  return steps.ops.empty() ? "operate" : osdc::op_name(steps.ops.front().code);
}

}  // namespace

ioctx::ioctx() : impl_(std::make_shared<impl>()) {}
ioctx::ioctx(std::shared_ptr<impl> i) : impl_(std::move(i)) {}
ioctx::~ioctx() = default;
// Copies are independent handles (a namespace set on one does not change the other).
ioctx::ioctx(const ioctx& other) : impl_(std::make_shared<impl>(*other.impl_)) {}
ioctx& ioctx::operator=(const ioctx& other) {
  if (this != &other) impl_ = std::make_shared<impl>(*other.impl_);
  return *this;
}
ioctx::ioctx(ioctx&&) noexcept = default;
ioctx& ioctx::operator=(ioctx&&) noexcept = default;

std::int64_t ioctx::pool_id() const noexcept { return impl_->pool; }
const std::string& ioctx::pool_name() const noexcept { return impl_->pool_name; }
void ioctx::set_namespace(std::string nspace) { impl_->nspace = std::move(nspace); }
const std::string& ioctx::get_namespace() const noexcept { return impl_->nspace; }
void ioctx::set_all_namespaces(bool all) { impl_->all_namespaces = all; }
void ioctx::set_locator_key(std::string key) { impl_->locator_key = std::move(key); }
void ioctx::set_read_snap(snap_id snap) { impl_->snap = snap; }
snap_id ioctx::read_snap() const noexcept { return impl_->snap; }

awaitable<status> ioctx::operate(std::string oid, write_op op) {
  auto io = impl_;
  if (!io->owner) co_return error{std::make_error_code(std::errc::bad_file_descriptor), "ioctx is not open"};
  if (op.empty()) co_return ok_status();
  auto& steps = op.steps();
  // As librados: a handle reading from a snapshot writes nothing.
  if (io->snap != head_snap) co_return osd_error(-EROFS, op_label(steps), *io, oid);
  auto req = make_request(*io, oid, steps);
  req.snap = head_snap;  // writes go to the head
  // Removing frees space: it may proceed on a full pool, as librados lets deletes do.
  req.full_try = std::all_of(steps.ops.begin(), steps.ops.end(),
                             [](const osdc::osd_op& o) { return o.code == osdc::op_code::remove; });
  auto out = co_await io->owner->objecter.execute(std::move(req));
  if (!out) co_return out.err();
  (void)detail::deliver(steps, out->ops);
  if (out->result < 0) co_return osd_error(out->result, op_label(steps), *io, oid);
  co_return ok_status();
}

awaitable<status> ioctx::operate(std::string oid, read_op op, std::uint64_t* version) {
  auto io = impl_;
  if (!io->owner) co_return error{std::make_error_code(std::errc::bad_file_descriptor), "ioctx is not open"};
  if (op.empty()) co_return ok_status();
  auto& steps = op.steps();
  auto req = make_request(*io, oid, steps);
  auto out = co_await io->owner->objecter.execute(std::move(req));
  if (!out) co_return out.err();
  auto delivered = detail::deliver(steps, out->ops);
  if (version) *version = out->version;
  if (out->result < 0) co_return osd_error(out->result, op_label(steps), *io, oid);
  if (!delivered) {
    co_return error{delivered.err().code, fmt::format("{} {}: {}", op_label(steps), object_label(*io, oid),
                                                       delivered.err().what())};
  }
  co_return ok_status();
}

awaitable<result<buffer_list>> ioctx::read(std::string oid, std::uint64_t offset, std::uint64_t length) {
  buffer_list data;
  read_op op;
  op.read(offset, length, &data);
  auto st = co_await operate(std::move(oid), std::move(op));
  if (!st) co_return st.err();
  co_return data;
}

awaitable<status> ioctx::write_full(std::string oid, buffer_list data) {
  write_op op;
  op.write_full(std::move(data));
  co_return co_await operate(std::move(oid), std::move(op));
}

awaitable<status> ioctx::write(std::string oid, buffer_list data, std::uint64_t offset) {
  write_op op;
  op.write(offset, std::move(data));
  co_return co_await operate(std::move(oid), std::move(op));
}

awaitable<status> ioctx::append(std::string oid, buffer_list data) {
  write_op op;
  op.append(std::move(data));
  co_return co_await operate(std::move(oid), std::move(op));
}

awaitable<status> ioctx::truncate(std::string oid, std::uint64_t size) {
  write_op op;
  op.truncate(size);
  co_return co_await operate(std::move(oid), std::move(op));
}

awaitable<status> ioctx::create(std::string oid, bool exclusive) {
  write_op op;
  op.create(exclusive);
  co_return co_await operate(std::move(oid), std::move(op));
}

awaitable<status> ioctx::remove(std::string oid) {
  write_op op;
  op.remove();
  co_return co_await operate(std::move(oid), std::move(op));
}

awaitable<result<object_stat>> ioctx::stat(std::string oid) {
  object_stat st;
  read_op op;
  op.stat(&st);
  auto done = co_await operate(std::move(oid), std::move(op));
  if (!done) co_return done.err();
  co_return st;
}

awaitable<result<buffer_list>> ioctx::get_xattr(std::string oid, std::string name) {
  buffer_list value;
  read_op op;
  op.get_xattr(name, &value);
  auto done = co_await operate(std::move(oid), std::move(op));
  if (!done) co_return done.err();
  co_return value;
}

awaitable<result<std::map<std::string, buffer_list>>> ioctx::get_xattrs(std::string oid) {
  std::map<std::string, buffer_list> values;
  read_op op;
  op.get_xattrs(&values);
  auto done = co_await operate(std::move(oid), std::move(op));
  if (!done) co_return done.err();
  co_return values;
}

awaitable<status> ioctx::set_xattr(std::string oid, std::string name, buffer_list value) {
  write_op op;
  op.set_xattr(name, std::move(value));
  co_return co_await operate(std::move(oid), std::move(op));
}

awaitable<status> ioctx::rm_xattr(std::string oid, std::string name) {
  write_op op;
  op.rm_xattr(name);
  co_return co_await operate(std::move(oid), std::move(op));
}

}  // namespace radosio
