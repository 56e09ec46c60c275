#include "api/json_views.hpp"

#include "util/bounded_json.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

nlohmann::json opt(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

}  // namespace

nlohmann::json to_json(const Company& c) {
  return {{"id", c.id},
          {"user_id", c.user_id},
          {"name", c.name},
          {"address", opt(c.address)},
          {"industry", opt(c.industry)},
          {"website", opt(c.website)},
          {"overview", opt(c.overview)},
          {"background", opt(c.background)},
          {"products_services", opt(c.products_services)},
          {"research_status", c.research_status},
          {"account_email", opt(c.account_email)},
          {"account_type", opt(c.account_type)},
          {"cronofy_provider", opt(c.cronofy_provider)},
          {"cronofy_linked_email", opt(c.cronofy_linked_email)},
          {"cronofy_default_calendar_name", opt(c.cronofy_default_calendar_name)},
          {"cronofy_default_calendar_id", opt(c.cronofy_default_calendar_id)},
          {"custom_calendar_link", opt(c.custom_calendar_link)},
          {"created_at", format_rfc3339(c.created_at)}};
}

nlohmann::json to_json(const User& u, const std::vector<std::pair<std::string, Role>>& roles) {
  auto company_roles = nlohmann::json::array();
  for (const auto& [company_id, role] : roles)
    company_roles.push_back({{"company_id", company_id}, {"role", role_name(role)}});
  return {{"id", u.id},
          {"email", u.email},
          {"name", opt(u.name)},
          {"verified", u.verified},
          {"created_at", format_rfc3339(u.created_at)},
          {"company_roles", company_roles}};
}

nlohmann::json to_json(const Product& p) {
  nlohmann::json enriched = nullptr;
  if (p.enriched_information) enriched = parse_bounded_json(*p.enriched_information).value_or(nullptr);
  if (enriched.is_discarded()) enriched = *p.enriched_information;
  return {{"id", p.id},
          {"company_id", p.company_id},
          {"product_name", p.product_name},
          {"file_name", p.file_name},
          {"original_filename", p.original_filename},
          {"description", opt(p.description)},
          {"product_url", opt(p.product_url)},
          {"enriched_information", enriched},
          {"created_at", format_rfc3339(p.created_at)},
          {"deleted", p.deleted}};
}

nlohmann::json to_json(const Lead& l) {
  nlohmann::json j = {{"id", l.id},
                      {"company_id", l.company_id},
                      {"name", l.name},
                      {"do_not_contact", l.do_not_contact},
                      {"created_at", format_rfc3339(l.created_at)}};
  for (std::size_t i = 0; i < kLeadTextFields.size(); ++i) {
    const auto& v = l.fields[i];
    if (v && is_json_lead_field(lead_text_field(i))) {
      // Stored before depths were bounded, a value may nest too deep to write back out: then it is text.
      auto parsed = parse_bounded_json(*v);
      j[kLeadTextFields[i]] = parsed ? std::move(*parsed) : nlohmann::json(*v);
    } else {
      j[kLeadTextFields[i]] = opt(v);
    }
  }
  return j;
}

nlohmann::json to_json(const Membership& m) {
  return {{"id", m.id}, {"user_id", m.user_id}, {"email", m.email}, {"name", opt(m.name)}, {"role", role_name(m.role)}};
}

}  // namespace reach
