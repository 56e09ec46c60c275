// The default writer when no LLM is configured: deterministic, no network. It fills the
// prompts/offline_<task>.mustache templates from the request's context (the lead's fields, the product
// sentences that best match the lead) and returns what a model would: the same JSON shapes, checked
// against the same schemas. Same context, same output.
#pragma once
#include "domain/llm.hpp"
#include "prompts/prompt_book.hpp"

namespace reach {

class OfflineLlm final : public Llm {
 public:
  explicit OfflineLlm(const PromptBook& prompts) : prompts_(prompts) {}
  void start(LlmRequest request, Done done) override;
  std::string provider() const override { return "offline"; }

 private:
  nlohmann::json write(const LlmRequest& request) const;
  const PromptBook& prompts_;
};

}  // namespace reach
