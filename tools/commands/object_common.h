#pragma once
// What the object commands share so that each prints what Ceph's `rados` prints: the pool
// from -p/-N, rados's error wording and its way of naming objects and keys, the small files
// some commands read or write, and the frame of a rados-style command (its words checked
// as rados checks them).

#include <CLI/CLI.hpp>
#include <boost/asio/awaitable.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "radosio/buffer.h"
#include "radosio/ioctx.h"
#include "radosio/result.h"
#include "radosio/types.h"
#include "tools/cli/runner.h"

namespace radosio::cli {

// Ceph's cpp_strerror: "(2) No such file or directory".
std::string errno_text(int err);
// The errno behind a failed call (EIO when the failure is not an errno).
int failure_errno(const error& e);
// Prints "WHAT: (errno) text" on stderr, as rados reports a failed call, and returns 1 (the
// exit status rados gives it).
int report_failure(std::string_view what, const error& e);

// How rados prints an object name or an omap key in messages: as it is, or "(binary key)"
// when any byte of it is not printable ASCII.
std::string printable(std::string_view name);

// The -p pool in the -N namespace. When that fails, prints what rados prints (a usage line
// without -p, "error opening pool P: (2) No such file or directory" for an unknown pool)
// and returns nothing: the command exits 1.
boost::asio::awaitable<std::optional<ioctx>> open_object_pool(object_context& ctx);

// Ceph's strict_iecstrtoll: a decimal integer with an optional unit (B, K, M, G, T, P, E,
// optionally followed by one more character such as 'i'), or the message Ceph gives.
result<std::uint64_t> strict_iecstrtoll(const std::string& text);

// Ceph's utime_t printing: local time, microseconds, numeric zone
// ("2026-11-23T02:47:01.123456+0000"); within ten years of the epoch, "315.000000".
std::string ceph_time(object_time t);

// The whole content of `path`, or the message rados prints when it cannot be read
// ("can't open PATH: (2) No such file or directory").
result<std::string> read_whole_file(const std::string& path);
// Everything on stdin.
std::string read_stdin();
// Writes `data` to `path` ("-": stdout) as rados writes values out; a failure is printed
// ("failed to open file: (21) Is a directory") but, as in rados, does not fail the command.
void write_value_file(const std::string& path, const buffer_list& data);

// ---- rados-style object commands ----
// rados takes an object command's words as they come and checks their number itself, and
// lets some options replace words: --obj-name-file (the object name) and --omap-key-file
// (the omap key), both read before anything else happens.

struct object_words {
  std::vector<std::string> words;  // the words after the command name
  std::string obj_name_file;
  std::string omap_key_file;
  std::optional<std::string> obj_name;  // the content of obj_name_file
  std::optional<std::string> omap_key;  // the content of omap_key_file

  // The object name (from --obj-name-file, else the first word) and the words after it;
  // nothing if there is no name.
  struct named {
    std::string oid;
    std::span<const std::string> rest;
  };
  [[nodiscard]] std::optional<named> take_name() const;
};

struct object_command_spec {
  std::string name;
  std::string synopsis;  // the arguments, for the usage line: "<obj-name> <key> [file]"
  std::string help;
  bool obj_name_file = true;   // takes --obj-name-file
  bool omap_key_file = false;  // takes --omap-key-file
};

using object_command_fn =
    std::function<boost::asio::awaitable<int>(object_context&, ioctx&, const object_words&)>;

// Registers a command that connects, opens the -p pool (exiting 1 as rados does if it
// cannot) and runs `fn` with the words. The returned subcommand can take more options.
CLI::App* add_object_command(CLI::App& app, global_options& options, int& exit_status,
                             const object_command_spec& spec, const std::shared_ptr<object_words>& words,
                             object_command_fn fn);

// For a command given the wrong number of words: a usage line on stderr; returns 1 (rados
// prints its usage text and exits 1).
int usage_error(const object_command_spec& spec);

}  // namespace radosio::cli
