// A person a company may reach out to. Text fields as the contract names them; JSON-valued fields
// (hiring_positions, location_move, job_change, enriched_data) are kept as JSON text.
#pragma once
#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace reach {

// The optional text fields of a lead, in the order of kLeadTextFields.
inline constexpr std::array<const char*, 24> kLeadTextFields = {
    "first_name",    "last_name",    "email",         "company",
    "phone_number",  "company_size", "job_title",     "website",
    "industry",      "lead_source",  "education",     "personal_linkedin_url",
    "country",       "city",         "state",         "mobile",
    "direct_phone",  "office_phone", "hq_location",   "hiring_positions",
    "location_move", "job_change",   "enriched_data", "upload_task_id"};
// Which of kLeadTextFields hold JSON.
inline bool is_json_lead_field(std::string_view f) {
  return f == "hiring_positions" || f == "location_move" || f == "job_change" || f == "enriched_data";
}

struct Lead {
  std::string id;
  std::string company_id;
  std::string name;
  std::array<std::optional<std::string>, kLeadTextFields.size()> fields;  // by kLeadTextFields index
  bool do_not_contact = false;
  bool deleted = false;
  std::string created_at;

  std::optional<std::string>& field(std::string_view field_name);
  const std::optional<std::string>& field(std::string_view field_name) const;
};

inline std::optional<std::string>& Lead::field(std::string_view field_name) {
  for (std::size_t i = 0; i < kLeadTextFields.size(); ++i)
    if (field_name == kLeadTextFields[i]) return fields[i];
  throw std::out_of_range("no lead field " + std::string(field_name));
}

inline const std::optional<std::string>& Lead::field(std::string_view field_name) const {
  return const_cast<Lead*>(this)->field(field_name);
}

}  // namespace reach
