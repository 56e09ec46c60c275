// The fake AI providers (tests/support/fake_ai.py: OpenAI-compatible, Anthropic, Perplexity on one
// port) with its control endpoints: scripted failures, latency, and the log of requests received.
#pragma once
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/process.hpp"

namespace reach::test {

class FakeAi {
 public:
  explicit FakeAi(std::string key = "test-key");
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& key() const { return key_; }

  // One behaviour per coming request, e.g. {{"status", 429}, {"retry_after", 1}}; then normal answers.
  void script(const nlohmann::json& steps);
  void latency_ms(int ms);
  nlohmann::json requests();  // [{path, headers, body, at}]
  void reset();

 private:
  int port_;
  std::string key_;
  std::unique_ptr<ChildProcess> process_;
  std::unique_ptr<HttpClient> http_;
};

}  // namespace reach::test
