// What the API asks of the writing room for one lead and one product: lead-product enrichment (stored
// for campaigns) and previews of the email and call script a campaign would produce, without sending.
// Each call researches the lead once (kept in the lead's enriched_data) and records usage.
#pragma once
#include <string>

#include "catalog/product_service.hpp"
#include "accounts/company_service.hpp"
#include "domain/llm.hpp"
#include "domain/researcher.hpp"
#include "leads/lead_service.hpp"
#include "store/enrichment_store.hpp"
#include "store/lead_store.hpp"
#include "writing/outreach_writer.hpp"
#include "accounts/usage_ledger.hpp"

namespace reach {

struct LeadWritingDeps {
  CompanyService& companies;
  ProductService& products;
  LeadService& leads;
  LeadStore& lead_store;
  EnrichmentStore& enrichments;
  Llm& writer;
  Researcher& researcher;
  const PromptBook& prompts;
  UsageLedger& usage;
  const Clock& clock;
};

struct StoredLeadEnrichment {
  std::string lead_id, product_id, provider, created_at;
  LeadEnrichment enrichment;
};

class LeadWritingService {
 public:
  explicit LeadWritingService(LeadWritingDeps deps) : d_(deps) {}

  StoredLeadEnrichment enrich(const std::string& company_id, const std::string& lead_id, const std::string& product_id);
  // What enrich stored for the lead, one per product, newest first (not_found for no such live lead).
  std::vector<StoredLeadEnrichment> enrichments(const std::string& company_id, const std::string& lead_id);
  EmailDraft email_preview(const std::string& company_id, const std::string& lead_id, const std::string& product_id);
  std::string call_script_preview(const std::string& company_id, const std::string& lead_id,
                                  const std::string& product_id);

 private:
  struct Subject;
  Subject load(const std::string& company_id, const std::string& lead_id, const std::string& product_id);
  std::vector<LeadInsight> insights(const std::string& company_id, Lead& lead);
  LlmAnswer write(const std::string& company_id, const std::string& task, const WritingInput& input);
  LeadWritingDeps d_;
};

}  // namespace reach
