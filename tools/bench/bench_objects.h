#pragma once
// What `rados bench` leaves in a pool, so that either tool can read, rewrite or clean up
// what the other wrote: the object names, the run's metadata object and the bytes of each op.
//
//   objects:  benchmark_data_<host>_<pid>_object<N>   (<host>: gethostname, at most 29 bytes)
//   metadata: "benchmark_last_metadata" (or --run-name): object size (u64), ops made (i32),
//             the writer's pid (i32), op size (u64), little-endian; Ceph 16.2 stores the
//             number of writes made, objects being ceil(ops / (object size / op size)).
//   op N:     op_size bytes of 'z' starting with snprintf("I'm the %16dth op!", N) (NUL included)
//             written at offset op_size * (N % writes per object) of object N / writes per object.

#include <cstdint>
#include <string>
#include <string_view>

#include "radosio/buffer.h"
#include "radosio/result.h"

namespace radosio::cli::bench {

inline constexpr std::string_view default_run_name = "benchmark_last_metadata";
inline constexpr std::string_view object_prefix_root = "benchmark_data";

// "benchmark_data_<host>": what every run from this host starts with.
std::string host_prefix();
// "benchmark_data_<host>_<pid>": one run's objects.
std::string run_prefix(int pid);
// "<run prefix>_object<N>".
std::string object_name(std::string_view run_prefix, std::uint64_t object_number);

struct run_metadata {
  std::uint64_t object_size = 0;
  std::int32_t ops = 0;  // writes made
  std::int32_t pid = 0;
  std::uint64_t op_size = 0;

  [[nodiscard]] std::uint64_t writes_per_object() const noexcept {
    return op_size == 0 || object_size < op_size ? 1 : object_size / op_size;
  }
  [[nodiscard]] std::uint64_t objects() const noexcept {
    const auto per = writes_per_object();
    return ops <= 0 ? 0 : (static_cast<std::uint64_t>(ops) + per - 1) / per;
  }
};

buffer_list encode_metadata(const run_metadata& m);
// An empty object counts as missing (ENOENT), as in rados; 16 bytes is the old form
// without op size (op size = object size).
result<run_metadata> decode_metadata(const buffer_list& bytes);

// The bytes of each op: a shared run of 'z' and a small head per op, so writing an op copies
// nothing and checking a read compares against the same pattern.
class op_pattern {
 public:
  explicit op_pattern(std::uint64_t op_size);

  [[nodiscard]] buffer_list bytes_of(std::int32_t op_index) const;
  [[nodiscard]] bool matches(std::int32_t op_index, const buffer_list& data) const;
  [[nodiscard]] std::uint64_t op_size() const noexcept { return op_size_; }

 private:
  [[nodiscard]] std::string head_of(std::int32_t op_index) const;

  std::uint64_t op_size_;
  buffer fill_;  // op_size bytes of 'z'
};

}  // namespace radosio::cli::bench
