#include "accounts/tenant_access.hpp"

#include "domain/api_error.hpp"

namespace reach {

Role TenantAccess::require(const Caller& caller, const std::string& company_id, Permission permission) {
  auto role = companies_.role_of(caller.user_id, company_id);
  if (!role) throw not_found("Company not found");
  if (!role_allows(*role, permission)) throw forbidden("Your role in this company does not allow this action");
  return *role;
}

}  // namespace reach
