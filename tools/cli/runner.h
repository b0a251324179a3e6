#pragma once
// Runs one CLI command against the cluster: builds the configuration, starts a monitor
// session on a private io_context, runs the command's coroutine, shuts down, and turns
// failures into a message on stderr and an exit status.

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <string>

#include "monclient/mon_client.h"
#include "radosio/client.h"
#include "tools/cli/client_setup.h"
#include "tools/cli/global_options.h"

namespace radosio::cli {

struct command_context {
  const global_options& options;
  const client_setup& setup;
  mon::mon_client& mon;
};

// The command returns its exit status (0 on success) or an error to report.
using command_body = std::function<boost::asio::awaitable<result<int>>(command_context&)>;

int run_command(const global_options& options, const command_body& body);

// Object commands: the monitor session plus the objecter (a radosio::client).
struct object_context {
  const global_options& options;
  const client_setup& setup;
  radosio::client& rados;
};
using object_command_body = std::function<boost::asio::awaitable<result<int>>(object_context&)>;

int run_object_command(const global_options& options, const object_command_body& body);

// Sends one mon command the way the ceph CLI does: output data to stdout, the status text
// to stderr, a failure as "Error EXXX: status" with the errno as exit status.
boost::asio::awaitable<result<int>> ceph_style_command(mon::mon_client& mon, std::string json,
                                                       buffer_list input = {});

// "Error ENOENT: pool 'x' does not exist" the way the ceph CLI words errno failures.
std::string errno_message(int err, std::string_view detail);
// Prints an error to stderr ("rados-client: ...") and returns the exit status for it.
int report(const error& e);

}  // namespace radosio::cli
