#include "writing/lead_writing_service.hpp"

#include <spdlog/spdlog.h>

#include "util/time_format.hpp"

namespace reach {

struct LeadWritingService::Subject {
  Company sender;
  Product product;
  Lead lead;
  std::optional<LeadEnrichment> enrichment;
};

LeadWritingService::Subject LeadWritingService::load(const std::string& company_id, const std::string& lead_id,
                                                     const std::string& product_id) {
  Subject s{
      d_.companies.get(company_id), d_.products.get(company_id, product_id), d_.leads.get(company_id, lead_id), {}};
  if (s.product.deleted) throw bad_request("This product was deleted; choose a product that is still offered");
  if (auto stored = d_.enrichments.find(lead_id, product_id))
    s.enrichment = enrichment_from_json(nlohmann::json::parse(stored->data));
  return s;
}

// Insights come from the lead's enriched_data when research already ran; otherwise the researcher is
// asked once and the answer kept there. A failed lookup is logged and writing goes on without it.
std::vector<LeadInsight> LeadWritingService::insights(const std::string& company_id, Lead& lead) {
  std::vector<LeadInsight> out;
  auto& kept = lead.field(LeadField::enriched_data);
  if (kept) {
    auto j = nlohmann::json::parse(*kept, nullptr, false);
    if (j.is_object() && j.contains("insights") && j["insights"].is_array()) {
      for (const auto& f : j["insights"])
        if (f.is_object()) out.push_back({f.value("fact", ""), f.value("source", "")});
      return out;
    }
  }
  try {
    LeadInsights found = d_.researcher.lead_insights(lead).get();
    d_.usage.record(company_id, d_.researcher.provider(), found.usage);
    out = found.facts;
    if (found.source == "offline") return out;  // derived from the record itself: nothing to keep
    nlohmann::json facts = nlohmann::json::array();
    for (const auto& f : out) facts.push_back({{"fact", f.fact}, {"source", f.source}});
    nlohmann::json data = {
        {"insights", facts}, {"source", found.source}, {"researched_at", format_rfc3339(d_.clock.now())}};
    d_.lead_store.set_enriched_data(company_id, lead.id, data.dump(), d_.clock.now());
  } catch (const ProviderError& e) {
    spdlog::warn("lead_insights_failed lead_id={} error=\"{}\"", lead.id, e.what());
  }
  return out;
}

LlmAnswer LeadWritingService::write(const std::string& company_id, const std::string& task, const WritingInput& in) {
  LlmAnswer answer = d_.writer.complete(writing_request(d_.prompts, task, in)).get();
  d_.usage.record(company_id, d_.writer.provider(), answer.usage);
  return answer;
}

StoredLeadEnrichment LeadWritingService::enrich(const std::string& company_id, const std::string& lead_id,
                                                const std::string& product_id) {
  Subject s = load(company_id, lead_id, product_id);
  WritingInput in{s.sender, s.product, s.lead, insights(company_id, s.lead), std::nullopt, ""};
  LlmAnswer answer = write(company_id, "lead_enrichment", in);
  StoredLeadEnrichment out{lead_id, product_id, answer.provider, format_rfc3339(d_.clock.now()),
                           enrichment_from(answer)};
  d_.enrichments.put({lead_id, product_id, company_id, to_json(out.enrichment).dump(), out.provider, out.created_at});
  return out;
}

std::vector<StoredLeadEnrichment> LeadWritingService::enrichments(const std::string& company_id,
                                                                  const std::string& lead_id) {
  d_.leads.get(company_id, lead_id);  // 404 for another company's lead, or a deleted one
  std::vector<StoredLeadEnrichment> out;
  for (const auto& e : d_.enrichments.for_lead(company_id, lead_id)) {
    auto data = nlohmann::json::parse(e.data, nullptr, false);
    if (data.is_discarded()) continue;  // written by enrich as JSON; anything else is not shown
    out.push_back({e.lead_id, e.product_id, e.provider, e.created_at, enrichment_from_json(data)});
  }
  return out;
}

EmailDraft LeadWritingService::email_preview(const std::string& company_id, const std::string& lead_id,
                                             const std::string& product_id) {
  Subject s = load(company_id, lead_id, product_id);
  WritingInput in{s.sender, s.product, s.lead, insights(company_id, s.lead), s.enrichment, ""};
  return email_from(write(company_id, "email", in));
}

std::string LeadWritingService::call_script_preview(const std::string& company_id, const std::string& lead_id,
                                                    const std::string& product_id) {
  Subject s = load(company_id, lead_id, product_id);
  WritingInput in{s.sender, s.product, s.lead, insights(company_id, s.lead), s.enrichment, ""};
  return script_from(write(company_id, "call_script", in));
}

}  // namespace reach
