// Anthropic Messages API (the optional second language model). It has no structured output mode, so
// JSON tasks ask for JSON in the system prompt and rely on HttpLlm's schema check and repair.
#pragma once
#include "providers/llm/http_llm.hpp"

namespace reach {

class AnthropicLlm final : public HttpLlm {
 public:
  using HttpLlm::HttpLlm;

 protected:
  HttpCall build(const LlmRequest& request) const override;
  Reply read(const nlohmann::json& body) const override;
};

}  // namespace reach
