// What rados-client bench leaves in a pool must be what Ceph 16.2.15's `rados bench` leaves:
// the metadata object byte for byte (as a real rados bench wrote it), the object names, and
// the bytes of every op (rados memsets 'z' and snprintf()s a head into op_size bytes), so
// either tool reads, verifies and cleans up the other's runs.

#include <gtest/gtest.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

#include "tools/bench/bench_objects.h"

namespace radosio::cli::bench {
namespace {

std::string bytes_of(std::initializer_list<unsigned> b) {
  std::string s;
  for (unsigned c : b) s.push_back(static_cast<char>(c));
  return s;
}

// The benchmark_last_metadata that `rados bench 2 write -b 4096 -O 8192` (16.2.15, pid 0x1464)
// left after 20 writes.
const std::string rados_metadata = bytes_of({0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00,
                                             0x64, 0x14, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});

buffer_list list_of(const std::string& s) { return buffer_list(buffer::copy_of(std::string_view(s))); }

void expect_metadata(const result<run_metadata>& m, std::uint64_t object_size, std::int32_t ops, std::int32_t pid,
                     std::uint64_t op_size) {
  ASSERT_TRUE(m) << m.err().what();
  EXPECT_EQ(m->object_size, object_size);
  EXPECT_EQ(m->ops, ops);
  EXPECT_EQ(m->pid, pid);
  EXPECT_EQ(m->op_size, op_size);
}

TEST(bench_objects, metadata_encodes_as_rados_bench_writes_it) {
  run_metadata m;
  m.object_size = 8192;
  m.ops = 20;
  m.pid = 0x1464;
  m.op_size = 4096;
  EXPECT_EQ(encode_metadata(m).to_string(), rados_metadata);
}

TEST(bench_objects, metadata_that_rados_wrote_decodes) {
  auto m = decode_metadata(list_of(rados_metadata));
  expect_metadata(m, 8192, 20, 0x1464, 4096);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->writes_per_object(), 2u);
  EXPECT_EQ(m->objects(), 10u);
}

TEST(bench_objects, metadata_round_trips_large_sizes_and_the_full_int_range) {
  run_metadata m;
  m.object_size = (std::uint64_t{5} << 32) + 3;  // beyond 32 bits
  m.ops = INT_MAX;
  m.pid = 4194304;
  m.op_size = std::uint64_t{1} << 33;
  const auto bytes = encode_metadata(m);
  ASSERT_EQ(bytes.size(), 24u);
  expect_metadata(decode_metadata(bytes), m.object_size, m.ops, m.pid, m.op_size);
}

TEST(bench_objects, metadata_decodes_from_several_segments) {
  buffer_list split;
  for (std::size_t at = 0; at < rados_metadata.size(); at += 5)
    split.append(buffer::copy_of(std::string_view(rados_metadata).substr(at, 5)));
  ASSERT_GT(split.segments().size(), 1u);
  expect_metadata(decode_metadata(split), 8192, 20, 0x1464, 4096);
}

TEST(bench_objects, old_16_byte_metadata_means_one_op_per_object) {
  // Before op sizes existed the object held object size, ops and pid only.
  auto m = decode_metadata(list_of(rados_metadata.substr(0, 16)));
  expect_metadata(m, 8192, 20, 0x1464, 8192);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->objects(), 20u);
}

TEST(bench_objects, empty_metadata_is_missing_and_short_metadata_is_invalid) {
  auto empty = decode_metadata(buffer_list{});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.err().code, std::make_error_code(std::errc::no_such_file_or_directory));

  auto short_one = decode_metadata(list_of(rados_metadata.substr(0, 12)));
  ASSERT_FALSE(short_one);
  EXPECT_EQ(short_one.err().code, std::make_error_code(std::errc::invalid_argument));
  EXPECT_NE(short_one.err().what().find("12 bytes"), std::string::npos) << short_one.err().what();
}

TEST(bench_objects, objects_is_ops_rounded_up_to_whole_objects) {
  const auto objects = [](std::uint64_t object_size, std::uint64_t op_size, int ops) {
    run_metadata m;
    m.object_size = object_size;
    m.op_size = op_size;
    m.ops = ops;
    return m.objects();
  };
  EXPECT_EQ(objects(8192, 4096, 20), 10u);
  EXPECT_EQ(objects(8192, 4096, 21), 11u);
  EXPECT_EQ(objects(8192, 4096, 1), 1u);
  EXPECT_EQ(objects(8192, 4096, 0), 0u);
  EXPECT_EQ(objects(8192, 4096, -5), 0u);
  EXPECT_EQ(objects(4096, 4096, 30540), 30540u);
  EXPECT_EQ(objects(4 << 20, 4096, 1024), 1u);
  EXPECT_EQ(objects(4 << 20, 4096, 1025), 2u);
  EXPECT_EQ(objects(10000, 4096, 5), 3u) << "a partial last op does not count: 2 writes per object";
  // Nonsense sizes degrade to one write per object instead of dividing by zero.
  EXPECT_EQ(objects(4096, 8192, 7), 7u);
  EXPECT_EQ(objects(4096, 0, 7), 7u);
}

TEST(bench_objects, names_are_rados_bench_names) {
  char host[30] = {};
  ::gethostname(host, sizeof(host) - 1);
  EXPECT_EQ(host_prefix(), std::string("benchmark_data_") + host);
  EXPECT_LE(host_prefix().size(), std::string("benchmark_data_").size() + 29) << "rados keeps 29 bytes of the host";
  EXPECT_EQ(run_prefix(21255), host_prefix() + "_21255");
  EXPECT_EQ(object_name("benchmark_data_vm_21255", 0), "benchmark_data_vm_21255_object0");
  EXPECT_EQ(object_name("benchmark_data_vm_21255", 11641), "benchmark_data_vm_21255_object11641");
  EXPECT_EQ(default_run_name, "benchmark_last_metadata");
}

