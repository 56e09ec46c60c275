// Who is calling: the signed-in caller (401 otherwise) and, for company-scoped routes, the one tenancy
// check (404 for another tenant's company, 403 for a role without the permission).
#pragma once
#include <string>
#include <utility>

#include "api/services.hpp"
#include "http/request.hpp"

namespace reach {

inline Caller signed_in(const Request& req, Services& s) {
  return s.auth.authenticate(req.header("authorization").value_or(""));
}

inline std::pair<Caller, std::string> company_caller(const Request& req, Services& s, Permission p) {
  auto caller = signed_in(req, s);
  auto company_id = req.path_uuid("company_id");
  s.access.require(caller, company_id, p);
  return {caller, company_id};
}

}  // namespace reach
