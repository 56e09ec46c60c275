#include "api/access_check.hpp"

#include "util/crypto.hpp"

namespace reach {

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
      req.caller = s.auth.authenticate(req.header("authorization").value_or(""));
      return;
    case Access::Kind::company:
      req.caller = s.auth.authenticate(req.header("authorization").value_or(""));
      req.company_id = req.path_uuid("company_id");
      s.access.require(*req.caller, req.company_id, access.permission);
      return;
  }
}

}  // namespace reach
