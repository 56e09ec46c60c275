#include "providers/research/perplexity_researcher.hpp"

namespace reach {
namespace {

const nlohmann::json kText = {{"type", {"string", "null"}}};

// The request is moved into start() (clang-tidy 14 does not see the move in a template).
template <typename Result, typename Convert>
// NOLINTNEXTLINE(performance-unnecessary-value-param)
std::future<Result> ask(Llm& llm, LlmRequest request, Convert convert) {
  auto promise = std::make_shared<std::promise<Result>>();
  auto future = promise->get_future();
  llm.start(std::move(request), [promise, convert](std::exception_ptr error, LlmAnswer answer) {
    if (error) return promise->set_exception(error);
    try {
      promise->set_value(convert(answer));
    } catch (...) {
      promise->set_exception(std::current_exception());
    }
  });
  return future;
}

std::optional<std::string> text_field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

std::future<CompanyResearch> PerplexityResearcher::research_company(const CompanyFacts& c) {
  LlmRequest r;
  r.task = "company_research";
  r.context = {{"name", c.name}, {"website", c.website.value_or("")}, {"industry", c.industry.value_or("")}};
  r.messages = prompts_.messages(r.task, r.context);
  r.schema = {{"type", "object"},
              {"properties",
               {{"overview", kText},
                {"background", kText},
                {"products_services", kText},
                {"address", kText},
                {"industry", kText}}},
              {"required", {"overview", "background", "products_services", "address", "industry"}},
              {"additionalProperties", false}};
  r.temperature = 0.2;
  return ask<CompanyResearch>(llm_, std::move(r), [provider = provider()](const LlmAnswer& a) {
    CompanyResearch out;
    out.overview = text_field(a.json, "overview");
    out.background = text_field(a.json, "background");
    out.products_services = text_field(a.json, "products_services");
    out.address = text_field(a.json, "address");
    out.industry = text_field(a.json, "industry");
    out.citations = a.citations;
    out.source = provider;
    out.usage = a.usage;
    return out;
  });
}

std::future<LeadInsights> PerplexityResearcher::lead_insights(const Lead& lead) {
  LlmRequest r;
  r.task = "lead_insights";
  nlohmann::json l = {{"name", lead.name}};
  for (auto f : {LeadField::job_title, LeadField::company, LeadField::website, LeadField::personal_linkedin_url})
    l[std::string(lead_field_name(f))] = lead.field(f).value_or("");
  r.context = {{"lead", l}};
  r.messages = prompts_.messages(r.task, r.context);
  nlohmann::json fact = {{"type", "object"},
                         {"properties", {{"fact", {{"type", "string"}}}, {"source", {{"type", "string"}}}}},
                         {"required", {"fact", "source"}},
                         {"additionalProperties", false}};
  r.schema = {{"type", "object"},
              {"properties", {{"facts", {{"type", "array"}, {"items", fact}, {"maxItems", 5}}}}},
              {"required", {"facts"}},
              {"additionalProperties", false}};
  r.temperature = 0.2;
  return ask<LeadInsights>(llm_, std::move(r), [provider = provider()](const LlmAnswer& a) {
    LeadInsights out;
    for (const auto& f : a.json.at("facts")) out.facts.push_back({f.at("fact"), f.at("source")});
    out.source = provider;
    out.usage = a.usage;
    return out;
  });
}

}  // namespace reach
