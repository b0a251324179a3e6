#pragma once
// Any radosio call with any Asio completion token, for code that is not written as
// coroutines:
//
//   radosio::async(ex, pool.read("obj"), [](std::exception_ptr, radosio::result<radosio::buffer_list> r) {
//     ...
//   });
//   std::future<radosio::result<radosio::object_stat>> f =
//       radosio::async(ex, pool.stat("obj"), boost::asio::use_future);
//
// `ex` must be the client's executor. Cancellation: bind a slot to the token
// (boost::asio::bind_cancellation_slot(signal.slot(), handler)); emitting it ends the call
// with std::errc::operation_canceled (an op already sent may still be carried out by the
// OSD; its reply is then ignored).

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>

#include <utility>

namespace radosio {

template <class T, class CompletionToken>
auto async(const boost::asio::any_io_executor& ex, boost::asio::awaitable<T> op, CompletionToken&& token) {
  return boost::asio::co_spawn(ex, std::move(op), std::forward<CompletionToken>(token));
}

}  // namespace radosio
