// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "cxmap/abi_types.h"

namespace cxmap {

/// The closed set of error codes, shared with the C ABI (cxmap_code).
enum class Code : int {
  kOk = CXMAP_OK,
  kInvalidArgument = CXMAP_INVALID_ARGUMENT,
  kNotFound = CXMAP_NOT_FOUND,
  kIoError = CXMAP_IO_ERROR,
  kCorruption = CXMAP_CORRUPTION,
  kNotSupported = CXMAP_NOT_SUPPORTED,
  kCancelled = CXMAP_CANCELLED,
  kInternal = CXMAP_INTERNAL,
};

/// Short lower-case name of a code, e.g. "invalid argument".
constexpr std::string_view CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kInvalidArgument: return "invalid argument";
    case Code::kNotFound: return "not found";
    case Code::kIoError: return "I/O error";
    case Code::kCorruption: return "corruption";
    case Code::kNotSupported: return "not supported";
    case Code::kCancelled: return "cancelled";
    case Code::kInternal: return "internal error";
  }
  return "unknown error";
}

/// The outcome of an operation that can fail in an expected way (LevelDB
/// style). Cheap to copy when ok. Expected failures are values, not
/// exceptions.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {Code::kIoError, std::move(m)}; }
  static Status Corruption(std::string m) { return {Code::kCorruption, std::move(m)}; }
  static Status NotSupported(std::string m) { return {Code::kNotSupported, std::move(m)}; }
  static Status Cancelled(std::string m) { return {Code::kCancelled, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  /// "invalid argument: <message>", or "ok".
  std::string ToString() const {
    if (ok()) return "ok";
    return std::string(CodeName(code_)) + ": " + message_;
  }

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

/// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace cxmap

/// Returns early from the enclosing function when `expr` is not ok.
#define CXMAP_RETURN_IF_ERROR(expr)           \
  do {                                        \
    ::cxmap::Status cxmap_status_ = (expr);   \
    if (!cxmap_status_.ok()) return cxmap_status_; \
  } while (0)
