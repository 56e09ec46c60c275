#include "api/access_check.hpp"

#include "http/cookies.hpp"
#include "util/crypto.hpp"

namespace reach {
namespace {

bool is_safe(const std::string& method) { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }

// The caller's credentials: the Authorization header (API clients), else the web app's session cookie,
// which on a write must come with the CSRF cookie's value in X-CSRF-Token (a page of another site
// can make the browser send the cookie, never read it).
std::string credentials_of(const Request& req) {
  if (auto header = req.header("authorization")) return *header;
  auto cookies = req.header("cookie");
  auto session = cookies ? cookie_value(*cookies, kSessionCookie) : std::nullopt;
  if (!session) return "";
  if (!is_safe(req.method)) {
    auto expected = cookie_value(*cookies, kCsrfCookie);
    auto sent = req.header("x-csrf-token");
    if (!expected || !sent || !constant_time_equal(*sent, *expected))
      throw forbidden("The CSRF token is missing or wrong: send the reach_csrf cookie's value as X-CSRF-Token");
  }
  return "Bearer " + *session;
}

}  // namespace

void check_access(Request& req, const Access& access, Services& s, const std::string& metrics_token) {
  switch (access.kind) {
    case Access::Kind::anyone:
      return;
    case Access::Kind::operator_: {
      if (metrics_token.empty())
        throw forbidden("Metrics are not public: set REACH_METRICS_TOKEN and send it as a Bearer token");
      if (!constant_time_equal(req.header("authorization").value_or(""), "Bearer " + metrics_token))
        throw unauthorized("The metrics token is missing or wrong");
      return;
    }
    case Access::Kind::signed_in:
      req.caller = s.auth.authenticate(credentials_of(req));
      return;
    case Access::Kind::company:
      req.caller = s.auth.authenticate(credentials_of(req));
      req.company_id = req.path_uuid("company_id");
      s.access.require(*req.caller, req.company_id, access.permission);
      return;
  }
}

}  // namespace reach
