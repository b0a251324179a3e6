#pragma once
// Moving whole objects between files and the cluster in chunks, as `rados put` / `rados get`
// do: bounded memory whatever the object's size, and a progress line when stderr is a
// terminal.

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <string>

#include "radosio/ioctx.h"
#include "radosio/result.h"

namespace radosio::cli {

// rados' default op size: 4 MiB per read or write.
inline constexpr std::uint64_t default_chunk_size = 4ull << 20;

// Writes `path` ("-": stdin) to the object. At offset 0 the object is replaced (write_full
// of the first chunk); at another offset the data is written there and the rest kept.
boost::asio::awaitable<status> put_object(ioctx& io, const std::string& oid, const std::string& path,
                                          std::uint64_t offset, std::uint64_t chunk);
// Reads the object into `path` ("-": stdout). The file is created only once the object has
// been found, so a failed get leaves nothing behind.
boost::asio::awaitable<status> get_object(ioctx& io, const std::string& oid, const std::string& path,
                                          std::uint64_t chunk);

// Whether put_object / get_object failed on the local file (open, read, write) rather than
// on the object, and that failure as rados words it: "error reading input file F: (2) No
// such file or directory", "failed to open file F: (13) Permission denied".
[[nodiscard]] bool is_local_file_error(const error& e);
[[nodiscard]] std::string local_file_problem(const error& e);

}  // namespace radosio::cli
