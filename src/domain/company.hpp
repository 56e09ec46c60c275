// A tenant: everything else (products, leads, campaigns) belongs to one company.
#pragma once
#include <optional>
#include <string>

#include "domain/role.hpp"
#include "util/clock.hpp"

namespace reach {

struct Company {
  std::string id;
  std::string user_id;  // the creator
  std::string name;
  std::optional<std::string> address, industry, website, overview, background, products_services;
  std::optional<std::string> account_email, account_type;
  std::optional<std::string> cronofy_provider, cronofy_linked_email, cronofy_default_calendar_name,
      cronofy_default_calendar_id, custom_calendar_link;
  std::string research_status = "skipped";  // pending, done, failed, skipped (no website)
  TimePoint created_at;
};

// A user's seat in a company.
struct Membership {
  std::string id;
  std::string user_id;
  std::string company_id;
  Role role = Role::sdr;
  std::string email;
  std::optional<std::string> name;
};

}  // namespace reach
