// An invitation to a company's team: pending until the invited address accepts or declines it.
#pragma once
#include <optional>
#include <string>

#include "domain/role.hpp"
#include "util/clock.hpp"

namespace reach {

struct Invitation {
  std::string id;
  std::string company_id;
  std::string email;
  std::optional<std::string> name;
  Role role = Role::sdr;
  std::string invited_by;          // user id
  std::string status = "pending";  // pending, accepted, declined
  TimePoint expires_at;
  TimePoint created_at;
};

}  // namespace reach
