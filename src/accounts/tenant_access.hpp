// The one access check every company-scoped route makes: another tenant's company answers 404 (its
// existence is not revealed), a role without the permission answers 403.
#pragma once
#include <string>

#include "domain/role.hpp"
#include "domain/user.hpp"
#include "store/company_store.hpp"

namespace reach {

class TenantAccess {
 public:
  explicit TenantAccess(CompanyStore& companies) : companies_(companies) {}
  Role require(const Caller& caller, const std::string& company_id, Permission permission);

 private:
  CompanyStore& companies_;
};

}  // namespace reach
