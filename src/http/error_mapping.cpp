#include "http/error_mapping.hpp"

#include <spdlog/spdlog.h>

namespace reach {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_request:
      return 400;
    case ErrorCode::not_signed_in:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::too_large:
      return 413;
    case ErrorCode::unsupported_media_type:
      return 415;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::provider_failed:
      return 502;
    case ErrorCode::unavailable:
      return 503;
    case ErrorCode::provider_timed_out:
      return 504;
  }
  return 500;  // not reached: the switch names every code
}

namespace {

nlohmann::json field_errors_json(const std::vector<FieldError>& errors) {
  auto arr = nlohmann::json::array();
  for (const auto& e : errors) arr.push_back({{"loc", e.loc}, {"msg", e.msg}, {"type", e.type}});
  return arr;
}

}  // namespace

Response error_response_for_current_exception(const Request& req) {
  try {
    throw;
  } catch (const ApiError& e) {
    int status = http_status(e.code());
    if (status >= 500)
      spdlog::warn("request_failed request_id={} method={} path={} status={} error=\"{}\"", req.request_id, req.method,
                   req.path, status, e.what());
    auto r = Response::json(status, {{"detail", e.message()}});
    r.headers = e.headers;
    return r;
  } catch (const ValidationError& e) {
    return Response::json(422, {{"detail", field_errors_json(e.errors())}});
  } catch (const std::exception& e) {
    spdlog::error("unhandled_error request_id={} method={} path={} error=\"{}\"", req.request_id, req.method, req.path,
                  e.what());
  } catch (...) {
    spdlog::error("unhandled_error request_id={} method={} path={} error=unknown", req.request_id, req.method,
                  req.path);
  }
  return Response::json(500, {{"detail", "Internal server error (request id " + req.request_id + ")"}});
}

}  // namespace reach
