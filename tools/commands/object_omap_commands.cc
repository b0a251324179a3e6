// An object's omap, as Ceph's `rados` shows and changes it: listomapkeys, listomapvals,
// getomapval, setomapval, rmomapkey, clearomap, getomapheader, setomapheader. Values are
// printed as Ceph's hexdump, keys that are not printable too; --omap-key-file gives a key
// with any bytes. Same words, output, error lines and exit status as rados.

#include <fmt/format.h>

#include <map>
#include <set>

#include "radosio/ioctx.h"
#include "radosio/operations.h"
#include "tools/cli/hexdump.h"
#include "tools/commands/commands.h"
#include "tools/commands/object_common.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;

// rados asks for omap keys and values 1024 at a time.
constexpr std::uint64_t omap_page = 1024;

// "value (N bytes) :" and the hexdump, as rados prints a value (and, named "header", the
// omap header).
void print_value(std::string_view label, const buffer_list& value) {
  fmt::print("{} ({} bytes) :\n{}\n", label, value.size(), ceph_hexdump(value));
}

void add_listomapkeys(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{"listomapkeys", "<obj-name>",
                                        "list the keys of an object's omap, as `rados listomapkeys`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       auto named = words.take_name();
                       if (!named) co_return usage_error(spec);
                       std::string after;
                       for (bool more = true; more;) {
                         std::set<std::string> keys;
                         read_op op;
                         op.omap_get_keys(after, omap_page, &keys, &more);
                         auto done = co_await io.operate(named->oid, std::move(op));
                         if (!done) {
                           co_return report_failure(
                               fmt::format("error getting omap key set {}/{}", io.pool_name(), printable(named->oid)),
                               done.err());
                         }
                         for (const auto& key : keys) fmt::print("{}\n", key);
                         if (!keys.empty()) after = *keys.rbegin();
                       }
                       co_return 0;
                     });
}

void add_listomapvals(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{"listomapvals", "<obj-name>",
                                        "list the keys and values of an object's omap, as `rados listomapvals`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       auto named = words.take_name();
                       if (!named) co_return usage_error(spec);
                       std::string after;
                       // rados stops at the first page with fewer than 1024 entries.
                       for (std::size_t got = omap_page; got == omap_page;) {
                         std::map<std::string, buffer_list> values;
                         read_op op;
                         op.omap_get_vals(after, "", omap_page, &values);
                         auto done = co_await io.operate(named->oid, std::move(op));
                         if (!done) {
                           co_return report_failure(
                               fmt::format("error getting omap keys {}/{}", io.pool_name(), printable(named->oid)),
                               done.err());
                         }
                         got = values.size();
                         for (const auto& [key, value] : values) {
                           if (printable(key) == key) {
                             fmt::print("{}\n", key);
                           } else {
                             const buffer_list key_bytes(buffer::copy_of(key));
                             fmt::print("key ({} bytes):\n{}\n", key.size(), ceph_hexdump(key_bytes));
                           }
                           print_value("value", value);
                           after = key;
                         }
                       }
                       co_return 0;
                     });
}

void add_getomapval(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{
      "getomapval", "<obj-name> <key> [file]",
      "show an omap value (or write it to a file), as `rados getomapval`", true, true};
  add_object_command(
      app, options, exit_status, spec, std::make_shared<object_words>(),
      [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
        auto named = words.take_name();
        const std::size_t key_words = words.omap_key ? 0 : 1;
        if (!named || named->rest.size() < key_words || named->rest.size() > key_words + 1) co_return usage_error(spec);
        const std::string key = words.omap_key ? *words.omap_key : named->rest[0];
        const std::string outfile = named->rest.size() > key_words ? named->rest[key_words] : std::string();

        std::map<std::string, buffer_list> values;
        read_op op;
        std::set<std::string> wanted{key};
        op.omap_get_vals_by_keys(wanted, &values);
        auto done = co_await io.operate(named->oid, std::move(op));
        const std::string label = fmt::format("{}/{}/{}", io.pool_name(), printable(named->oid), printable(key));
        if (!done) co_return report_failure(fmt::format("error getting omap value {}", label), done.err());
        auto found = values.find(key);
        if (found == values.end()) {
          fmt::print("No such key: {}\n", label);
          co_return 1;
        }
        if (!outfile.empty()) {
          fmt::print(stderr, "Writing to {}\n", outfile);
          write_value_file(outfile, found->second);
        } else {
          print_value("value", found->second);
        }
        co_return 0;
      });
}

