#include "accounts/ai_prices.hpp"

#include <charconv>

namespace reach {
namespace {

constexpr std::size_t kMaxProviders = 32;
constexpr double kMaxPricePerMillion = 10000;

std::optional<double> price(std::string_view text) {
  double v = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !(v >= 0 && v <= kMaxPricePerMillion))
    return std::nullopt;
  return v;
}

}  // namespace

std::optional<AiPrices> parse_ai_prices(std::string_view text, std::string& error) {
  AiPrices out{{"offline", AiPrice{}}};
  if (text.empty()) return out;
  std::size_t entries = 0;
  for (bool more = true; more;) {
    auto comma = text.find(',');
    auto entry = text.substr(0, comma);
    more = comma != std::string_view::npos;
    if (more) text = text.substr(comma + 1);  // a trailing comma leaves an empty entry: refused below
    auto eq = entry.find('='), slash = entry.find('/');
    if (eq == std::string_view::npos || eq == 0 || slash == std::string_view::npos || slash < eq) {
      error = "expected provider=prompt/completion (US dollars per million tokens), e.g. openai=0.15/0.60";
      return std::nullopt;
    }
    auto prompt = price(entry.substr(eq + 1, slash - eq - 1)), completion = price(entry.substr(slash + 1));
    if (!prompt || !completion) {
      error = "prices must be numbers from 0 to 10000 (US dollars per million tokens)";
      return std::nullopt;
    }
    if (++entries > kMaxProviders) {
      error = "at most 32 providers";
      return std::nullopt;
    }
    out[std::string(entry.substr(0, eq))] = AiPrice{*prompt, *completion};
  }
  return out;
}

std::optional<double> cost_usd(const AiPrices& prices, std::string_view provider, const LlmUsage& usage) {
  auto it = prices.find(provider);
  if (it == prices.end()) return std::nullopt;
  return (static_cast<double>(usage.prompt_tokens) * it->second.prompt_per_million +
          static_cast<double>(usage.completion_tokens) * it->second.completion_per_million) /
         1e6;
}

}  // namespace reach
