// Turns a sender company, a product and a lead into LLM requests for the writing tasks (email, call
// script, lead-product enrichment) and reads the answers. The same context feeds the prompt templates
// and the offline writer, so both write from the same facts.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/company.hpp"
#include "domain/lead.hpp"
#include "domain/llm.hpp"
#include "domain/product.hpp"
#include "domain/researcher.hpp"
#include "prompts/prompt_book.hpp"

namespace reach {

struct LeadEnrichment {
  std::vector<std::string> pain_points, value_gains, key_messages;
};

struct EmailDraft {
  std::string subject, body;
};

struct WritingInput {
  const Company& sender;
  const Product& product;
  const Lead& lead;
  std::vector<LeadInsight> insights;
  std::optional<LeadEnrichment> enrichment;
  std::string guidance;  // a campaign's template: tone and points the user wants
};

inline const std::vector<std::string> kWritingTasks = {"email", "call_script", "lead_enrichment"};

// The facts a writing prompt is rendered from.
nlohmann::json writing_context(const WritingInput& in);
// A ready request for `task` (one of kWritingTasks).
LlmRequest writing_request(const PromptBook& prompts, const std::string& task, const WritingInput& in);

EmailDraft email_from(const LlmAnswer& answer);
std::string script_from(const LlmAnswer& answer);
LeadEnrichment enrichment_from(const LlmAnswer& answer);
nlohmann::json to_json(const LeadEnrichment& e);
LeadEnrichment enrichment_from_json(const nlohmann::json& j);

}  // namespace reach
