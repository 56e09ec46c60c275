// The one error type for expected failures. The HTTP layer maps it to a response in one place
// (http/error_mapping.cpp); anything else that escapes a handler is a bug and logged as one.
#pragma once
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace reach {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string detail) : std::runtime_error(detail), status_(status), detail_(std::move(detail)) {}

  int status() const { return status_; }
  const std::string& detail() const { return detail_; }
  // Extra response headers, e.g. Retry-After for 429 or WWW-Authenticate for 401.
  std::vector<std::pair<std::string, std::string>> headers;

  ApiError&& with_header(std::string name, std::string value) && {
    headers.emplace_back(std::move(name), std::move(value));
    return std::move(*this);
  }

 private:
  int status_;
  std::string detail_;
};

inline ApiError bad_request(std::string detail) { return ApiError(400, std::move(detail)); }
inline ApiError forbidden(std::string detail) { return ApiError(403, std::move(detail)); }
inline ApiError not_found(std::string detail) { return ApiError(404, std::move(detail)); }
inline ApiError unauthorized(std::string detail) {
  return ApiError(401, std::move(detail)).with_header("WWW-Authenticate", "Bearer");
}

// One entry of a 422 answer: {"loc": ["body", "email"], "msg": "...", "type": "..."}.
struct FieldError {
  std::vector<std::string> loc;
  std::string msg;
  std::string type;
};

class ValidationError : public std::runtime_error {
 public:
  explicit ValidationError(std::vector<FieldError> errors)
      : std::runtime_error("validation failed"), errors_(std::move(errors)) {}
  const std::vector<FieldError>& errors() const { return errors_; }

 private:
  std::vector<FieldError> errors_;
};

}  // namespace reach