// An op's bytes as rados bench makes them.
std::string rados_op_bytes(std::size_t op_size, int index) {
  std::vector<char> buf(op_size + 1, '\x7f');  // one guard byte after
  std::memset(buf.data(), 'z', op_size);
  std::snprintf(buf.data(), op_size, "I'm the %16dth op!", index);
  EXPECT_EQ(buf[op_size], '\x7f');
  return std::string(buf.data(), op_size);
}

const std::size_t op_sizes[] = {1, 2, 5, 29, 30, 31, 32, 100, 4096, 65536};
const int op_indices[] = {0, 1, 7, 16, 12345, 123456789, INT_MAX};

TEST(bench_objects, op_bytes_are_rados_bench_op_bytes) {
  // "I'm the %16dth op!" is 30 characters: sizes 30, 31 and 32 cut it, end it with its NUL, and
  // put one 'z' after it.
  EXPECT_EQ(rados_op_bytes(32, 3), std::string("I'm the                3th op!\0z", 32));
  EXPECT_EQ(rados_op_bytes(5, 3), std::string("I'm \0", 5));
  for (const auto size : op_sizes) {
    const op_pattern p(size);
    EXPECT_EQ(p.op_size(), size);
    for (const int i : op_indices) {
      const auto got = p.bytes_of(i);
      ASSERT_EQ(got.size(), size);
      EXPECT_EQ(got.to_string(), rados_op_bytes(size, i)) << "op size " << size << ", op " << i;
    }
  }
}

TEST(bench_objects, matches_accepts_the_op_and_nothing_else) {
  for (const auto size : op_sizes) {
    const op_pattern p(size);
    for (const int i : {0, 5, 123456789}) {
      const std::string good = rados_op_bytes(size, i);
      EXPECT_TRUE(p.matches(i, list_of(good))) << "op size " << size << ", op " << i;
      EXPECT_TRUE(p.matches(i, p.bytes_of(i)));
      // One byte off, anywhere (every position for small ops; head, edges and tail for big ones).
      std::vector<std::size_t> positions;
      if (size <= 100) {
        for (std::size_t at = 0; at < size; ++at) positions.push_back(at);
      } else {
        positions = {0, 1, 8, 23, 28, 29, 30, 31, 32, size / 2, size - 2, size - 1};
      }
      for (const auto at : positions) {
        std::string bad = good;
        bad[at] = static_cast<char>(bad[at] ^ 0x01);
        EXPECT_FALSE(p.matches(i, list_of(bad))) << "op size " << size << ", op " << i << ", byte " << at;
      }
      // Other lengths.
      EXPECT_FALSE(p.matches(i, list_of(good + "z"))) << "one byte too many, op size " << size;
      EXPECT_FALSE(p.matches(i, list_of(good.substr(0, size - 1)))) << "one byte short, op size " << size;
      EXPECT_FALSE(p.matches(i, buffer_list{})) << "nothing, op size " << size;
    }
  }
}

TEST(bench_objects, matches_tells_ops_apart) {
  const op_pattern p(4096);
  EXPECT_FALSE(p.matches(1, p.bytes_of(2)));
  EXPECT_FALSE(p.matches(10, p.bytes_of(100)));
  EXPECT_FALSE(p.matches(0, list_of(std::string(4096, 'z'))));
  EXPECT_FALSE(p.matches(0, list_of(std::string(4096, '\0'))));
  // Too short to hold the number: ops are alike and rados cannot tell them apart either.
  const op_pattern tiny(5);
  EXPECT_TRUE(tiny.matches(1, tiny.bytes_of(2)));
}

TEST(bench_objects, matches_reads_that_arrive_in_several_segments) {
  for (const std::size_t size : {std::size_t{31}, std::size_t{32}, std::size_t{100}, std::size_t{4096}}) {
    const op_pattern p(size);
    const std::string good = rados_op_bytes(size, 424242);
    // Cut points: inside the head, at its end (30, 31), inside the run of 'z'.
    for (const std::vector<std::size_t>& cuts :
         {std::vector<std::size_t>{1}, {8, 20}, {30}, {31}, {15, 31, 32}, {29, 30, 31, size - 1}, {size / 2}}) {
      const auto split = [&](const std::string& s) {
        buffer_list out;
        std::size_t from = 0;
        for (auto cut : cuts) {
          if (cut <= from || cut >= s.size()) continue;
          out.append(buffer::copy_of(std::string_view(s).substr(from, cut - from)));
          from = cut;
        }
        out.append(buffer::copy_of(std::string_view(s).substr(from)));
        return out;
      };
      const auto whole = split(good);
      ASSERT_EQ(whole.size(), size);
      EXPECT_TRUE(p.matches(424242, whole)) << "op size " << size << ", " << whole.segments().size() << " segments";
      for (const std::size_t at : {std::size_t{0}, std::size_t{10}, std::size_t{29}, std::size_t{30}, size - 1}) {
        std::string bad = good;
        bad[at] = static_cast<char>(bad[at] ^ 0x20);
        EXPECT_FALSE(p.matches(424242, split(bad))) << "op size " << size << ", byte " << at;
      }
    }
    // One byte per segment.
    buffer_list bytewise;
    for (char c : good) bytewise.append(buffer::copy_of(std::string_view(&c, 1)));
    EXPECT_TRUE(p.matches(424242, bytewise)) << "op size " << size << " one byte at a time";
  }
}

}  // namespace
}  // namespace radosio::cli::bench
