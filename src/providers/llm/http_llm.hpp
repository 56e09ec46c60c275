// What the HTTP language models share: sending through a ProviderChannel (retries, limits), turning
// error answers into ProviderError, and for JSON tasks checking the answer against the schema with one
// repair request before giving up. Subclasses only build the request and read the answer.
#pragma once
#include <memory>
#include <string>

#include "domain/llm.hpp"
#include "providers/provider_channel.hpp"

namespace reach {

struct LlmEndpoint {
  std::string provider;  // usage ledger key: "openai", "anthropic", "perplexity"
  std::string base_url;  // e.g. https://api.openai.com (a trailing /v1 is accepted)
  std::string api_key;   // may be empty for local servers (Ollama, llama.cpp)
  std::string model;
  std::string json_mode = "schema";  // OpenAI-compatible: schema (json_schema), object (json_object), prompt
};

class HttpLlm : public Llm {
 public:
  HttpLlm(ProviderChannel& channel, LlmEndpoint endpoint) : channel_(channel), endpoint_(std::move(endpoint)) {}
  void start(LlmRequest request, Done done) override;
  std::string provider() const override { return endpoint_.provider; }

 protected:
  struct Reply {
    std::string text;
    bool cut = false;  // stopped at the token limit
    LlmUsage usage;
    std::vector<std::string> citations;
  };
  virtual HttpCall build(const LlmRequest& request) const = 0;
  virtual Reply read(const nlohmann::json& body) const = 0;  // throws on a body of the wrong shape

  ProviderChannel& channel_;
  const LlmEndpoint endpoint_;

 private:
  struct Exchange;
  void send(std::shared_ptr<Exchange> x);
  void on_answer(const std::shared_ptr<Exchange>& x, const HttpResult& r, int attempts);
};

// `base` + `path`, without doubling a /v1 the base already ends with.
std::string join_url(std::string base, const std::string& path);
// The system prompt line that asks for JSON matching `schema` (for providers without structured output).
std::string schema_instruction(const nlohmann::json& schema);
// The JSON inside a model's text answer: the text itself, or the body of a ```json fence.
nlohmann::json parse_model_json(const std::string& text);

}  // namespace reach
