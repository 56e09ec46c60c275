// The route table: (method, pattern) → handler, patterns with typed segments like
// "/api/companies/{company_id}". Tells 404 (no such path) from 405 (path exists, method does not).
#pragma once
#include <string>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace reach {

struct Services;
using Handler = Response (*)(const Request&, Services&);

// Which body limit a route has: REACH_MAX_BODY_BYTES, REACH_MAX_UPLOAD_BYTES for document uploads,
// REACH_MAX_LEAD_UPLOAD_BYTES for lead lists. Upload bodies are spooled to disk by the transport.
enum class BodyLimit { standard, upload, lead_upload };

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  BodyLimit body_limit = BodyLimit::standard;
  std::vector<std::string> segments;
  // Never blocks (no database, no outside call): answered on the transport's own thread instead of the
  // handler pool, so it answers even when every handler thread is busy (the liveness probe).
  bool never_blocks = false;
};

struct RouteMatch {
  const Route* route = nullptr;     // set when method and path match
  std::vector<std::string> allowed;  // methods the path has, when only the path matched
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler, BodyLimit limit = BodyLimit::standard);
  void get(std::string pattern, Handler h) { add("GET", std::move(pattern), h); }
  void get_never_blocking(std::string pattern, Handler h) {
    add("GET", std::move(pattern), h);
    routes_.back().never_blocks = true;
  }
  void post(std::string pattern, Handler h, BodyLimit limit = BodyLimit::standard) {
    add("POST", std::move(pattern), h, limit);
  }
  void put(std::string pattern, Handler h) { add("PUT", std::move(pattern), h); }
  void patch(std::string pattern, Handler h) { add("PATCH", std::move(pattern), h); }
  void del(std::string pattern, Handler h) { add("DELETE", std::move(pattern), h); }

  // Fills req.path_params on a match.
  RouteMatch match(Request& req) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace reach
