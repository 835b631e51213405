// core/result.h: error values for everything in core/. No exceptions cross core/'s boundary:
// a failing step returns an Error that says what went wrong and where.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace mnemo {

struct Error {
  std::string where;    // "byte offset 0x2a", "line 3:7", "function 2, byte offset 0x40"; may be empty
  std::string message;  // what is wrong, in the words of the spec where it has them

  std::string str() const { return where.empty() ? message : where + ": " + message; }
};

// Result<T>: either a value or an Error. Result<void> is a plain success/failure.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace mnemo
