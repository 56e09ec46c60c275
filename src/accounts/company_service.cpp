#include "accounts/company_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>

#include <nlohmann/json.hpp>

#include "domain/api_error.hpp"
#include "domain/job.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

void fill_if_empty(std::optional<std::string>& field, const std::optional<std::string>& value) {
  if ((!field || field->empty()) && value && !value->empty()) field = value;
}

void apply(Company& c, const CompanyResearch& r) {
  if (r.overview) c.overview = r.overview;
  if (r.background) c.background = r.background;
  if (r.products_services) c.products_services = r.products_services;
  fill_if_empty(c.address, r.address);
  fill_if_empty(c.industry, r.industry);
}

}  // namespace

std::pair<Company, bool> CompanyService::create(const Caller& creator, const NewCompany& input) {
  Company c;
  c.id = new_uuid(d_.rng);
  c.user_id = creator.user_id;
  c.name = input.name;
  c.website = input.website;
  c.industry = input.industry;
  c.address = input.address;
  c.created_at = d_.clock.now();
  record_late_answers();
  std::optional<CompanyResearch> found;
  bool research_later = false;
  if (c.website) {
    auto pending = d_.researcher.research_company(CompanyFacts{c.name, c.website, c.industry, c.address});
    if (pending.wait_for(d_.research_deadline) == std::future_status::ready) {
      try {
        found = pending.get();
        apply(c, *found);
      } catch (const ProviderError& e) {
        spdlog::warn("company_research_failed company_id={} error=\"{}\"", c.id, e.what());
        research_later = !e.permanent();
      }
    } else {
      research_later = true;  // the job asks again; the late answer's tokens are still recorded
      MutexLock lock(late_mutex_);
      constexpr std::size_t kMaxLate = 1000;
      if (late_.size() >= kMaxLate) late_.erase(late_.begin());
      late_.push_back({c.id, std::move(pending)});
    }
  }
  c.research_status = !c.website ? "skipped" : found ? "done" : research_later ? "pending" : "failed";
  d_.companies.create_with_admin(c,
                                 Membership{new_uuid(d_.rng), creator.user_id, c.id, Role::admin, creator.email, {}});
  if (found) d_.usage.record(c.id, d_.researcher.provider(), found->usage);
  if (research_later)
    d_.jobs.enqueue(
        new_uuid(d_.rng),
        NewJob{kCompanyResearchJob, nlohmann::json{{"company_id", c.id}}.dump(), kCompanyResearchJob + ":" + c.id},
        c.created_at);
  spdlog::info("company_created company_id={} user_id={} research={}", c.id, creator.user_id,
               !c.website       ? "none"
               : research_later ? "background"
               : found          ? "done"
                                : "failed");
  return {c, research_later};
}

void CompanyService::record_late_answers() {
  std::vector<LateAnswer> ready;
  {
    MutexLock lock(late_mutex_);
    auto arrived = [](LateAnswer& a) {
      return a.answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    };
    auto split = std::stable_partition(late_.begin(), late_.end(), [&](LateAnswer& a) { return !arrived(a); });
    std::move(split, late_.end(), std::back_inserter(ready));
    late_.erase(split, late_.end());
  }
  for (auto& a : ready) {
    try {
      d_.usage.record(a.company_id, d_.researcher.provider(), a.answer.get().usage);
    } catch (const std::exception&) {
      // a failed late answer: what it cost was not reported with it
    }
  }
}

void CompanyService::research(const std::string& company_id, bool last_attempt) {
  record_late_answers();
  auto c = d_.companies.find(company_id);
  if (!c || !c->website) return;  // deleted since, or nothing to research
  CompanyResearch found;
  try {
    found = d_.researcher.research_company(CompanyFacts{c->name, c->website, c->industry, c->address}).get();
  } catch (const ProviderError& e) {
    if (e.permanent() || last_attempt) {
      d_.companies.set_research_status(company_id, "failed", d_.clock.now());
      if (e.permanent()) throw PermanentJobError(e.what());
    }
    throw;
  }
  Company update = *c;
  apply(update, found);
  d_.companies.apply_research(company_id, update, d_.clock.now());
  d_.usage.record(company_id, d_.researcher.provider(), found.usage);
  record_late_answers();  // the answer the create request stopped waiting for has usually come by now
  spdlog::info("company_researched company_id={} source={}", company_id, found.source);
}

Company CompanyService::get(const std::string& company_id) {
  auto c = d_.companies.find(company_id);
  if (!c) throw not_found("Company not found");
  return *c;
}

Company CompanyService::update(const std::string& company_id, const CompanyEdit& edit) {
  auto c = get(company_id);
  auto apply = [](std::optional<std::string>& field, const std::optional<std::string>& given) {
    if (given) field = given->empty() ? std::nullopt : given;
  };
  if (edit.name) c.name = *edit.name;
  apply(c.website, edit.website);
  apply(c.industry, edit.industry);
  apply(c.address, edit.address);
  apply(c.custom_calendar_link, edit.custom_calendar_link);
  d_.companies.update_profile(c, d_.clock.now());
  return c;
}

void CompanyService::remove(const std::string& company_id) {
  d_.companies.soft_delete(company_id, d_.clock.now());
  spdlog::info("company_deleted company_id={}", company_id);
}

std::vector<Membership> CompanyService::set_role(const std::string& company_id, const std::string& user_id, Role role) {
  change_member(company_id, user_id, role);
  return members(company_id);
}

void CompanyService::remove_member(const std::string& company_id, const std::string& user_id) {
  change_member(company_id, user_id, std::nullopt);
}

void CompanyService::change_member(const std::string& company_id, const std::string& user_id,
                                   std::optional<Role> role) {
  switch (d_.companies.change_member(company_id, user_id, role)) {
    case CompanyStore::MemberChange::not_a_member:
      throw not_found("This user is not a member of the company");
    case CompanyStore::MemberChange::last_admin:
      throw bad_request("A company needs an admin: make another member admin first");
    case CompanyStore::MemberChange::done:
      spdlog::info("company_member_changed company_id={} user_id={} role={}", company_id, user_id,
                   role ? role_name(*role) : "removed");
      return;
  }
}

}  // namespace reach
