// What the lead service needs of its storage, and nothing of the database: the interface LeadStore
// implements over SQL and tests implement in memory (tests/unit/lead_service_test.cpp). Soft-deleted
// leads are invisible to every read except find_duplicate.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/lead.hpp"
#include "util/clock.hpp"

namespace reach {

// How many leads a search finds: exact up to LeadRecords::kExactCountLimit; past it, it may be an
// estimate (then marked so).
struct LeadCount {
  long long total = 0;
  bool estimate = false;
};

class LeadRecords {
 public:
  static constexpr long long kExactCountLimit = 10000;

  virtual ~LeadRecords() = default;
  // False when the company already has this lead (nothing is written): one with the same email, or, for
  // a lead without email, one without email with the same phone number and name.
  virtual bool insert(const Lead& lead) = 0;
  virtual std::optional<Lead> find(const std::string& company_id, const std::string& lead_id) = 0;
  // The lead (live or soft-deleted) this one is (contract, "Leads"): with an email, the lead holding that
  // email; without one, a lead with the same phone number and the same name (one without email first).
  virtual std::optional<Lead> find_duplicate(const Lead& lead) = 0;
  // A page of the company's live leads, newest first, and how many the search finds in all. `search`:
  // every word of it starts a word of the name, email, company or job title (words: runs of letters and
  // digits; case-insensitive); the last word may be cut short.
  struct PageAndCount {
    std::vector<Lead> leads;
    LeadCount count;
  };
  virtual PageAndCount page_and_count(const std::string& company_id, const std::string& search, long long limit,
                                      long long offset) = 0;
  virtual void soft_delete(const std::string& company_id, const std::string& lead_id, TimePoint now) = 0;
  // Writes every field of an existing lead (by id) and makes it live again.
  virtual void replace(const Lead& lead, TimePoint now) = 0;
};

}  // namespace reach
