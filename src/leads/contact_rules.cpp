#include "leads/contact_rules.hpp"

#include "domain/validation.hpp"

namespace reach {

std::vector<ContactProblem> normalise_contacts(Lead& l, const PhoneNormalizer& phones) {
  std::vector<ContactProblem> problems;
  if (auto& email = l.field(LeadField::email)) {
    auto ok = normalize_email(*email);
    if (!ok) problems.push_back({"email", *email});
    email = ok;
  }
  const std::string country = l.field(LeadField::country).value_or("");
  for (auto f : {LeadField::phone_number, LeadField::mobile, LeadField::direct_phone, LeadField::office_phone}) {
    auto& phone = l.field(f);
    if (!phone) continue;
    auto ok = phones.to_e164(*phone, country);
    if (!ok) problems.push_back({std::string(lead_field_name(f)), *phone});
    phone = ok;
  }
  if (!l.field(LeadField::phone_number))
    for (auto f : {LeadField::mobile, LeadField::direct_phone, LeadField::office_phone})
      if (l.field(f)) {
        l.field(LeadField::phone_number) = l.field(f);
        break;
      }
  return problems;
}

}  // namespace reach
