#include <fmt/format.h>

#include <cerrno>

#include "osdc/osd_op_codes.h"
#include "rados/op_codecs.h"
#include "rados/op_list.h"
#include "radosio/operations.h"

namespace radosio {

using detail::op_list;
using osdc::op_code;
using osdc::osd_op;

namespace detail {

status deliver(op_list& list, const std::vector<osdc::osd_op>& replied) {
  status first_problem = ok_status();
  for (std::size_t i = 0; i < list.ops.size(); ++i) {
    // A reply lists every op it was asked; a short one leaves the rest unanswered.
    if (i >= replied.size()) {
      if (list.rvals[i]) *list.rvals[i] = -EIO;
      continue;
    }
    const auto& op = replied[i];
    int rval = op.rval;
    if (rval >= 0 && list.outputs[i]) {
      if (auto st = list.outputs[i](op); !st) {
        rval = -EIO;
        if (first_problem) first_problem = st;
      }
    }
    if (list.rvals[i]) *list.rvals[i] = rval;
  }
  return first_problem;
}

}  // namespace detail

namespace {

buffer_list bytes_of(std::string_view text) { return buffer_list(buffer::copy_of(text)); }

void add_cmp_xattr(op_list& list, std::string_view name, compare_op op, buffer_list operand,
                   osdc::cmp_mode mode, int* rval) {
  auto& o = list.add(op_code::cmp_xattr, {}, rval);
  o.set_xattr(static_cast<std::uint32_t>(name.size()), static_cast<std::uint32_t>(operand.size()),
              static_cast<std::uint8_t>(op), static_cast<std::uint8_t>(mode));
  o.indata.append(buffer::copy_of(name));
  o.indata.append(operand);
}

buffer_list le64_operand(std::uint64_t v) {
  wire::encoder e(8);
  encode(e, v);
  return buffer_list(std::move(e).finish());
}

void add_exec(op_list& list, std::string_view cls, std::string_view method, buffer_list input,
              op_list::output_fn out, int* rval) {
  auto& o = list.add(op_code::call, std::move(out), rval);
  o.set_cls(static_cast<std::uint8_t>(cls.size()), static_cast<std::uint8_t>(method.size()),
            static_cast<std::uint32_t>(input.size()));
  o.indata.append(buffer::copy_of(cls));
  o.indata.append(buffer::copy_of(method));
  o.indata.append(input);
}

}  // namespace

// ---------------------------------------------------------------- write_op

write_op::write_op() : steps_(std::make_unique<op_list>()) {}
write_op::~write_op() = default;
write_op::write_op(write_op&&) noexcept = default;
write_op& write_op::operator=(write_op&&) noexcept = default;
bool write_op::empty() const noexcept { return steps_->ops.empty(); }

write_op& write_op::create(bool exclusive) {
  auto& o = steps_->add(op_code::create);
  if (exclusive) o.flags |= osdc::op_flag::excl;
  return *this;
}

write_op& write_op::write(std::uint64_t offset, buffer_list data) {
  auto& o = steps_->add(op_code::write);
  o.set_extent(offset, data.size());
  o.indata = std::move(data);
  return *this;
}

write_op& write_op::write_full(buffer_list data) {
  auto& o = steps_->add(op_code::write_full);
  o.set_extent(0, data.size());
  o.indata = std::move(data);
  return *this;
}

write_op& write_op::append(buffer_list data) {
  auto& o = steps_->add(op_code::append);
  o.set_extent(0, data.size());
  o.indata = std::move(data);
  return *this;
}

write_op& write_op::truncate(std::uint64_t size) {
  steps_->add(op_code::truncate).set_extent(size, 0);
  return *this;
}

write_op& write_op::zero(std::uint64_t offset, std::uint64_t length) {
  steps_->add(op_code::zero).set_extent(offset, length);
  return *this;
}

write_op& write_op::set_alloc_hint(std::uint64_t object_size, std::uint64_t write_size, std::uint32_t flags) {
  steps_->add(op_code::set_alloc_hint).set_alloc_hint(object_size, write_size, flags);
  return *this;
}

write_op& write_op::remove() {
  steps_->add(op_code::remove);
  return *this;
}

write_op& write_op::set_xattr(std::string_view name, buffer_list value) {
  auto& o = steps_->add(op_code::set_xattr);
  o.set_xattr(static_cast<std::uint32_t>(name.size()), static_cast<std::uint32_t>(value.size()));
  o.indata.append(buffer::copy_of(name));
  o.indata.append(value);
  return *this;
}

write_op& write_op::rm_xattr(std::string_view name) {
  auto& o = steps_->add(op_code::rm_xattr);
  o.set_xattr(static_cast<std::uint32_t>(name.size()), 0);
  o.indata.append(buffer::copy_of(name));
  return *this;
}

write_op& write_op::cmp_xattr(std::string_view name, compare_op op, std::string_view operand) {
  add_cmp_xattr(*steps_, name, op, bytes_of(operand), osdc::cmp_mode::string, nullptr);
  return *this;
}

write_op& write_op::cmp_xattr(std::string_view name, compare_op op, std::uint64_t operand) {
  add_cmp_xattr(*steps_, name, op, le64_operand(operand), osdc::cmp_mode::u64, nullptr);
  return *this;
}

write_op& write_op::omap_set(const std::map<std::string, buffer_list>& values) {
  auto& o = steps_->add(op_code::omap_set_vals);
  o.indata.append(detail::encode_omap_map(values));
  o.set_extent(0, o.indata.size());
  return *this;
}

write_op& write_op::omap_rm_keys(const std::set<std::string>& keys) {
  auto& o = steps_->add(op_code::omap_rm_keys);
  o.indata.append(detail::encode_key_set(keys));
  o.set_extent(0, o.indata.size());
  return *this;
}

write_op& write_op::omap_clear() {
  steps_->add(op_code::omap_clear);
  return *this;
}

write_op& write_op::omap_set_header(buffer_list header) {
  auto& o = steps_->add(op_code::omap_set_header);
  o.set_extent(0, header.size());
  o.indata = std::move(header);
  return *this;
}

write_op& write_op::exec(std::string_view cls, std::string_view method, buffer_list input) {
  add_exec(*steps_, cls, method, std::move(input), {}, nullptr);
  steps_->extra_flags |= osdc::osd_flag::write;
  return *this;
}

write_op& write_op::assert_exists() {
  steps_->add(op_code::stat);
  return *this;
}

write_op& write_op::assert_version(std::uint64_t version) {
  steps_->add(op_code::assert_ver).set_assert_version(version);
  return *this;
}

write_op& write_op::set_mtime(object_time mtime) {
  const auto ns = mtime.time_since_epoch().count();
  steps_->mtime = utime{static_cast<std::uint32_t>(ns / 1'000'000'000), static_cast<std::uint32_t>(ns % 1'000'000'000)};
  return *this;
}

write_op& write_op::copy_from(std::string_view oid, const copy_source& from, std::uint64_t src_version,
                              std::uint32_t src_fadvise, std::uint32_t dest_fadvise) {
  auto& o = steps_->add(op_code::copy_from);
  // The copy_from arguments: le64 snapid | le64 src_version | u8 flags | le32 src_fadvise.
  o.put_u64(0, from.snap);
  o.put_u64(8, src_version);
  o.args[16] = 0;
  o.put_u32(17, src_fadvise);
  o.flags |= dest_fadvise;
  object_locator where;
  where.pool = from.pool;
  where.key = from.locator;
  where.nspace = from.nspace;
  o.indata.append(detail::encode_copy_source(oid, where));
  return *this;
}

// ---------------------------------------------------------------- read_op

read_op::read_op() : steps_(std::make_unique<op_list>()) {}
read_op::~read_op() = default;
read_op::read_op(read_op&&) noexcept = default;
read_op& read_op::operator=(read_op&&) noexcept = default;
bool read_op::empty() const noexcept { return steps_->ops.empty(); }

read_op& read_op::read(std::uint64_t offset, std::uint64_t length, buffer_list* out, int* rval) {
  auto& o = steps_->add(op_code::read, [out](const osd_op& r) {
    if (out) *out = r.outdata;
    return ok_status();
  }, rval);
  o.set_extent(offset, length);
  return *this;
}

read_op& read_op::sparse_read(std::uint64_t offset, std::uint64_t length,
                              std::map<std::uint64_t, std::uint64_t>* extents, buffer_list* out, int* rval) {
  auto& o = steps_->add(op_code::sparse_read, [extents, out](const osd_op& r) -> status {
    auto decoded = detail::decode_sparse_read(r.outdata);
    if (!decoded) return decoded.err();
    if (extents) *extents = std::move(decoded->extents);
    if (out) *out = std::move(decoded->data);
    return ok_status();
  }, rval);
  o.set_extent(offset, length);
  return *this;
}

read_op& read_op::stat(object_stat* out, int* rval) {
  steps_->add(op_code::stat, [out](const osd_op& r) -> status {
    auto decoded = detail::decode_stat(r.outdata);
    if (!decoded) return decoded.err();
    if (out) *out = *decoded;
    return ok_status();
  }, rval);
  return *this;
}

read_op& read_op::get_xattr(std::string_view name, buffer_list* out, int* rval) {
  auto& o = steps_->add(op_code::get_xattr, [out](const osd_op& r) {
    if (out) *out = r.outdata;
    return ok_status();
  }, rval);
  o.set_xattr(static_cast<std::uint32_t>(name.size()), 0);
  o.indata.append(buffer::copy_of(name));
  return *this;
}

read_op& read_op::get_xattrs(std::map<std::string, buffer_list>* out, int* rval) {
  steps_->add(op_code::get_xattrs, [out](const osd_op& r) -> status {
    auto decoded = detail::decode_xattrs(r.outdata);
    if (!decoded) return decoded.err();
    if (out) *out = std::move(*decoded);
    return ok_status();
  }, rval);
  return *this;
}

read_op& read_op::cmp_xattr(std::string_view name, compare_op op, std::string_view operand, int* rval) {
  add_cmp_xattr(*steps_, name, op, bytes_of(operand), osdc::cmp_mode::string, rval);
  return *this;
}

read_op& read_op::cmp_xattr(std::string_view name, compare_op op, std::uint64_t operand, int* rval) {
  add_cmp_xattr(*steps_, name, op, le64_operand(operand), osdc::cmp_mode::u64, rval);
  return *this;
}

read_op& read_op::omap_get_keys(std::string_view start_after, std::uint64_t max, std::set<std::string>* out,
                                bool* more, int* rval) {
  auto& o = steps_->add(op_code::omap_get_keys, [out, more](const osd_op& r) -> status {
    auto decoded = detail::decode_omap_keys(r.outdata);
    if (!decoded) return decoded.err();
    if (out) *out = std::move(decoded->keys);
    if (more) *more = decoded->more;
    return ok_status();
  }, rval);
  o.indata.append(detail::encode_omap_keys_request(start_after, max));
  o.set_extent(0, o.indata.size());
  return *this;
}

read_op& read_op::omap_get_vals(std::string_view start_after, std::string_view prefix, std::uint64_t max,
                                std::map<std::string, buffer_list>* out, bool* more, int* rval) {
  auto& o = steps_->add(op_code::omap_get_vals, [out, more](const osd_op& r) -> status {
    auto decoded = detail::decode_omap_vals(r.outdata);
    if (!decoded) return decoded.err();
    if (out) *out = std::move(decoded->values);
    if (more) *more = decoded->more;
    return ok_status();
  }, rval);
  o.indata.append(detail::encode_omap_vals_request(start_after, max, prefix));
  o.set_extent(0, o.indata.size());
  return *this;
}

read_op& read_op::omap_get_vals_by_keys(const std::set<std::string>& keys, std::map<std::string, buffer_list>* out,
                                        int* rval) {
  auto& o = steps_->add(op_code::omap_get_vals_by_keys, [out](const osd_op& r) -> status {
    auto decoded = detail::decode_omap_map(r.outdata);
    if (!decoded) return decoded.err();
    if (out) *out = std::move(*decoded);
    return ok_status();
  }, rval);
  o.indata.append(detail::encode_key_set(keys));
  o.set_extent(0, o.indata.size());
  return *this;
}

read_op& read_op::omap_get_header(buffer_list* out, int* rval) {
  steps_->add(op_code::omap_get_header, [out](const osd_op& r) {
    if (out) *out = r.outdata;
    return ok_status();
  }, rval);
  return *this;
}

read_op& read_op::exec(std::string_view cls, std::string_view method, buffer_list input, buffer_list* out,
                       int* rval) {
  add_exec(*steps_, cls, method, std::move(input), [out](const osd_op& r) {
    if (out) *out = r.outdata;
    return ok_status();
  }, rval);
  return *this;
}

read_op& read_op::list_watchers(std::vector<object_watcher>* out, int* rval) {
  steps_->add(op_code::list_watchers, [out](const osd_op& r) -> status {
    auto decoded = detail::decode_watchers(r.outdata);
    if (!decoded) return decoded.err();
    if (out) *out = std::move(*decoded);
    return ok_status();
  }, rval);
  return *this;
}

read_op& read_op::assert_exists() {
  steps_->add(op_code::stat);
  return *this;
}

read_op& read_op::assert_version(std::uint64_t version) {
  steps_->add(op_code::assert_ver).set_assert_version(version);
  return *this;
}

}  // namespace radosio
