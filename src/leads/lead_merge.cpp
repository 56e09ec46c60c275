#include "leads/lead_merge.hpp"

namespace reach {

Lead merged_lead(Lead existing, const Lead& incoming) {
  if (!incoming.name.empty()) existing.name = incoming.name;
  for (std::size_t i = 0; i < kLeadTextFields.size(); ++i)
    if (incoming.fields[i]) existing.fields[i] = incoming.fields[i];
  return existing;
}

LeadMatchOutcome on_match(Lead existing, const Lead& incoming, LeadArrival arrival) {
  using Kind = LeadMatchOutcome::Kind;
  if (arrival == LeadArrival::import_row) {
    if (existing.deleted) return {Kind::skip, {}};
    return {Kind::update, merged_lead(std::move(existing), incoming)};
  }
  if (!existing.deleted) return {Kind::conflict, {}};
  Lead restored = incoming;
  restored.id = existing.id;
  restored.company_id = existing.company_id;
  restored.created_at = existing.created_at;
  restored.deleted = false;
  return {Kind::restore, std::move(restored)};
}

}  // namespace reach
