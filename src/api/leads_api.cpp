#include "api/leads_api.hpp"

#include "api/caller.hpp"
#include "api/json_views.hpp"
#include "api/pagination.hpp"
#include "http/json_input.hpp"

namespace reach::leads_api {
namespace {

// hiring_positions, location_move and job_change: free-form JSON (its depth is bounded with the body's).
constexpr std::size_t kMaxJsonLeadFieldBytes = 16 * 1024;

// A Lead from the request's JSON: text fields as strings, JSON-valued fields as any JSON.
Lead lead_from_body(const nlohmann::json& body) {
  FieldReader f(body);
  Lead lead;
  lead.name = f.required_string("name", 300);
  for (std::size_t i = 0; i < kLeadTextFields.size(); ++i) {
    const char* name = kLeadTextFields[i];
    LeadField field = lead_text_field(i);
    if (is_system_lead_field(field)) continue;
    if (is_json_lead_field(field)) {
      auto it = body.find(name);
      if (it == body.end() || it->is_null()) continue;
      std::string text = it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      if (text.size() > kMaxJsonLeadFieldBytes)
        f.add_error(name, "Value should be at most " + std::to_string(kMaxJsonLeadFieldBytes) + " bytes of JSON",
                    "too_long");
      else
        lead.field(field) = std::move(text);
      continue;
    }
    auto v = f.optional_string(name, 2000);
    if (v && !v->empty()) lead.field(field) = v;
  }
  if (auto it = body.find("do_not_contact"); it != body.end() && !it->is_null()) {
    if (it->is_boolean())
      lead.do_not_contact = it->get<bool>();
    else
      f.add_error("do_not_contact", "Input should be a valid boolean", "bool_type");
  }
  f.finish();
  return lead;
}

}  // namespace

Response create(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto lead = s.leads.create(company_id, lead_from_body(json_object_body(req)));
  return Response::json(200, {{"status", "success"}, {"data", to_json(lead)}});
}

Response list(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto p = page_request(req);
  auto search = req.query.count("search") ? req.query.at("search") : "";
  if (search.size() > 200)
    throw ValidationError({{{"query", "search"}, "String should have at most 200 characters", "string_too_long"}});
  auto page = s.leads.list(company_id, search, p.page, p.page_size);
  auto body = paginated(to_json_array(page.items), page.total, p);
  if (page.total_is_estimate) body["total_is_estimate"] = true;
  return Response::json(200, body);
}

Response get(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto lead = s.leads.get(company_id, req.path_uuid("lead_id"));
  return Response::json(200, {{"status", "success"}, {"data", to_json(lead)}});
}

Response update(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto lead = s.leads.update(company_id, req.path_uuid("lead_id"), lead_from_body(json_object_body(req)));
  return Response::json(200, {{"status", "success"}, {"data", to_json(lead)}});
}

Response remove(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  s.leads.remove(company_id, req.path_uuid("lead_id"));
  return Response::message("Lead deleted successfully");
}

}  // namespace reach::leads_api
