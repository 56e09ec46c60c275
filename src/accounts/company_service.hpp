// Companies and their members: create (with research), list, read, soft delete.
// Callers have already passed TenantAccess for company-scoped calls.
#pragma once
#include "util/thread_safety.hpp"
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/company.hpp"
#include "domain/researcher.hpp"
#include "domain/user.hpp"
#include "store/company_store.hpp"
#include "store/job_store.hpp"
#include "accounts/usage_ledger.hpp"
#include "store/user_store.hpp"
#include "util/clock.hpp"
#include "util/random.hpp"

namespace reach {

inline const std::string kCompanyResearchJob = "company.research";

struct NewCompany {
  std::string name;
  std::optional<std::string> website, industry, address;
};

// An edit of a company's profile: each field given replaces the stored one; an empty optional text
// clears it.
struct CompanyEdit {
  std::optional<std::string> name, website, industry, address, custom_calendar_link;
};

struct CompanyDeps {
  CompanyStore& companies;
  UserStore& users;
  Researcher& researcher;
  UsageLedger& usage;
  JobStore& jobs;
  std::chrono::milliseconds research_deadline;  // then the company is answered and research goes on as a job
  const Clock& clock;
  Rng& rng;
};

class CompanyService {
 public:
  explicit CompanyService(CompanyDeps deps) : d_(deps) {}

  // With a website, research fills the profile if it answers within the deadline; otherwise the company
  // is returned as given and a kCompanyResearchJob finishes the research (true in the second member).
  std::pair<Company, bool> create(const Caller& creator, const NewCompany& input);
  // The background research job: fills the profile of a company created before research finished.
  // last_attempt: a failure now is final (research_status failed) rather than retried.
  void research(const std::string& company_id, bool last_attempt);
  std::vector<Company> list_for(const Caller& caller) { return d_.companies.list_for_user(caller.user_id); }
  std::vector<std::pair<std::string, Role>> roles_of(const User& user) { return d_.companies.roles_of_user(user.id); }
  Company get(const std::string& company_id);
  void remove(const std::string& company_id);
  // Changes what is given (a field absent stays; an empty string clears an optional one).
  Company update(const std::string& company_id, const CompanyEdit& edit);
  std::vector<Membership> members(const std::string& company_id) { return d_.companies.members(company_id); }
  // Gives a member another role and answers the members after it; remove_member takes the seat away.
  // Both: not_found for a user who is not a member, invalid_request when the company would be left
  // without an admin.
  std::vector<Membership> set_role(const std::string& company_id, const std::string& user_id, Role role);
  void remove_member(const std::string& company_id, const std::string& user_id);

 private:
  CompanyDeps d_;
  void change_member(const std::string& company_id, const std::string& user_id, std::optional<Role> role);
  // Research answers that came after the create request's deadline: their tokens are paid for, so
  // they are recorded in usage once they arrive (checked on every create and research job).
  void record_late_answers();
  struct LateAnswer {
    std::string company_id;
    std::future<CompanyResearch> answer;
  };
  Mutex late_mutex_;
  std::vector<LateAnswer> late_ REACH_GUARDED_BY(late_mutex_);
};

}  // namespace reach
