// Who is calling, as the dispatcher's access check found it from the route's Access column
// (api/routes.cpp): the signed-in caller, and for company routes the company they may act in.
#pragma once
#include <stdexcept>
#include <string>
#include <utility>

#include "http/request.hpp"

namespace reach {

// The caller of a route for the signed in (a route open to anyone that asks is a bug: 500).
inline const Caller& caller_of(const Request& req) {
  if (!req.caller) throw std::logic_error("a route open to anyone asked for its caller: " + req.path);
  return *req.caller;
}

// The caller of a company route and the company, already checked for the route's permission.
inline std::pair<Caller, std::string> company_caller(const Request& req) {
  if (req.company_id.empty())
    throw std::logic_error("a route that is not a company route asked for its company: " + req.path);
  return {caller_of(req), req.company_id};
}

}  // namespace reach
