// Leads added one by one through the API, read, searched and soft-deleted. Emails are checked and
// lower-cased, phone numbers normalised to E.164 (region from the lead's country, else the default).
#pragma once
#include <string>
#include <vector>

#include "domain/lead.hpp"
#include "ingest/phone_numbers.hpp"
#include "store/lead_records.hpp"
#include "util/clock.hpp"
#include "util/random.hpp"

namespace reach {

struct LeadPage {
  std::vector<Lead> items;
  long long total = 0;
  bool total_is_estimate = false;  // past 10,000 matches a search may answer an estimate (contract)
};

class LeadService {
 public:
  LeadService(LeadRecords& store, const Clock& clock, Rng& rng, PhoneNormalizer phones)
      : store_(store), clock_(clock), rng_(rng), phones_(std::move(phones)) {}

  // 422 for a bad email or phone, or neither given; 409 when a live lead has the email or phone.
  // A soft-deleted lead with the email or phone is brought back with the new data (same id).
  Lead create(const std::string& company_id, Lead draft);
  LeadPage list(const std::string& company_id, const std::string& search, long long page, long long page_size);
  Lead get(const std::string& company_id, const std::string& lead_id);
  // Writes the draft's fields over the lead's (its id, company, creation, upload and enrichment stay).
  // 404 for no such live lead, 422 as for create, 409 when the new email (or, without one, phone and
  // name) is another lead's.
  Lead update(const std::string& company_id, const std::string& lead_id, Lead draft);
  void remove(const std::string& company_id, const std::string& lead_id);

 private:
  void normalise(Lead& draft);
  LeadRecords& store_;
  const Clock& clock_;
  Rng& rng_;
  PhoneNormalizer phones_;
};

}  // namespace reach
