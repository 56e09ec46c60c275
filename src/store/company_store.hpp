// Companies (tenants) and memberships (user_company_profiles). Soft-deleted companies are invisible here.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/company.hpp"
#include "store/database.hpp"
#include "util/clock.hpp"
#include "store/statement_cache.hpp"

namespace reach {

class CompanyStore {
 public:
  explicit CompanyStore(Database& db) : db_(db), cache_(db) {}

  // Inserts the company and its creator's admin membership in one transaction.
  void create_with_admin(const Company& company, const Membership& admin);
  std::optional<Company> find(const std::string& company_id);
  std::vector<Company> list_for_user(const std::string& user_id);
  void soft_delete(const std::string& company_id, TimePoint now);
  // Research results: overview, background and products_services when found; address and industry
  // only where the company has none.
  // Fills what research found (and marks it done).
  void apply_research(const std::string& company_id, const Company& found, TimePoint now);
  void set_research_status(const std::string& company_id, const std::string& status, TimePoint now);
  // What the company's admins edit: name, website, industry, address and the meeting link, as given.
  void update_profile(const Company& c, TimePoint now);

  // The user's role in a live company, or nothing: the single question tenancy asks.
  std::optional<Role> role_of(const std::string& user_id, const std::string& company_id);
  std::vector<std::pair<std::string, Role>> roles_of_user(const std::string& user_id);
  std::vector<Membership> members(const std::string& company_id);
  // False when the user already has a seat in the company.
  bool add_member(const Membership& m, TimePoint now);
  enum class MemberChange { done, not_a_member, last_admin };
  // Gives the member `role`, or removes the member when there is none; never leaves the company
  // without an admin (last_admin, nothing changed). Changes of one company's members run one at a time.
  MemberChange change_member(const std::string& company_id, const std::string& user_id, std::optional<Role> role);

 private:
  Database& db_;
  StatementCache cache_;  // role_of and find run on every company-scoped request
};

}  // namespace reach
