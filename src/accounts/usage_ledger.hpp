// Records what each AI call cost a company (requests and tokens per provider per UTC day) and reports it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "accounts/ai_prices.hpp"
#include "domain/llm.hpp"
#include "store/usage_store.hpp"
#include "util/clock.hpp"

namespace reach {

// Usage with what it cost at the configured prices (none for a provider without a price).
struct PricedUsage {
  std::string day;  // YYYY-MM-DD; empty in totals
  std::string provider;
  LlmUsage usage;
  std::optional<double> cost_usd;
};

struct UsageReport {
  std::string from, to;             // YYYY-MM-DD, inclusive
  std::vector<PricedUsage> days;    // per day and provider
  std::vector<PricedUsage> totals;  // per provider over the range
  std::optional<double> cost_usd;   // all of it, when every provider used has a price
};

class UsageLedger {
 public:
  UsageLedger(UsageStore& store, const Clock& clock, AiPrices prices = {{"offline", AiPrice{}}})
      : store_(store), clock_(clock), prices_(std::move(prices)) {}
  void record(const std::string& company_id, const std::string& provider, const LlmUsage& usage);
  // Empty from/to: the last 30 days up to today. Throws a 422-style ApiError for malformed dates.
  UsageReport report(const std::string& company_id, std::string from, std::string to);

 private:
  UsageStore& store_;
  const Clock& clock_;
  AiPrices prices_;
};

}  // namespace reach
