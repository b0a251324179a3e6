// An object's extended attributes and watchers, as Ceph's `rados` shows and changes them:
// listxattr, getxattr, setxattr, rmxattr, listwatchers. Same words, output, error lines and
// exit status.

#include <fmt/format.h>

#include "radosio/ioctx.h"
#include "radosio/operations.h"
#include "tools/commands/commands.h"
#include "tools/commands/object_common.h"

namespace radosio::cli {
namespace {

namespace asio = boost::asio;

// "error getting xattr POOL/OBJ/NAME" and its kin.
std::string xattr_label(std::string_view what, const ioctx& io, std::string_view oid, std::string_view name) {
  return fmt::format("error {} {}/{}/{}", what, io.pool_name(), printable(oid), name);
}

void add_listxattr(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{"listxattr", "<obj-name>",
                                        "list an object's extended attributes, as `rados listxattr`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       auto named = words.take_name();
                       if (!named) co_return usage_error(spec);
                       auto attrs = co_await io.get_xattrs(named->oid);
                       if (!attrs) {
                         co_return report_failure(
                             fmt::format("error getting xattr set {}/{}", io.pool_name(), printable(named->oid)),
                             attrs.err());
                       }
                       for (const auto& [name, value] : *attrs) fmt::print("{}\n", name);
                       co_return 0;
                     });
}

void add_getxattr(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{"getxattr", "<obj-name> <attr>",
                                        "print an extended attribute's value as it is, as `rados getxattr`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       auto named = words.take_name();
                       if (!named || named->rest.empty()) co_return usage_error(spec);
                       const std::string& name = named->rest[0];
                       auto value = co_await io.get_xattr(named->oid, name);
                       if (!value) co_return report_failure(xattr_label("getting xattr", io, named->oid, name), value.err());
                       fmt::print("{}", value->to_string());
                       co_return 0;
                     });
}

void add_setxattr(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{
      "setxattr", "<obj-name> <attr> [value]",
      "set an extended attribute (the value from stdin if not given), as `rados setxattr`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       auto named = words.take_name();
                       if (!named || named->rest.empty() || named->rest.size() > 2) co_return usage_error(spec);
                       const std::string& name = named->rest[0];
                       std::string value = named->rest.size() == 2 ? named->rest[1] : read_stdin();
                       buffer_list data(buffer::adopt(std::move(value)));
                       auto done = co_await io.set_xattr(named->oid, name, std::move(data));
                       if (!done) co_return report_failure(xattr_label("setting xattr", io, named->oid, name), done.err());
                       co_return 0;
                     });
}

void add_rmxattr(CLI::App& app, global_options& options, int& exit_status) {
  static const object_command_spec spec{"rmxattr", "<obj-name> <attr>",
                                        "remove an extended attribute, as `rados rmxattr`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       auto named = words.take_name();
                       if (!named || named->rest.empty()) co_return usage_error(spec);
                       const std::string& name = named->rest[0];
                       auto done = co_await io.rm_xattr(named->oid, name);
                       if (!done) co_return report_failure(xattr_label("removing xattr", io, named->oid, name), done.err());
                       co_return 0;
                     });
}

void add_listwatchers(CLI::App& app, global_options& options, int& exit_status) {
  // rados takes --obj-name-file here too but does not use it.
  static const object_command_spec spec{"listwatchers", "<obj-name>",
                                        "list the clients watching an object, as `rados listwatchers`"};
  add_object_command(app, options, exit_status, spec, std::make_shared<object_words>(),
                     [](object_context&, ioctx& io, const object_words& words) -> asio::awaitable<int> {
                       if (words.words.empty()) co_return usage_error(spec);
                       const std::string& oid = words.words[0];
                       std::vector<object_watcher> watchers;
                       read_op op;
                       op.list_watchers(&watchers);
                       auto done = co_await io.operate(oid, std::move(op));
                       if (!done) {
                         co_return report_failure(fmt::format("error listing watchers {}/{}", io.pool_name(), oid),
                                                  done.err());
                       }
                       for (const auto& w : watchers) {
                         // rados names every watcher "client.ID", whatever its entity type.
                         const auto dot = w.entity.find('.');
                         const std::string_view id =
                             dot == std::string::npos ? std::string_view(w.entity) : std::string_view(w.entity).substr(dot + 1);
                         fmt::print("watcher={} client.{} cookie={}\n", w.address, id, w.cookie);
                       }
                       co_return 0;
                     });
}

}  // namespace

void add_object_attr_commands(CLI::App& app, global_options& options, int& exit_status) {
  add_listxattr(app, options, exit_status);
  add_getxattr(app, options, exit_status);
  add_setxattr(app, options, exit_status);
  add_rmxattr(app, options, exit_status);
  add_listwatchers(app, options, exit_status);
}

}  // namespace radosio::cli
