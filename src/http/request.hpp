// An HTTP request as handlers see it, independent of the server library: method, path, query,
// headers (names lower-cased), body, client address and the path parameters the router matched.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/user.hpp"

namespace reach {

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  // A view of the transport's buffer, valid while the request is handled: an upload is never copied.
  std::string_view body;
  std::string client_ip;
  std::string request_id;
  std::map<std::string, std::string> path_params;
  // Set by the dispatcher's access check from the route's Access column, before the handler runs.
  std::optional<Caller> caller;  // routes for the signed in, company routes
  std::string company_id;        // company routes: the {company_id} the caller holds the route's permission in

  std::optional<std::string> header(const std::string& lower_name) const;
  // A path parameter declared as a UUID by the route; 422 when it is not one.
  std::string path_uuid(const std::string& name) const;
  // The media type of Content-Type without parameters, lower-cased ("" when absent).
  std::string media_type() const;
};

// "a=1&b=x%20y" → {a: "1", b: "x y"} (application/x-www-form-urlencoded and query strings).
std::map<std::string, std::string> parse_urlencoded(std::string_view text);

}  // namespace reach
