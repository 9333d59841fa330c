// Status and Result<T>: expected failures as values (bad input, missing records).
// Programmer errors and broken infrastructure (a corrupt database) still throw.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace newsdesk {

// An error a person can act on: `record` names what was being handled
// ("article us-threatens-..."), `field` the field at fault ("published_at").
struct Error {
  std::string record;
  std::string field;
  std::string message;
  int line = 0;  // of the input file, when the problem is one of syntax
  // Set for errors that are not about the input's validity: "stale" (the
  // record changed since the caller read it).
  std::string code = {};

  // "article x: published_at: not an RFC 3339 date-time" (empty parts omitted).
  std::string ToString() const;
};

class Status {
 public:
  Status() = default;
  Status(Error e) : error_(std::move(e)) {}  // NOLINT: implicit on purpose
  static Status Ok() { return {}; }

  bool ok() const { return !error_; }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT
  Result(Error error) : v_(std::move(error)) {}    // NOLINT

  bool ok() const { return v_.index() == 0; }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }
  Status status() const { return ok() ? Status::Ok() : Status(error()); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace newsdesk
