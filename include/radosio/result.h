#pragma once
// result<T>: a value or an error that says what failed. The code is for programs (compare it
// with radosio::errc or std::errc), the message for people ("pool 'foo': No such file or
// directory"). Used where one call can fail in ways that need explaining; hot paths that only
// need a code return std::error_code directly.

#include <string>
#include <system_error>
#include <utility>
#include <variant>

namespace radosio {

struct error {
  std::error_code code;
  std::string message;  // human text with context; may be empty (then code.message() is used)

  [[nodiscard]] std::string what() const {
    if (message.empty()) return code.message();
    return message;
  }
};

template <class T>
class [[nodiscard]] result {
 public:
  // An empty result is an error; Asio's co_spawn needs it to report an exception.
  result() : state_(error{std::make_error_code(std::errc::operation_canceled), "no result"}) {}
  result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  result(error e) : state_(std::move(e)) {}      // NOLINT
  result(std::error_code code, std::string message = {})
      : state_(error{code, std::move(message)}) {}

  [[nodiscard]] bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  [[nodiscard]] const error& err() const { return std::get<1>(state_); }
  [[nodiscard]] std::error_code code() const noexcept {
    return has_value() ? std::error_code{} : std::get<1>(state_).code;
  }

 private:
  std::variant<T, error> state_;
};

// For operations that produce nothing but may fail.
struct unit {};
using status = result<unit>;
inline status ok_status() { return unit{}; }

}  // namespace radosio