void add_setomapval(CLI::App& app, global_options& options, int& exit_status) {
  // rados takes --obj-name-file here but does not use it: the object is always the first word.
  static const object_command_spec spec{
      "setomapval", "<obj-name> <key> [value]",
      "set an omap value (from the word, --input-file, or stdin), as `rados setomapval`", true, true};
  auto input_file = std::make_shared<std::string>();
  auto* cmd = add_object_command(
      app, options, exit_status, spec, std::make_shared<object_words>(),
      [input_file](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
        const std::size_t needed = words.omap_key ? 1 : 2;
        if (words.words.size() < needed || words.words.size() > needed + 1) co_return usage_error(spec);
        const std::string& oid = words.words[0];
        const std::string key = words.omap_key ? *words.omap_key : words.words[1];
        std::string value;
        if (!input_file->empty()) {
          auto content = read_whole_file(*input_file);
          if (!content) {
            fmt::print(stderr, "error reading file {}: {}\n", *input_file, content.err().what());
            co_return 1;
          }
          value = std::move(*content);
        } else if (words.words.size() > needed) {
          value = words.words[needed];
        } else {
          value = read_stdin();
        }
        std::map<std::string, buffer_list> values;
        values[key] = buffer_list(buffer::adopt(std::move(value)));
        write_op op;
        op.omap_set(values);
        auto done = co_await io.operate(oid, std::move(op));
        if (!done) {
          co_return report_failure(fmt::format("error setting omap value {}/{}/{}", io.pool_name(), oid, printable(key)),
                                   done.err());
        }
        co_return 0;
      });
  cmd->add_option("--input-file", *input_file, "read the value from this file");
}

void add_rmomapkey(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{"rmomapkey", "<obj-name> <key>",
                                        "remove a key from an object's omap, as `rados rmomapkey`", true, true};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       auto named = words.take_name();
                       const std::size_t key_words = words.omap_key ? 0 : 1;
                       if (!named || named->rest.size() != key_words) co_return usage_error(spec);
                       const std::string key = words.omap_key ? *words.omap_key : named->rest[0];
                       std::set<std::string> keys{key};
                       write_op op;
                       op.omap_rm_keys(keys);
                       auto done = co_await io.operate(named->oid, std::move(op));
                       if (!done) {
                         co_return report_failure(fmt::format("error removing omap key {}/{}/{}", io.pool_name(),
                                                              printable(named->oid), printable(key)),
                                                  done.err());
                       }
                       co_return 0;
                     });
}

void add_clearomap(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{"clearomap", "<obj-name> [obj-name...]",
                                        "remove every omap key of the objects, as `rados clearomap`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       std::vector<std::string> oids = words.words;
                       if (words.obj_name) oids.push_back(*words.obj_name);
                       if (oids.empty()) co_return usage_error(spec);
                       for (const auto& oid : oids) {
                         write_op op;
                         op.omap_clear();
                         auto done = co_await io.operate(oid, std::move(op));
                         if (!done) {
                           // Worded as rados words it: no colon before the error.
                           fmt::print(stderr, "error clearing omap keys {}/{}/{}\n", io.pool_name(), printable(oid),
                                      errno_text(failure_errno(done.err())));
                           co_return 1;
                         }
                       }
                       co_return 0;
                     });
}

void add_getomapheader(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{"getomapheader", "<obj-name> [file]",
                                        "show an object's omap header (or write it to a file), as `rados getomapheader`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       auto named = words.take_name();
                       if (!named) co_return usage_error(spec);
                       buffer_list header;
                       read_op op;
                       op.omap_get_header(&header);
                       auto done = co_await io.operate(named->oid, std::move(op));
                       if (!done) {
                         co_return report_failure(
                             fmt::format("error getting omap header {}/{}", io.pool_name(), printable(named->oid)),
                             done.err());
                       }
                       if (!named->rest.empty()) {
                         fmt::print(stderr, "Writing to {}\n", named->rest[0]);
                         write_value_file(named->rest[0], header);
                       } else {
                         print_value("header", header);
                       }
                       co_return 0;
                     });
}

void add_setomapheader(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{"setomapheader", "<obj-name> <value>",
                                        "set an object's omap header, as `rados setomapheader`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       auto named = words.take_name();
                       if (!named || named->rest.empty()) co_return usage_error(spec);
                       write_op op;
                       op.omap_set_header(buffer_list(buffer::copy_of(named->rest[0])));
                       auto done = co_await io.operate(named->oid, std::move(op));
                       if (!done) {
                         co_return report_failure(
                             fmt::format("error setting omap value {}/{}", io.pool_name(), printable(named->oid)),
                             done.err());
                       }
                       co_return 0;
                     });
}

}  // namespace

void add_object_omap_commands(CLI::App& app, global_options& options, int& exit_status) {
  add_listomapkeys(app, options, exit_status);
  add_listomapvals(app, options, exit_status);
  add_getomapval(app, options, exit_status);
  add_setomapval(app, options, exit_status);
  add_rmomapkey(app, options, exit_status);
  add_clearomap(app, options, exit_status);
  add_getomapheader(app, options, exit_status);
  add_setomapheader(app, options, exit_status);
}

}  // namespace radosio::cli
