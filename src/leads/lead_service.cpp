#include "leads/lead_service.hpp"

#include "domain/api_error.hpp"
#include "leads/contact_rules.hpp"
#include "leads/lead_merge.hpp"
#include "util/time_format.hpp"

namespace reach {

void LeadService::normalise(Lead& l) {
  std::vector<FieldError> errors;
  for (const auto& p : normalise_contacts(l, phones_))
    errors.push_back({{"body", p.field},
                      p.field == "email" ? "value is not a valid email address"
                                         : "value is not a valid phone number (add the country code, e.g. +44...)",
                      "value_error"});
  if (errors.empty() && !reachable(l))
    errors.push_back({{"body", "email"}, "Either email or a phone number is required", "missing"});
  if (!errors.empty()) throw ValidationError(errors);
}

Lead LeadService::create(const std::string& company_id, Lead draft) {
  normalise(draft);
  draft.id = new_time_ordered_uuid(rng_, unix_millis(clock_.now()));
  draft.company_id = company_id;
  draft.created_at = clock_.now();
  // A lead without email may be one that has an email (same phone and name); the unique indexes
  // only catch leads with the same email, or without email, so that case is looked up first.
  auto existing = draft.field(LeadField::email) ? std::nullopt : store_.find_duplicate(draft);
  if (!existing) {
    if (store_.insert(draft)) return draft;
    existing = store_.find_duplicate(draft);
  }
  if (!existing) throw conflict("This lead already exists");
  auto outcome = on_match(*existing, draft, LeadArrival::request);
  if (outcome.kind == LeadMatchOutcome::Kind::conflict)
    throw conflict(std::string(draft.field(LeadField::email) ? "A lead with this email"
                                                             : "A lead with this phone number and name") +
                   " already exists (id " + existing->id + ")");
  store_.replace(outcome.lead, clock_.now());
  return outcome.lead;
}

LeadPage LeadService::list(const std::string& company_id, const std::string& search, long long page,
                           long long page_size) {
  auto found = store_.page_and_count(company_id, search, page_size, (page - 1) * page_size);
  return {std::move(found.leads), found.count.total, found.count.estimate};
}

Lead LeadService::get(const std::string& company_id, const std::string& lead_id) {
  auto lead = store_.find(company_id, lead_id);
  if (!lead) throw not_found("Lead not found");
  return *lead;
}

Lead LeadService::update(const std::string& company_id, const std::string& lead_id, Lead draft) {
  auto current = get(company_id, lead_id);
  normalise(draft);
  draft.id = current.id;
  draft.company_id = current.company_id;
  draft.created_at = current.created_at;
  for (auto kept : {LeadField::upload_task_id, LeadField::enriched_data}) draft.field(kept) = current.field(kept);
  if (auto other = store_.find_duplicate(draft); other && other->id != draft.id)
    throw conflict(std::string(draft.field(LeadField::email) ? "Another lead has this email"
                                                             : "Another lead has this phone number and name") +
                   (other->deleted ? " (a deleted one: restore it by adding the lead again)" : "") + " (id " +
                   other->id + ")");
  store_.replace(draft, clock_.now());
  return draft;
}

void LeadService::remove(const std::string& company_id, const std::string& lead_id) {
  get(company_id, lead_id);
  store_.soft_delete(company_id, lead_id, clock_.now());
}

}  // namespace reach
