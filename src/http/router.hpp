// The route table: (method, pattern, access) → handler, patterns with segments like
// "/api/companies/{company_id}". Tells 404 (no such path) from 405 (path exists, method does not).
#pragma once
#include <string>
#include <vector>

#include "domain/role.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace reach {

// What the layer above hands every handler (the api layer's Services derives from it): http passes it
// through without knowing what it holds.
struct HandlerContext {};
using Handler = Response (*)(const Request&, HandlerContext&);

// Which body limit a route has: REACH_MAX_BODY_BYTES, REACH_MAX_UPLOAD_BYTES for document uploads,
// REACH_MAX_LEAD_UPLOAD_BYTES for lead lists. Upload bodies are spooled to disk by the transport.
enum class BodyLimit { standard, upload, lead_upload };

// Who may call a route: the column beside every route in api/routes.cpp, checked by the dispatcher
// (through the AccessCheck the app gives it) before the handler runs, which then finds the caller and,
// for company routes, the company in the request (Request::caller, Request::company_id).
struct Access {
  enum class Kind {
    anyone,     // no token (signup, login, health, the API description)
    signed_in,  // a valid, current access token
    company,    // signed in, and holding `permission` in the path's {company_id} (404 for other tenants)
    operator_,  // the operator's own token (REACH_METRICS_TOKEN): /metrics
  };
  Kind kind = Kind::signed_in;
  Permission permission = Permission::read_company;  // for Kind::company
};
inline Access anyone() { return {Access::Kind::anyone}; }
inline Access signed_in() { return {Access::Kind::signed_in}; }
inline Access member(Permission p) { return {Access::Kind::company, p}; }
inline Access operator_only() { return {Access::Kind::operator_}; }

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  Access access;
  BodyLimit body_limit = BodyLimit::standard;
  std::vector<std::string> segments;
  // Never blocks (no database, no outside call): answered on the transport's own thread instead of the
  // handler pool, so it answers even when every handler thread is busy (the liveness probe).
  bool never_blocks = false;
};

struct RouteMatch {
  const Route* route = nullptr;      // set when method and path match
  std::vector<std::string> allowed;  // methods the path has, when only the path matched
};

class Router {
 public:
  // Every route says who may call it: there is no default.
  void add(std::string method, std::string pattern, Access access, Handler handler,
           BodyLimit limit = BodyLimit::standard);
  void get(std::string pattern, Access a, Handler h) { add("GET", std::move(pattern), a, h); }
  void get_never_blocking(std::string pattern, Access a, Handler h) {
    add("GET", std::move(pattern), a, h);
    routes_.back().never_blocks = true;
  }
  void post(std::string pattern, Access a, Handler h, BodyLimit limit = BodyLimit::standard) {
    add("POST", std::move(pattern), a, h, limit);
  }
  void put(std::string pattern, Access a, Handler h) { add("PUT", std::move(pattern), a, h); }
  void patch(std::string pattern, Access a, Handler h) { add("PATCH", std::move(pattern), a, h); }
  void del(std::string pattern, Access a, Handler h) { add("DELETE", std::move(pattern), a, h); }

  // Fills req.path_params on a match.
  RouteMatch match(Request& req) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace reach
