// OpenAI-compatible Chat Completions: OpenAI itself, Ollama, vLLM, llama.cpp's server, LM Studio, and
// (with path "/chat/completions") Perplexity, whose answers add citations.
#pragma once
#include "providers/llm/http_llm.hpp"

namespace reach {

class OpenAiLlm final : public HttpLlm {
 public:
  OpenAiLlm(ProviderChannel& channel, LlmEndpoint endpoint, std::string path = "/v1/chat/completions")
      : HttpLlm(channel, std::move(endpoint)), path_(std::move(path)) {}

 protected:
  HttpCall build(const LlmRequest& request) const override;
  Reply read(const nlohmann::json& body) const override;

 private:
  std::string path_;
};

}  // namespace reach
