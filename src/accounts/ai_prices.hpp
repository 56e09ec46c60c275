// What AI tokens cost, per provider, so that usage can be shown as money. Operators set the prices
// they pay (REACH_AI_PRICES="openai=0.15/0.60,perplexity=1/1": US dollars per million prompt /
// completion tokens); the offline adapters cost nothing; a provider without a price has no cost.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/llm.hpp"

namespace reach {

struct AiPrice {
  double prompt_per_million = 0, completion_per_million = 0;  // US dollars
};
using AiPrices = std::map<std::string, AiPrice, std::less<>>;

// The table from "provider=prompt/completion,..." (the offline provider is always there, at 0). On a
// malformed text: nothing, and `error` says what is wrong.
std::optional<AiPrices> parse_ai_prices(std::string_view text, std::string& error);
// What the usage cost at the provider's price; nothing for a provider without one.
std::optional<double> cost_usd(const AiPrices& prices, std::string_view provider, const LlmUsage& usage);

}  // namespace reach
