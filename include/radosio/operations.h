#pragma once
// Compound operations on one object, sent as one request and applied atomically by the OSD:
// a write_op either happens entirely or not at all (a failed cmp_xattr or assert aborts the
// writes in it); a read_op reads several things in one round trip.
//
// Outputs go where the caller points, as with librados: pass pointers that stay valid until
// the operation completes. Each step can also report its own result (0 or -errno) through
// an optional `int* rval`.

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "radosio/buffer.h"
#include "radosio/types.h"

namespace radosio {

namespace detail {
struct op_list;  // the encoded steps and their output decoders (rados/op_list.h)
}

// Access hints for the data an op reads or writes (Ceph's LIBRADOS_OP_FLAG_FADVISE_*).
namespace fadvise {
inline constexpr std::uint32_t random = 0x4;
inline constexpr std::uint32_t sequential = 0x8;
inline constexpr std::uint32_t willneed = 0x10;
inline constexpr std::uint32_t dontneed = 0x20;
inline constexpr std::uint32_t nocache = 0x40;
}  // namespace fadvise

// The object a copy_from reads: any object of the same cluster, named by its pool,
// namespace and locator key (empty: placed by its name), at a snapshot or the head.
struct copy_source {
  std::int64_t pool = -1;
  std::string nspace;
  std::string locator;
  snap_id snap = head_snap;
};

class write_op {
 public:
  write_op();
  ~write_op();
  write_op(write_op&&) noexcept;
  write_op& operator=(write_op&&) noexcept;

  // Creates the object; with `exclusive`, fails with EEXIST if it exists already.
  write_op& create(bool exclusive);
  write_op& write(std::uint64_t offset, buffer_list data);
  // Replaces the whole content.
  write_op& write_full(buffer_list data);
  write_op& append(buffer_list data);
  write_op& truncate(std::uint64_t size);
  write_op& zero(std::uint64_t offset, std::uint64_t length);
  // Tells the OSD how large the object will grow and in what pieces it is written, so the
  // object store can lay it out well; `flags` are alloc_hint_flag bits. Only a hint: it
  // never fails the operation.
  write_op& set_alloc_hint(std::uint64_t object_size, std::uint64_t write_size, std::uint32_t flags = 0);
  write_op& remove();
  write_op& set_xattr(std::string_view name, buffer_list value);
  write_op& rm_xattr(std::string_view name);
  // Aborts the whole operation with ECANCELED unless `operand OP stored value` holds.
  write_op& cmp_xattr(std::string_view name, compare_op op, std::string_view operand);
  write_op& cmp_xattr(std::string_view name, compare_op op, std::uint64_t operand);
  write_op& omap_set(const std::map<std::string, buffer_list>& values);
  write_op& omap_rm_keys(const std::set<std::string>& keys);
  write_op& omap_clear();
  write_op& omap_set_header(buffer_list header);
  // Runs a class method (e.g. "lock", "lock") on the object.
  write_op& exec(std::string_view cls, std::string_view method, buffer_list input);
  // Fails with ENOENT if the object does not exist.
  write_op& assert_exists();
  // Fails unless the object's version is `version` (ERANGE / EOVERFLOW otherwise).
  write_op& assert_version(std::uint64_t version);
  // The object's new mtime (default: the client's clock when sent).
  write_op& set_mtime(object_time mtime);
  // Makes this object a copy of `oid` in `from` (data, xattrs, omap header and values, and
  // the source's mtime); the OSD fetches the source itself. `src_version`, if not 0, makes
  // the copy fail unless the source is at that version. `src_fadvise` and `dest_fadvise`
  // (fadvise bits) hint how the source is read and the copy written.
  write_op& copy_from(std::string_view oid, const copy_source& from, std::uint64_t src_version = 0,
                      std::uint32_t src_fadvise = 0, std::uint32_t dest_fadvise = 0);

  [[nodiscard]] bool empty() const noexcept;
  [[nodiscard]] detail::op_list& steps() noexcept { return *steps_; }

 private:
  std::unique_ptr<detail::op_list> steps_;
};

class read_op {
 public:
  read_op();
  ~read_op();
  read_op(read_op&&) noexcept;
  read_op& operator=(read_op&&) noexcept;

  // `length` 0 reads to the end of the object.
  read_op& read(std::uint64_t offset, std::uint64_t length, buffer_list* out, int* rval = nullptr);
  // The allocated extents in [offset, offset+length) (offset -> length) and their data.
  read_op& sparse_read(std::uint64_t offset, std::uint64_t length, std::map<std::uint64_t, std::uint64_t>* extents,
                       buffer_list* out, int* rval = nullptr);
  read_op& stat(object_stat* out, int* rval = nullptr);
  read_op& get_xattr(std::string_view name, buffer_list* out, int* rval = nullptr);
  read_op& get_xattrs(std::map<std::string, buffer_list>* out, int* rval = nullptr);
  read_op& cmp_xattr(std::string_view name, compare_op op, std::string_view operand, int* rval = nullptr);
  read_op& cmp_xattr(std::string_view name, compare_op op, std::uint64_t operand, int* rval = nullptr);
  // Keys after `start_after`, at most `max`; `more` says whether the OSD stopped early.
  read_op& omap_get_keys(std::string_view start_after, std::uint64_t max, std::set<std::string>* out,
                         bool* more = nullptr, int* rval = nullptr);
  read_op& omap_get_vals(std::string_view start_after, std::string_view prefix, std::uint64_t max,
                         std::map<std::string, buffer_list>* out, bool* more = nullptr, int* rval = nullptr);
  read_op& omap_get_vals_by_keys(const std::set<std::string>& keys, std::map<std::string, buffer_list>* out,
                                 int* rval = nullptr);
  read_op& omap_get_header(buffer_list* out, int* rval = nullptr);
  read_op& exec(std::string_view cls, std::string_view method, buffer_list input, buffer_list* out,
                int* rval = nullptr);
  read_op& list_watchers(std::vector<object_watcher>* out, int* rval = nullptr);
  read_op& assert_exists();
  read_op& assert_version(std::uint64_t version);

  [[nodiscard]] bool empty() const noexcept;
  [[nodiscard]] detail::op_list& steps() noexcept { return *steps_; }

 private:
  std::unique_ptr<detail::op_list> steps_;
};

}  // namespace radosio
