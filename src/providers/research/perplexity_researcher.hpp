// Research through Perplexity's search-backed chat completions: company profiles at sign-up and facts
// about leads before writing. Answers are JSON checked against a schema; citations come from the answer.
#pragma once
#include "domain/researcher.hpp"
#include "prompts/prompt_book.hpp"

namespace reach {

class PerplexityResearcher final : public Researcher {
 public:
  // `llm` speaks Perplexity's OpenAI-shaped API (an OpenAiLlm on path /chat/completions).
  PerplexityResearcher(Llm& llm, const PromptBook& prompts) : llm_(llm), prompts_(prompts) {}
  std::future<CompanyResearch> research_company(const CompanyFacts& company) override;
  std::future<LeadInsights> lead_insights(const Lead& lead) override;
  std::string provider() const override { return llm_.provider(); }

 private:
  Llm& llm_;
  const PromptBook& prompts_;
};

}  // namespace reach
