// Roles a user holds in a company and what each may do. The permission table in
// docs/ARCHITECTURE.md is this file in prose; keep them in step.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace reach {

enum class Role { admin, sdr };

enum class Permission {
  read_company,    // company, its users, products, leads, campaigns, runs, emails, calls
  run_outreach,    // upload leads, create and run campaigns, add products
  manage_company,  // delete the company, mail and calendar credentials
  manage_members,  // invite users, change roles
};

inline bool role_allows(Role role, Permission p) {
  switch (p) {
    case Permission::read_company:
    case Permission::run_outreach:
      return true;
    case Permission::manage_company:
    case Permission::manage_members:
      return role == Role::admin;
  }
  return false;
}

inline std::string_view role_name(Role r) { return r == Role::admin ? "admin" : "sdr"; }

inline std::optional<Role> parse_role(std::string_view s) {
  if (s == "admin") return Role::admin;
  if (s == "sdr") return Role::sdr;
  return std::nullopt;
}

}  // namespace reach
