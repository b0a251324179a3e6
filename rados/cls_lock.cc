// Advisory locks through the `lock` object class: the public API over rados/cls_lock_ops.h.

#include "radosio/cls_lock.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>

#include "rados/cls_lock_ops.h"
#include "rados/op_list.h"

namespace radosio::cls_lock {
namespace {

using boost::asio::awaitable;

constexpr std::string_view class_name = "lock";

// Ceph's ceph_entity_type_name.
std::string_view entity_type_name(std::uint8_t type) noexcept {
  switch (type) {
    case 0x01:
      return "mon";
    case 0x02:
      return "mds";
    case 0x04:
      return "osd";
    case 0x08:
      return "client";
    case 0x10:
      return "mgr";
    case 0x20:
      return "auth";
    default:
      return "unknown";
  }
}

// entity_addr_t::get_legacy_str(): the sockaddr as Ceph prints one, then "/nonce".
std::string legacy_address(const entity_addr& a) {
  std::string where;
  if (a.family == family_inet) {
    where = fmt::format("{}:{}", a.ip_string(), a.port());
  } else if (a.family == family_inet6) {
    where = fmt::format("[{}]:{}", a.ip_string(), a.port());
  } else {
    where = fmt::format("(unrecognized address family {})", a.family);
  }
  return fmt::format("{}/{}", where, a.nonce);
}

lock_info to_public(const detail::cls_lock_get_info_reply& reply) {
  lock_info info;
  info.type = static_cast<lock_type>(reply.type);
  info.tag = reply.tag;
  info.lockers.reserve(reply.lockers.size());
  for (const auto& [id, held] : reply.lockers) {
    auto& l = info.lockers.emplace_back();
    l.name = locker_name{id.locker.type, id.locker.num};
    l.cookie = id.cookie;
    l.expiration = object_time(std::chrono::seconds(held.expiration.sec) +
                               std::chrono::nanoseconds(held.expiration.nsec));
    l.description = held.description;
    l.address = legacy_address(held.addr);
  }
  return info;
}

template <class T>
buffer_list input_of(const T& op) {
  return buffer_list(detail::encode_cls_input(op));
}

// A read_op step running `method` whose output `decode_into` turns into the caller's value.
void exec_decoded(read_op& op, std::string_view method, buffer_list input, int* rval,
                  detail::op_list::output_fn decode_into) {
  op.exec(class_name, method, std::move(input), nullptr, rval);
  op.steps().outputs.back() = std::move(decode_into);
}

}  // namespace

std::string_view to_string(lock_type type) noexcept {
  switch (type) {
    case lock_type::none:
      return "none";
    case lock_type::exclusive:
      return "exclusive";
    case lock_type::shared:
      return "shared";
    case lock_type::exclusive_ephemeral:
      return "exclusive-ephemeral";
  }
  return "<unknown>";
}

std::string locker_name::to_string() const {
  if (num < 0) return fmt::format("{}.?", entity_type_name(type));
  return fmt::format("{}.{}", entity_type_name(type), num);
}

std::optional<locker_name> locker_name::parse(std::string_view text) {
  static constexpr std::pair<std::string_view, std::uint8_t> prefixes[] = {
      {"mon.", 0x01}, {"osd.", 0x04}, {"mds.", 0x02}, {"client.", 0x08}, {"mgr.", 0x10}};
  for (const auto& [prefix, type] : prefixes) {
    if (!text.starts_with(prefix)) continue;
    // As strtoll reads the number: no leading space, an optional sign, decimal digits to
    // the end, saturating on overflow.
    const std::string rest(text.substr(prefix.size()));
    if (rest.empty() || std::isspace(static_cast<unsigned char>(rest.front()))) return std::nullopt;
    char* end = nullptr;
    const long long num = std::strtoll(rest.c_str(), &end, 10);
    if (end == rest.c_str() || end != rest.c_str() + rest.size()) return std::nullopt;
    return locker_name{type, num};
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- steps

void lock(write_op& op, const lock_request& request) {
  detail::cls_lock_lock_op in;
  in.name = request.name;
  in.type = static_cast<std::uint8_t>(request.type);
  in.cookie = request.cookie;
  in.tag = request.tag;
  in.description = request.description;
  const auto ns = request.duration.count();
  in.duration = utime{static_cast<std::uint32_t>(ns / 1'000'000'000),
                      static_cast<std::uint32_t>(ns % 1'000'000'000)};
  in.flags = request.flags;
  op.exec(class_name, "lock", input_of(in));
}

void unlock(write_op& op, std::string_view name, std::string_view cookie) {
  detail::cls_lock_unlock_op in;
  in.name = name;
  in.cookie = cookie;
  op.exec(class_name, "unlock", input_of(in));
}

void break_lock(write_op& op, std::string_view name, std::string_view cookie,
                const locker_name& locker) {
  detail::cls_lock_break_op in;
  in.name = name;
  in.locker = entity_num{locker.type, locker.num};
  in.cookie = cookie;
  op.exec(class_name, "break_lock", input_of(in));
}

void get_lock_info(read_op& op, std::string_view name, lock_info* out, int* rval) {
  detail::cls_lock_get_info_op in;
  in.name = name;
  exec_decoded(op, "get_info", input_of(in), rval, [out](const osdc::osd_op& r) -> status {
    auto reply = detail::decode_lock_info_reply(r.outdata);
    if (!reply) return reply.err();
    if (out) *out = to_public(*reply);
    return ok_status();
  });
}

void list_locks(read_op& op, std::vector<std::string>* out, int* rval) {
  exec_decoded(op, "list_locks", buffer_list(), rval, [out](const osdc::osd_op& r) -> status {
    auto reply = detail::decode_list_locks_reply(r.outdata);
    if (!reply) return reply.err();
    if (out) *out = std::move(reply->locks);
    return ok_status();
  });
}

// ---------------------------------------------------------------- single calls

awaitable<status> lock(ioctx io, std::string oid, lock_request request) {
  write_op op;
  lock(op, request);
  co_return co_await io.operate(std::move(oid), std::move(op));
}

awaitable<status> lock_exclusive(ioctx io, std::string oid, std::string name, std::string cookie) {
  lock_request request;
  request.name = std::move(name);
  request.type = lock_type::exclusive;
  request.cookie = std::move(cookie);
  co_return co_await lock(std::move(io), std::move(oid), std::move(request));
}

awaitable<status> lock_shared(ioctx io, std::string oid, std::string name, std::string cookie,
                              std::string tag) {
  lock_request request;
  request.name = std::move(name);
  request.type = lock_type::shared;
  request.cookie = std::move(cookie);
  request.tag = std::move(tag);
  co_return co_await lock(std::move(io), std::move(oid), std::move(request));
}

awaitable<status> unlock(ioctx io, std::string oid, std::string name, std::string cookie) {
  write_op op;
  unlock(op, name, cookie);
  co_return co_await io.operate(std::move(oid), std::move(op));
}

awaitable<status> break_lock(ioctx io, std::string oid, std::string name, std::string cookie,
                             locker_name locker) {
  write_op op;
  break_lock(op, name, cookie, locker);
  co_return co_await io.operate(std::move(oid), std::move(op));
}

awaitable<result<lock_info>> get_lock_info(ioctx io, std::string oid, std::string name) {
  lock_info info;
  read_op op;
  get_lock_info(op, name, &info);
  auto done = co_await io.operate(std::move(oid), std::move(op));
  if (!done) co_return done.err();
  co_return info;
}

awaitable<result<std::vector<std::string>>> list_locks(ioctx io, std::string oid) {
  std::vector<std::string> names;
  read_op op;
  list_locks(op, &names);
  auto done = co_await io.operate(std::move(oid), std::move(op));
  if (!done) co_return done.err();
  co_return names;
}

}  // namespace radosio::cls_lock
