// The one error type for expected failures, named by what went wrong in the domain's words (ErrorCode),
// not by HTTP status: services, stores and providers raise it, and http/error_mapping.cpp is the one
// place that turns a code into a status. Anything else that escapes a handler is a bug and logged as one.
#pragma once
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace reach {

enum class ErrorCode {
  invalid_request,         // the request cannot be done as asked; the message says what to change
  not_signed_in,           // no valid, current access token
  forbidden,               // signed in, but this role or person may not do it
  not_found,               // no such thing in the caller's reach (another tenant's things included)
  conflict,                // it already exists, or its state does not allow it
  too_large,               // a body or file over its limit
  unsupported_media_type,  // the body is not in a format the route reads
  rate_limited,            // too many attempts or mails for now; Retry-After says when
  provider_failed,         // an outside service (model, research, mail) failed after its retries
  provider_timed_out,      // an outside service did not answer in time
  unavailable,             // Reach itself is out of capacity for now (in-flight limits); try again
};

class ApiError : public std::runtime_error {
 public:
  // `message` is what the client is told; `log_detail` (e.g. a provider's own error text, which may
  // name hosts or keys) is only logged.
  ApiError(ErrorCode code, std::string message, std::string log_detail = {})
      : std::runtime_error(log_detail.empty() ? message : message + " (" + log_detail + ")"),
        code_(code),
        message_(std::move(message)),
        log_detail_(std::move(log_detail)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& log_detail() const { return log_detail_; }
  // Extra response headers, e.g. Retry-After for rate_limited or WWW-Authenticate for not_signed_in.
  std::vector<std::pair<std::string, std::string>> headers;

  ApiError&& with_header(std::string name, std::string value) && {
    headers.emplace_back(std::move(name), std::move(value));
    return std::move(*this);
  }

 private:
  ErrorCode code_;
  std::string message_;
  std::string log_detail_;
};

inline ApiError bad_request(std::string message) { return ApiError(ErrorCode::invalid_request, std::move(message)); }
inline ApiError forbidden(std::string message) { return ApiError(ErrorCode::forbidden, std::move(message)); }
inline ApiError not_found(std::string message) { return ApiError(ErrorCode::not_found, std::move(message)); }
inline ApiError conflict(std::string message) { return ApiError(ErrorCode::conflict, std::move(message)); }
inline ApiError rate_limited(std::string message, long long retry_after_seconds) {
  return ApiError(ErrorCode::rate_limited, std::move(message))
      .with_header("Retry-After", std::to_string(retry_after_seconds));
}
inline ApiError unauthorized(std::string message) {
  return ApiError(ErrorCode::not_signed_in, std::move(message)).with_header("WWW-Authenticate", "Bearer");
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
