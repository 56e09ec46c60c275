#include "ingest/lead_columns.hpp"

#include <cctype>
#include <unordered_map>

namespace reach {
namespace {

// "E-mail Address" → "e mail address": lower case, anything but letters and digits is one space.
std::string normalize_header(std::string_view header) {
  std::string out;
  for (unsigned char c : header) {
    if (std::isalnum(c))
      out += static_cast<char>(std::tolower(c));
    else if (c == '#')
      out += "number";
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const std::unordered_map<std::string, LeadField>& synonyms() {
  using F = LeadField;
  static const std::unordered_map<std::string, LeadField> table = [] {
    std::unordered_map<std::string, LeadField> t;
    auto add = [&](F f, std::initializer_list<const char*> names) {
      for (const char* n : names) t.emplace(n, f);
    };
    add(F::name, {"name", "full name", "fullname", "contact name", "contact", "lead name", "person name",
                  "prospect name", "contact full name"});
    add(F::first_name, {"first name", "firstname", "first", "given name", "forename", "contact first name"});
    add(F::last_name, {"last name", "lastname", "last", "surname", "family name", "contact last name"});
    add(F::email,
        {"email", "e mail", "email address", "e mail address", "work email", "business email", "contact email",
         "email id", "mail", "primary email", "corporate email", "professional email", "person email"});
    add(F::company, {"company", "company name", "organization", "organisation", "organization name", "account",
                     "account name", "employer", "business name", "business", "firm"});
    add(F::phone_number, {"phone", "phone number", "telephone", "telephone number", "tel", "work phone",
                          "contact phone", "phone no", "business phone", "primary phone"});
    add(F::mobile, {"mobile", "mobile phone", "mobile number", "cell", "cell phone", "cellphone", "personal phone"});
    add(F::direct_phone, {"direct phone", "direct dial", "direct line", "direct number", "direct phone number"});
    add(F::office_phone,
        {"office phone", "company phone", "hq phone", "main phone", "corporate phone", "office number", "switchboard"});
    add(F::job_title, {"title", "job title", "position", "role", "designation", "job role", "job position", "job"});
    add(F::company_size, {"company size", "employees", "employee count", "number of employees", "number employees",
                          "headcount", "size", "company headcount", "employee range", "staff count"});
    add(F::website, {"website", "company website", "url", "web", "domain", "company url", "site", "web site",
                     "company domain", "homepage"});
    add(F::industry, {"industry", "sector", "vertical", "company industry"});
    add(F::lead_source, {"lead source", "source", "origin", "list source"});
    add(F::education, {"education", "school", "university", "college", "degree"});
    add(F::personal_linkedin_url,
        {"linkedin", "linkedin url", "linkedin profile", "linkedin profile url", "person linkedin url",
         "personal linkedin", "personal linkedin url", "li url", "linkedin link"});
    add(F::country, {"country", "country name", "nation", "country code"});
    add(F::city, {"city", "town", "locality"});
    add(F::state, {"state", "region", "province", "state province", "county"});
    add(F::hq_location, {"hq location", "headquarters", "company location", "hq", "head office", "company address"});
    add(F::hiring_positions, {"hiring positions", "open positions", "open roles", "hiring", "job openings"});
    add(F::location_move, {"location move", "moved location", "relocation", "location change"});
    add(F::job_change, {"job change", "job changes", "changed jobs", "new job", "recent job change"});
    return t;
  }();
  return table;
}

bool contains(const std::string& s, const char* word) { return s.find(word) != std::string::npos; }

// For headers the dictionary does not know: the most telling word decides.
std::optional<LeadField> by_keyword(const std::string& h) {
  if (contains(h, "linkedin")) {  // a company page is not the person's profile, and Lead has no field for it
    if (contains(h, "company") || contains(h, "organization") || contains(h, "organisation")) return std::nullopt;
    return LeadField::personal_linkedin_url;
  }
  if (contains(h, "email") || contains(h, "e mail")) return LeadField::email;
  if (contains(h, "mobile") || contains(h, "cell")) return LeadField::mobile;
  if (contains(h, "direct")) return LeadField::direct_phone;
  if (contains(h, "phone") || contains(h, "tel")) return LeadField::phone_number;
  if (contains(h, "website") || contains(h, "url") || contains(h, "domain")) return LeadField::website;
  if (contains(h, "first name")) return LeadField::first_name;
  if (contains(h, "last name") || contains(h, "surname")) return LeadField::last_name;
  if (contains(h, "title")) return LeadField::job_title;
  if (contains(h, "employees") || contains(h, "headcount")) return LeadField::company_size;
  if (contains(h, "company") || contains(h, "organization") || contains(h, "organisation")) return LeadField::company;
  if (contains(h, "industry")) return LeadField::industry;
  if (contains(h, "country")) return LeadField::country;
  if (contains(h, "city")) return LeadField::city;
  return std::nullopt;
}

}  // namespace

std::optional<LeadField> column_field_named(std::string_view name) {
  auto field = lead_field_named(name);
  if (!field || is_system_lead_field(*field)) return std::nullopt;
  return field;
}

std::optional<LeadField> field_for_header(std::string_view header) {
  std::string h = normalize_header(header);
  if (h.empty()) return std::nullopt;
  auto it = synonyms().find(h);
  if (it != synonyms().end()) return it->second;
  std::string squashed;  // "E-Mail" and "Email" alike
  for (char c : h)
    if (c != ' ') squashed += c;
  it = synonyms().find(squashed);
  if (it != synonyms().end()) return it->second;
  return by_keyword(h);
}

HeaderMapping map_headers(const std::vector<std::string>& headers) {
  HeaderMapping m;
  std::vector<bool> taken(static_cast<int>(LeadField::job_change) + 1, false);
  for (const auto& header : headers) {
    auto field = field_for_header(header);
    if (field && !taken[static_cast<int>(*field)]) {
      taken[static_cast<int>(*field)] = true;
      m.columns.push_back(field);
    } else {
      m.columns.emplace_back();
    }
  }
  m.recount_unmapped(headers);
  return m;
}

std::vector<std::size_t> HeaderMapping::open_columns(const std::vector<std::string>& headers) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < headers.size() && i < columns.size(); ++i)
    if (!columns[i] && !headers[i].empty()) out.push_back(i);
  return out;
}

void HeaderMapping::recount_unmapped(const std::vector<std::string>& headers) {
  unmapped.clear();
  for (auto i : open_columns(headers)) unmapped.push_back(headers[i]);
}

std::optional<std::size_t> HeaderMapping::column_of(LeadField field) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == field) return i;
  return std::nullopt;
}

bool HeaderMapping::name_from_parts() const {
  return !column_of(LeadField::name) && (column_of(LeadField::first_name) || column_of(LeadField::last_name));
}

}  // namespace reach
