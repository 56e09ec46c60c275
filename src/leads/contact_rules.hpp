// The contact rules every way a lead comes in shares (API, CSV import): the email checked and
// lower-cased; phone_number, mobile, direct_phone and office_phone in E.164 (region from the lead's
// country, else the default); phone_number, which calls dial, filled from the first valid other number.
#pragma once
#include <string>
#include <vector>

#include "domain/lead.hpp"
#include "ingest/phone_numbers.hpp"

namespace reach {

struct ContactProblem {
  std::string field;  // "email", "phone_number", ...
  std::string value;  // as given
};

// Normalises the lead's contact fields in place; each value that is not valid is removed and reported.
std::vector<ContactProblem> normalise_contacts(Lead& lead, const PhoneNormalizer& phones);

// A lead can be reached when it has an email or a phone number (after normalise_contacts).
inline bool reachable(const Lead& lead) { return lead.field(LeadField::email) || lead.field(LeadField::phone_number); }

}  // namespace reach
