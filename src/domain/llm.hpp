// A large language model as the writing code sees it: chat messages in, text (or JSON checked against a
// schema) out, with what it cost. Adapters: OpenAI-compatible, Anthropic, offline (providers/llm/).
#pragma once
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/api_error.hpp"

namespace reach {

struct ChatMessage {
  std::string role;  // system, user, assistant
  std::string content;
};

struct LlmUsage {
  std::int64_t requests = 0;  // HTTP requests that got an answer, retries and repairs included
  std::int64_t prompt_tokens = 0;
  std::int64_t completion_tokens = 0;
  LlmUsage& operator+=(const LlmUsage& o) {
    requests += o.requests;
    prompt_tokens += o.prompt_tokens;
    completion_tokens += o.completion_tokens;
    return *this;
  }
};

struct LlmRequest {
  std::string task;        // names the prompt, e.g. "email"; the offline writer keys on it
  nlohmann::json context;  // the facts the prompt was rendered from (offline writes from these)
  std::vector<ChatMessage> messages;
  std::optional<nlohmann::json> schema;  // set: the answer must be JSON valid against it
  int max_tokens = 1024;
  double temperature = 0.7;
};

struct LlmAnswer {
  std::string text;
  nlohmann::json json;                 // the parsed answer when a schema was given
  std::vector<std::string> citations;  // sources, from providers that search (Perplexity)
  LlmUsage usage;
  std::string provider, model;
};

// A provider failed for good (after retries, or at once where retrying cannot help): provider_failed,
// or provider_timed_out. `permanent` failures (bad key, no quota, bad request) should not be retried
// later. The client is told what failed (`problem`: "HTTP 401", "no answer after 3 attempts"); the
// provider's own words (`detail`: its error message, a host name) only go to the log.
class ProviderError : public ApiError {
 public:
  ProviderError(const std::string& provider, const std::string& problem, bool permanent, bool timed_out = false,
                std::string detail = {})
      : ApiError(timed_out ? ErrorCode::provider_timed_out : ErrorCode::provider_failed,
                 "The " + provider + " provider failed: " + problem, std::move(detail)),
        permanent_(permanent) {}
  bool permanent() const { return permanent_; }

 private:
  bool permanent_;
};

class Llm {
 public:
  // Gets the answer, or the error (a ProviderError) and an empty answer. Runs on the HTTP loop thread
  // for network adapters: it must not block.
  using Done = std::function<void(std::exception_ptr error, LlmAnswer answer)>;

  virtual ~Llm() = default;
  // Never blocks.
  virtual void start(LlmRequest request, Done done) = 0;
  virtual std::string provider() const = 0;  // "openai", "anthropic", "offline": the usage ledger's key

  // start() with the outcome in a future.
  std::future<LlmAnswer> complete(LlmRequest request) {
    auto promise = std::make_shared<std::promise<LlmAnswer>>();
    auto future = promise->get_future();
    start(std::move(request), [promise](const std::exception_ptr& error, LlmAnswer answer) {
      if (error)
        promise->set_exception(error);
      else
        promise->set_value(std::move(answer));
    });
    return future;
  }
};

}  // namespace reach
