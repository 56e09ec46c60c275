#include "http/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "http/error_mapping.hpp"

namespace reach {
namespace {

struct InFlight {
  explicit InFlight(std::atomic<std::size_t>& n) : n_(n) { ++n_; }
  ~InFlight() { --n_; }
  std::atomic<std::size_t>& n_;
};

}  // namespace

std::size_t BodyLimits::of(BodyLimit kind) const {
  switch (kind) {
    case BodyLimit::standard:
      return standard;
    case BodyLimit::upload:
      return upload;
    case BodyLimit::lead_upload:
      return lead_upload;
  }
  return standard;
}

namespace {

Response unmatched(const RouteMatch& m) {
  if (m.allowed.empty()) return Response::json(404, {{"detail", "Not Found"}});
  std::string allow;
  for (const auto& method : m.allowed) allow += (allow.empty() ? "" : ", ") + method;
  auto r = Response::json(405, {{"detail", "Method Not Allowed"}});
  r.headers.emplace_back("Allow", allow);
  return r;
}

Response too_large(BodyLimit kind, std::size_t limit) {
  return Response::json(413, {{"detail", std::string(kind == BodyLimit::standard ? "Request body" : "File") +
                                             " too large: the limit is " + std::to_string(limit) + " bytes"}});
}

}  // namespace

Admission Dispatcher::admit(Request& req, std::optional<std::uint64_t> content_length) {
  auto m = router_.match(req);
  if (!m.route) return {unmatched(m), nullptr, 0};
  std::size_t limit = limits_.of(m.route->body_limit);
  if (content_length && *content_length > limit) return {too_large(m.route->body_limit, limit), m.route, limit};
  return {std::nullopt, m.route, limit};
}

Response Dispatcher::route(Request& req, const Route* matched, std::string& route_label) {
  if (!matched) {
    auto m = router_.match(req);
    if (!m.route) return unmatched(m);
    matched = m.route;
  }
  route_label = matched->pattern;
  std::size_t limit = limits_.of(matched->body_limit);
  if (req.body.size() > limit) return too_large(matched->body_limit, limit);
  check_access_(req, matched->access);
  return matched->handler(req, context_);
}

Response Dispatcher::handle(Request& req, const Route* matched) {
  InFlight guard(in_flight_);
  auto started = std::chrono::steady_clock::now();
  std::string route_label = "unmatched";
  Response res;
  try {
    res = route(req, matched, route_label);
  } catch (...) {
    res = error_response_for_current_exception(req);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  record(req, res, route_label, seconds);
  return res;
}

void Dispatcher::record(const Request& req, const Response& res, const std::string& route_label, double seconds) {
  metrics_.observe(req.method, route_label, res.status, seconds);
  spdlog::info("http method={} path={} route={} status={} ms={:.2f} bytes={} ip={} request_id={}", req.method, req.path,
               route_label, res.status, seconds * 1000, res.body.size(), req.client_ip, req.request_id);
}

}  // namespace reach
