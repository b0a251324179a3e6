#pragma once
// Blocking use of radosio, for programs that are not built around Asio: a blocking_client
// owns an io_context and the I/O thread(s) that run it (one by default), and each call
// waits for its result.
//
//   auto c = radosio::blocking_client::connect(cfg);          // result<unique_ptr<...>>
//   auto pool = (*c)->open_pool("data");
//   (*c)->run(pool->write_full("greeting", radosio::buffer_list(radosio::buffer::copy_of("hi"))));
//
// run() accepts any of the client's or an ioctx's coroutines. Calls may come from any
// thread except the I/O threads themselves.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_future.hpp>

#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "radosio/client.h"
#include "radosio/ioctx.h"

namespace radosio {

class blocking_client {
 public:
  // Connects (mon session and first OSDMap) before returning.
  static result<std::unique_ptr<blocking_client>> connect(const client_config& config, std::size_t io_threads = 1);
  ~blocking_client();
  blocking_client(const blocking_client&) = delete;
  blocking_client& operator=(const blocking_client&) = delete;

  // Runs one of the client's coroutines on its executor and waits for the result.
  template <class T>
  T run(boost::asio::awaitable<T> op) {
    return boost::asio::co_spawn(strand_, std::move(op), boost::asio::use_future).get();
  }

  result<ioctx> open_pool(std::string name) { return run(client_->open_pool(std::move(name))); }
  // The asynchronous client underneath (its calls must run on its executor: use run()).
  [[nodiscard]] client& async() noexcept { return *client_; }

 private:
  blocking_client(std::size_t io_threads);

  boost::asio::io_context io_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::optional<client> client_;
  std::vector<std::thread> threads_;
};

}  // namespace radosio
