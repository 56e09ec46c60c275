#include "http/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "domain/api_error.hpp"

namespace reach {
namespace {

nlohmann::json field_errors_json(const std::vector<FieldError>& errors) {
  auto arr = nlohmann::json::array();
  for (const auto& e : errors) arr.push_back({{"loc", e.loc}, {"msg", e.msg}, {"type", e.type}});
  return arr;
}

struct InFlight {
  explicit InFlight(std::atomic<std::size_t>& n) : n_(n) { ++n_; }
  ~InFlight() { --n_; }
  std::atomic<std::size_t>& n_;
};

}  // namespace

Response error_response_for_current_exception(const Request& req) {
  try {
    throw;
  } catch (const ApiError& e) {
    auto r = Response::json(e.status(), {{"detail", e.detail()}});
    r.headers = e.headers;
    return r;
  } catch (const ValidationError& e) {
    return Response::json(422, {{"detail", field_errors_json(e.errors())}});
  } catch (const std::exception& e) {
    spdlog::error("unhandled_error request_id={} method={} path={} error=\"{}\"", req.request_id, req.method,
                  req.path, e.what());
  } catch (...) {
    spdlog::error("unhandled_error request_id={} method={} path={} error=unknown", req.request_id, req.method,
                  req.path);
  }
  return Response::json(500, {{"detail", "Internal server error (request id " + req.request_id + ")"}});
}

Response Dispatcher::route(Request& req, std::string& route_label) {
  auto m = router_.match(req);
  if (!m.route) {
    if (m.allowed.empty()) return Response::json(404, {{"detail", "Not Found"}});
    std::string allow;
    for (const auto& method : m.allowed) allow += (allow.empty() ? "" : ", ") + method;
    auto r = Response::json(405, {{"detail", "Method Not Allowed"}});
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  route_label = m.route->pattern;
  std::size_t limit = m.route->body_limit == BodyLimit::upload ? limits_.upload : limits_.standard;
  if (req.body.size() > limit)
    return Response::json(413, {{"detail", std::string(m.route->body_limit == BodyLimit::upload ? "File" : "Request body") +
                                               " too large: the limit is " + std::to_string(limit) + " bytes"}});
  return m.route->handler(req, services_);
}

Response Dispatcher::handle(Request& req) {
  InFlight guard(in_flight_);
  auto started = std::chrono::steady_clock::now();
  std::string route_label = "unmatched";
  Response res;
  try {
    res = route(req, route_label);
  } catch (...) {
    res = error_response_for_current_exception(req);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.observe(req.method, route_label, res.status, seconds);
  spdlog::info("http method={} path={} route={} status={} ms={:.2f} bytes={} ip={} request_id={}", req.method,
               req.path, route_label, res.status, seconds * 1000, res.body.size(), req.client_ip, req.request_id);
  return res;
}

}  // namespace reach
