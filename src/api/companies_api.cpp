#include "api/companies_api.hpp"

#include "api/caller.hpp"
#include "api/json_views.hpp"
#include "domain/validation.hpp"
#include "http/json_input.hpp"

namespace reach::companies_api {
Response create(const Request& req, Services& s) {
  auto caller = caller_of(req);
  auto body = json_object_body(req);
  FieldReader f(body);
  NewCompany input;
  input.name = f.required_string("name", 200);
  input.industry = f.optional_string("industry", 200);
  input.address = f.optional_string("address", 500);
  std::string website = f.optional_string("website", 2048).value_or("");
  if (!website.empty()) {
    input.website = normalize_website(website);
    if (!input.website) f.add_error("website", "Input should be a valid URL, e.g. https://example.com", "url_parsing");
  }
  f.finish();
  auto [company, research_pending] = s.companies.create(caller, input);
  if (research_pending) s.workers.notify();
  return Response::json(200, to_json(company));
}

Response list(const Request& req, Services& s) {
  auto caller = caller_of(req);
  return Response::json(200, to_json_array(s.companies.list_for(caller)));
}

Response get(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  return Response::json(200, to_json(s.companies.get(company_id)));
}

Response update(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto body = json_object_body(req);
  FieldReader f(body);
  CompanyEdit edit;
  if (body.contains("name")) edit.name = f.required_string("name", 200);
  edit.industry = f.optional_string("industry", 200);
  edit.address = f.optional_string("address", 500);
  // A URL field: "" clears it; anything else must be a web address (it goes into emails and pages).
  auto url_field = [&](const char* name) -> std::optional<std::string> {
    auto text = f.optional_string(name, 2048);
    if (!text || text->empty()) return text;
    auto url = normalize_website(*text);
    if (!url) f.add_error(name, "Input should be a valid URL, e.g. https://example.com", "url_parsing");
    return url;
  };
  edit.website = url_field("website");
  edit.custom_calendar_link = url_field("custom_calendar_link");
  f.finish();
  return Response::json(200, to_json(s.companies.update(company_id, edit)));
}

Response remove(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  s.companies.remove(company_id);
  return Response::message("Company deleted successfully");
}

Response members(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  return Response::json(200, to_json_array(s.companies.members(company_id)));
}

Response invite(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto body = json_object_body(req);
  FieldReader f(body);
  std::vector<Invite> invites;
  if (const auto* list = f.required_array("invites")) {
    if (list->empty()) f.add_error("invites", "List should have at least 1 item", "too_short");
    if (list->size() > 100) f.add_error("invites", "List should have at most 100 items", "too_long");
    for (std::size_t i = 0; i < list->size() && i < 100; ++i) {
      const auto& item = (*list)[i];
      if (!item.is_object()) {
        f.errors().push_back({{"body", "invites", std::to_string(i)}, "Input should be an object", "model_type"});
        continue;
      }
      FieldReader r(item, {"body", "invites", std::to_string(i)});
      Invite inv{r.required_email("email"), r.optional_string("name", 200), Role::sdr};
      auto role_text = r.required_string("role", 20);
      if (auto role = parse_role(role_text))
        inv.role = *role;
      else if (!role_text.empty())
        r.add_error("role", "Input should be 'admin' or 'sdr'", "enum");
      for (auto& e : r.errors()) f.errors().push_back(e);
      invites.push_back(inv);
    }
  }
  f.finish();
  auto results = nlohmann::json::array();
  for (const auto& r : s.invitations.invite(caller, s.companies.get(company_id), invites))
    results.push_back({{"email", r.email}, {"status", r.status}, {"message", r.message}});
  return Response::json(200, {{"message", "Invites processed"}, {"results", results}});
}

Response change_member(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto body = json_object_body(req);
  FieldReader f(body);
  auto role_text = f.required_string("role", 20);
  auto role = parse_role(role_text);
  if (!role && !role_text.empty()) f.add_error("role", "Input should be 'admin' or 'sdr'", "enum");
  f.finish();  // a missing or unknown role stops here: *role below is set
  return Response::json(200, to_json_array(s.companies.set_role(company_id, req.path_uuid("user_id"), *role)));
}

Response remove_member(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  s.companies.remove_member(company_id, req.path_uuid("user_id"));
  return Response::message("The member was removed from the company");
}

}  // namespace reach::companies_api
