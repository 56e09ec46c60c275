#include "leads/contact_rules.hpp"

#include "domain/validation.hpp"

namespace reach {

std::vector<ContactProblem> normalise_contacts(Lead& l, const PhoneNormalizer& phones) {
  std::vector<ContactProblem> problems;
  if (auto& email = l.field("email")) {
    auto ok = normalize_email(*email);
    if (!ok) problems.push_back({"email", *email});
    email = ok;
  }
  const std::string country = l.field("country").value_or("");
  for (const char* name : {"phone_number", "mobile", "direct_phone", "office_phone"}) {
    auto& phone = l.field(name);
    if (!phone) continue;
    auto ok = phones.to_e164(*phone, country);
    if (!ok) problems.push_back({name, *phone});
    phone = ok;
  }
  if (!l.field("phone_number"))
    for (const char* name : {"mobile", "direct_phone", "office_phone"})
      if (l.field(name)) {
        l.field("phone_number") = l.field(name);
        break;
      }
  return problems;
}

}  // namespace reach
