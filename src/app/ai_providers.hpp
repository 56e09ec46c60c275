// Builds the AI side from Config: the prompt book, the one HTTP loop, a ProviderChannel (limits and
// retries) per provider, the writing LLM and the researcher; offline adapters when nothing is configured.
#pragma once
#include <memory>
#include <vector>

#include "app/config.hpp"
#include "domain/llm.hpp"
#include "domain/researcher.hpp"
#include "prompts/prompt_book.hpp"
#include "providers/provider_channel.hpp"
#include "util/http_loop.hpp"
#include "util/random.hpp"

namespace reach {

class AiProviders {
 public:
  AiProviders(const Config& config, Rng& rng);
  ~AiProviders();

  const PromptBook& prompts() const { return prompts_; }
  Llm& writer() { return *writer_; }
  Researcher& researcher() { return *researcher_; }

 private:
  ProviderChannel& channel(const std::string& provider);
  const Config& config_;
  Rng& rng_;
  PromptBook prompts_;
  std::unique_ptr<HttpLoop> loop_;  // started only when a network provider is configured
  std::vector<std::unique_ptr<ProviderChannel>> channels_;
  std::unique_ptr<Llm> writer_, research_llm_;
  std::unique_ptr<Researcher> researcher_;
};

}  // namespace reach
