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

// How a put or get ended. A failure says which side failed: the local file (open, read,
// write), which rados reports alone ("error reading input file F: (2) No such file or
// directory"), or the object, which it reports as "error putting POOL/OBJ: ...".
struct transfer_status {
  status outcome = ok_status();
  bool local_file = false;

  [[nodiscard]] explicit operator bool() const noexcept { return outcome.has_value(); }
  [[nodiscard]] const error& err() const { return outcome.err(); }
  // The local file's failure as rados words it: "failed to open file F: (13) Permission denied".
  [[nodiscard]] std::string local_file_problem() const;
};

// Writes `path` ("-": stdin) to the object. At offset 0 the object is replaced (write_full
// of the first chunk); at another offset the data is written there and the rest kept.
boost::asio::awaitable<transfer_status> put_object(ioctx& io, const std::string& oid, const std::string& path,
                                                   std::uint64_t offset, std::uint64_t chunk);
// Reads the object into `path` ("-": stdout). The file is created only once the object has
// been found, so a failed get leaves nothing behind.
boost::asio::awaitable<transfer_status> get_object(ioctx& io, const std::string& oid, const std::string& path,
                                                   std::uint64_t chunk);

}  // namespace radosio::cli
