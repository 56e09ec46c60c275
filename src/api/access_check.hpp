// The check of a route's Access column (http/router.hpp), run by the dispatcher before every handler.
#pragma once
#include <string>

#include "api/services.hpp"
#include "http/request.hpp"
#include "http/router.hpp"

namespace reach {

// Fills req.caller (and req.company_id for company routes), or throws: 401 without a valid, current
// token; 404 for a company that is not the caller's; 403 for a role without the permission; /metrics:
// 403 while no metrics token is configured, 401 without it.
void check_access(Request& req, const Access& access, Services& s, const std::string& metrics_token);

}  // namespace reach
