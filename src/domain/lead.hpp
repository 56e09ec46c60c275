// A person a company may reach out to. Text fields as the contract names them; JSON-valued fields
// (hiring_positions, location_move, job_change, enriched_data) are kept as JSON text.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "util/clock.hpp"

namespace reach {

// The fields of a lead: its name, then its optional text fields in their column order (kLeadTextFields).
enum class LeadField {
  name,
  first_name,
  last_name,
  email,
  company,
  phone_number,
  company_size,
  job_title,
  website,
  industry,
  lead_source,
  education,
  personal_linkedin_url,
  country,
  city,
  state,
  mobile,
  direct_phone,
  office_phone,
  hq_location,
  hiring_positions,
  location_move,
  job_change,
  enriched_data,
  upload_task_id
};

// The optional text fields' column names, in LeadField order (LeadField::first_name first).
inline constexpr std::array<const char*, 24> kLeadTextFields = {
    "first_name",    "last_name",    "email",         "company",
    "phone_number",  "company_size", "job_title",     "website",
    "industry",      "lead_source",  "education",     "personal_linkedin_url",
    "country",       "city",         "state",         "mobile",
    "direct_phone",  "office_phone", "hq_location",   "hiring_positions",
    "location_move", "job_change",   "enriched_data", "upload_task_id"};
static_assert(static_cast<std::size_t>(LeadField::upload_task_id) == kLeadTextFields.size());

// The text field of kLeadTextFields[i].
constexpr LeadField lead_text_field(std::size_t i) { return static_cast<LeadField>(i + 1); }
// "name", "first_name", ...: the contract's name of the field.
constexpr std::string_view lead_field_name(LeadField f) {
  return f == LeadField::name ? "name" : kLeadTextFields[static_cast<std::size_t>(f) - 1];
}
// The field of a contract name; nothing for other names.
constexpr std::optional<LeadField> lead_field_named(std::string_view name) {
  for (std::size_t f = 0; f <= kLeadTextFields.size(); ++f)
    if (lead_field_name(static_cast<LeadField>(f)) == name) return static_cast<LeadField>(f);
  return std::nullopt;
}
// Which fields hold JSON.
constexpr bool is_json_lead_field(LeadField f) {
  return f == LeadField::hiring_positions || f == LeadField::location_move || f == LeadField::job_change ||
         f == LeadField::enriched_data;
}
// What the system writes, never a CSV column or a request body.
constexpr bool is_system_lead_field(LeadField f) {
  return f == LeadField::enriched_data || f == LeadField::upload_task_id;
}

struct Lead {
  std::string id;
  std::string company_id;
  std::string name;
  std::array<std::optional<std::string>, kLeadTextFields.size()> fields;  // by kLeadTextFields index
  bool do_not_contact = false;
  bool deleted = false;
  TimePoint created_at;

  // A text field (any field but the name, which is `name`).
  std::optional<std::string>& field(LeadField f) { return fields.at(static_cast<std::size_t>(f) - 1); }
  const std::optional<std::string>& field(LeadField f) const { return fields.at(static_cast<std::size_t>(f) - 1); }
};

}  // namespace reach
