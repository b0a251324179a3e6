// Listing a pool with PGNLS, one PG at a time, in the order the OSDs keep objects.

#include <fmt/format.h>

#include <algorithm>

#include "common/bits.h"
#include <cerrno>
#include <limits>
#include <numeric>

#include "common/encoding/decoder.h"
#include "osdc/osd_op_codes.h"
#include "rados/client_impl.h"
#include "rados/op_codecs.h"

namespace radosio {
namespace {

// librados' LIBRADOS_ALL_NSPACES: the namespace that lists every namespace.
constexpr std::string_view all_namespaces_marker = "\x01";

// PG seeds in the order the OSDs' object order meets them (by bit-reversed seed): walking
// them so lists objects in the order `rados ls` prints them.
std::vector<std::uint32_t> walk_order(std::uint32_t pg_num) {
  std::vector<std::uint32_t> seeds(pg_num);
  std::iota(seeds.begin(), seeds.end(), 0u);
  std::sort(seeds.begin(), seeds.end(),
            [](std::uint32_t a, std::uint32_t b) { return reverse_bits(a) < reverse_bits(b); });
  return seeds;
}

// The start of every PG: the cursor the OSD accepts for any PG.
hobject min_cursor() {
  hobject h;
  h.snap = 0;
  h.hash = 0;
  h.pool = std::numeric_limits<std::int64_t>::min();
  return h;
}

}  // namespace

boost::asio::awaitable<result<list_page>> ioctx::list(list_cursor from, std::size_t max) {
  auto io = impl_;
  list_page page;
  page.next = std::move(from);
  auto& cursor = page.next;
  if (!io->owner) co_return error{std::make_error_code(std::errc::bad_file_descriptor), "ioctx is not open"};
  if (max == 0) max = 1;
  while (!cursor.done && page.entries.size() < max) {
    const auto map = io->owner->objecter.map();
    const pg_pool* pool = map->pool(io->pool);
    if (pool == nullptr) {
      co_return error{std::make_error_code(std::errc::no_such_file_or_directory),
                      fmt::format("listing pool {}: the pool no longer exists", io->pool_name)};
    }
    const std::uint32_t end = std::min(cursor.end, pool->pg_num);
    if (cursor.index >= end) {
      cursor.done = true;
      break;
    }
    const auto seeds = walk_order(pool->pg_num);
    const std::uint32_t seed = seeds[cursor.index];

    hobject position = min_cursor();
    if (!cursor.position.empty()) {
      const buffer raw = buffer::copy_of(std::string_view(cursor.position));
      if (auto ec = wire::decode_exact(raw.view(), position)) {
        co_return error{ec, fmt::format("listing pool {}: the cursor is not valid", io->pool_name)};
      }
    }
    osdc::osd_op op;
    op.code = osdc::op_code::pgnls;
    op.set_pgls(max - page.entries.size(), map->epoch());
    op.indata.append(detail::encode_cursor(position));

    osdc::op_request req;
    req.pool = io->pool;
    req.pg_op = true;
    req.pg_seed = seed;
    req.nspace = io->all_namespaces ? std::string(all_namespaces_marker) : io->nspace;
    req.extra_flags = osdc::osd_flag::ignore_overlay;
    req.snap = head_snap;  // as librados: the OSD lists heads only and refuses a snapshot (EINVAL)
    req.ops.push_back(std::move(op));
    auto out = co_await io->owner->objecter.execute(std::move(req));
    if (!out) co_return out.err();
    if (out->result < 0) {
      const std::error_code code(-out->result, std::generic_category());
      co_return error{code, fmt::format("listing pool {} (pg {}.{:x}): {}", io->pool_name, io->pool, seed,
                                        code.message())};
    }
    if (out->ops.empty()) {
      co_return error{std::make_error_code(std::errc::protocol_error),
                      fmt::format("listing pool {}: the OSD answered without the listing", io->pool_name)};
    }
    auto listed = detail::decode_pgnls(out->ops.front().outdata);
    if (!listed) co_return error{listed.err().code, fmt::format("listing pool {}: {}", io->pool_name, listed.err().what())};
    for (auto& e : listed->entries) page.entries.push_back(std::move(e));
    // rval 1: this PG is exhausted. Otherwise the count was reached: continue in this PG.
    if (out->ops.front().rval == 1 || out->result == 1 || listed->next.max) {
      ++cursor.index;
      cursor.position.clear();
    } else {
      cursor.position = detail::encode_cursor(listed->next).to_string();
    }
  }
  co_return page;
}

list_cursor ioctx::split(std::size_t i, std::size_t n) const {
  list_cursor c;
  std::uint32_t pg_num = 0;
  if (impl_->owner) {
    if (auto map = impl_->owner->objecter.map())
      if (const auto* pool = map->pool(impl_->pool)) pg_num = pool->pg_num;
  }
  if (n == 0) n = 1;
  c.index = static_cast<std::uint32_t>(i * pg_num / n);
  c.end = static_cast<std::uint32_t>((i + 1) * pg_num / n);
  c.done = c.index >= c.end;
  return c;
}

}  // namespace radosio
