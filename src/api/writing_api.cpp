#include "api/writing_api.hpp"

#include "api/caller.hpp"
#include "http/json_input.hpp"
#include "util/random.hpp"

namespace reach::writing_api {
namespace {

std::string product_id_from_query(const Request& req) {
  auto it = req.query.find("product_id");
  if (it == req.query.end() || it->second.empty())
    throw ValidationError({{{"query", "product_id"}, "Field required: the product to write about", "missing"}});
  if (!is_uuid(it->second))
    throw ValidationError({{{"query", "product_id"}, "Input should be a valid UUID", "uuid_parsing"}});
  return it->second;
}

nlohmann::json usage_json(const PricedUsage& row) {
  nlohmann::json j = {{"provider", row.provider},
                      {"requests", row.usage.requests},
                      {"prompt_tokens", row.usage.prompt_tokens},
                      {"completion_tokens", row.usage.completion_tokens},
                      {"total_tokens", row.usage.prompt_tokens + row.usage.completion_tokens}};
  if (!row.day.empty()) j["day"] = row.day;
  j["cost_usd"] = row.cost_usd ? nlohmann::json(*row.cost_usd) : nlohmann::json();
  return j;
}

nlohmann::json enrichment_json(const StoredLeadEnrichment& e) {
  return {{"lead_id", e.lead_id},
          {"product_id", e.product_id},
          {"pain_points", e.enrichment.pain_points},
          {"value_gains", e.enrichment.value_gains},
          {"key_messages", e.enrichment.key_messages},
          {"provider", e.provider},
          {"created_at", e.created_at}};
}

}  // namespace

Response enrich(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto lead_id = req.path_uuid("lead_id");
  auto body = json_object_body(req);
  FieldReader f(body);
  std::string product_id = f.required_string("product_id", 64);
  if (!product_id.empty() && !is_uuid(product_id))
    f.add_error("product_id", "Input should be a valid UUID", "uuid_parsing");
  f.finish();
  return Response::json(200, enrichment_json(s.writing.enrich(company_id, lead_id, product_id)));
}

Response enrichments(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto arr = nlohmann::json::array();
  for (const auto& e : s.writing.enrichments(company_id, req.path_uuid("lead_id"))) arr.push_back(enrichment_json(e));
  return Response::json(200, arr);
}

Response email_preview(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto lead_id = req.path_uuid("lead_id");
  auto draft = s.writing.email_preview(company_id, lead_id, product_id_from_query(req));
  return Response::json(200, {{"subject", draft.subject}, {"body", draft.body}});
}

Response call_script_preview(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto lead_id = req.path_uuid("lead_id");
  return Response::json(200,
                        {{"script", s.writing.call_script_preview(company_id, lead_id, product_id_from_query(req))}});
}

Response usage(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto param = [&](const char* name) {
    auto it = req.query.find(name);
    return it == req.query.end() ? std::string() : it->second;
  };
  auto report = s.usage.report(company_id, param("from"), param("to"));
  nlohmann::json days = nlohmann::json::array(), totals = nlohmann::json::array();
  for (const auto& row : report.days) days.push_back(usage_json(row));
  for (const auto& row : report.totals) totals.push_back(usage_json(row));
  return Response::json(200, {{"from", report.from},
                              {"to", report.to},
                              {"items", days},
                              {"totals", totals},
                              {"cost_usd", report.cost_usd ? nlohmann::json(*report.cost_usd) : nlohmann::json()}});
}

}  // namespace reach::writing_api
