// Everything between "a request arrived" and "here is the response", independent of the server
// library: body limit (413), routing (404/405), the handler, the mapping of errors to responses (the
// one place that does it), metrics, the access log line, and the count of requests in flight.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

namespace reach {

struct BodyLimits {
  std::size_t standard = 1024 * 1024;
  std::size_t upload = 20 * 1024 * 1024;
  std::size_t lead_upload = 256 * 1024 * 1024;
  std::size_t of(BodyLimit kind) const;
};

// What the transport may do with a request's body, decided from its headers before any of it is read.
struct Admission {
  std::optional<Response> refusal;  // answer this at once (404, 405, 413) and read no body
  const Route* route = nullptr;     // the matched route (path parameters are in the request): handle() takes it
  std::size_t limit = 0;            // body bytes the route takes
  bool spool_to_disk() const { return route && route->body_limit != BodyLimit::standard; }
};

// Checks a route's Access for a request, filling Request::caller and Request::company_id, or throws the
// ApiError that refuses it. Given by the app (it needs the accounts layer, which http does not know).
using AccessCheck = std::function<void(Request&, const Access&)>;

class Dispatcher {
 public:
  Dispatcher(const Router& router, HandlerContext& context, AccessCheck check_access, HttpMetrics& metrics,
             BodyLimits limits)
      : router_(router),
        context_(context),
        check_access_(std::move(check_access)),
        metrics_(metrics),
        limits_(limits) {}

  // From the request line and headers alone (body not read): unknown routes and bodies whose declared
  // Content-Length is over the route's limit are refused here, so their bytes are never buffered.
  Admission admit(Request& req, std::optional<std::uint64_t> content_length);
  // Never throws: every failure becomes a JSON error response. `matched`: the route admit() found, so
  // the path is not matched twice; null to match here.
  Response handle(Request& req, const Route* matched = nullptr);
  // Counts and logs a response the transport produced itself (a refusal before the body, a busy server).
  void record(const Request& req, const Response& res, const std::string& route_label, double seconds);

  std::size_t in_flight() const { return in_flight_.load(); }
  // The server is shutting down: requests already received are still served, and the transport
  // closes each connection after its response so clients reconnect elsewhere.
  void start_draining() { draining_ = true; }
  bool draining() const { return draining_.load(); }

 private:
  Response route(Request& req, const Route* matched, std::string& route_label);

  const Router& router_;
  HandlerContext& context_;
  AccessCheck check_access_;
  HttpMetrics& metrics_;
  BodyLimits limits_;
  std::atomic<std::size_t> in_flight_{0};
  std::atomic<bool> draining_{false};
};

}  // namespace reach
