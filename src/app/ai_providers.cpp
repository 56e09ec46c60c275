#include "app/ai_providers.hpp"

#include <spdlog/spdlog.h>

#include "providers/llm/anthropic_llm.hpp"
#include "providers/llm/offline_llm.hpp"
#include "providers/llm/openai_llm.hpp"
#include "providers/research/offline_researcher.hpp"
#include "providers/research/perplexity_researcher.hpp"
#include "writing/outreach_writer.hpp"

namespace reach {

AiProviders::AiProviders(const Config& c, Rng& rng) : config_(c), rng_(rng), prompts_(c.prompts_dir) {
  std::vector<std::string> templates = {"company_research", "lead_insights", "header_mapping"};
  for (const auto& task : kWritingTasks) {
    templates.push_back(task);
    templates.push_back("offline_" + task);
  }
  try {
    prompts_.check(templates);
  } catch (const std::exception& e) {
    throw ConfigError("REACH_PROMPTS_DIR", e.what());
  }
  if (c.llm == "openai")
    writer_ = std::make_unique<OpenAiLlm>(channel("openai"), LlmEndpoint{"openai", c.openai_base_url, c.openai_api_key,
                                                                         c.openai_model, c.openai_json_mode});
  else if (c.llm == "anthropic")
    writer_ = std::make_unique<AnthropicLlm>(
        channel("anthropic"), LlmEndpoint{"anthropic", c.anthropic_base_url, c.anthropic_api_key, c.anthropic_model});
  else
    writer_ = std::make_unique<OfflineLlm>(prompts_);
  if (c.research == "perplexity") {
    research_llm_ = std::make_unique<OpenAiLlm>(
        channel("perplexity"),
        LlmEndpoint{"perplexity", c.perplexity_base_url, c.perplexity_api_key, c.perplexity_model, "schema"},
        "/chat/completions");
    researcher_ = std::make_unique<PerplexityResearcher>(*research_llm_, prompts_);
  } else {
    researcher_ = std::make_unique<OfflineResearcher>();
  }
  spdlog::info("ai_providers llm={} research={}", writer_->provider(), researcher_->provider());
}

AiProviders::~AiProviders() {
  if (loop_) loop_->stop();  // before the channels and adapters its callbacks point into
}

ProviderChannel& AiProviders::channel(const std::string& provider) {
  if (!loop_) loop_ = std::make_unique<HttpLoop>();
  ChannelPolicy policy;
  policy.max_concurrency = config_.ai_concurrency;
  policy.requests_per_minute = config_.ai_rpm;
  policy.max_retries = config_.ai_max_retries;
  policy.request_timeout = config_.ai_timeout_seconds;
  channels_.push_back(std::make_unique<ProviderChannel>(*loop_, provider, policy, rng_));
  return *channels_.back();
}

}  // namespace reach
