// Records what each AI call cost a company (requests and tokens per provider per UTC day) and reports it.
#pragma once
#include <string>
#include <vector>

#include "domain/llm.hpp"
#include "store/usage_store.hpp"
#include "util/clock.hpp"

namespace reach {

struct UsageReport {
  std::string from, to;          // YYYY-MM-DD, inclusive
  std::vector<UsageRow> days;    // per day and provider
  std::vector<UsageRow> totals;  // per provider over the range (day empty)
};

class UsageLedger {
 public:
  UsageLedger(UsageStore& store, const Clock& clock) : store_(store), clock_(clock) {}
  void record(const std::string& company_id, const std::string& provider, const LlmUsage& usage);
  // Empty from/to: the last 30 days up to today. Throws a 422-style ApiError for malformed dates.
  UsageReport report(const std::string& company_id, std::string from, std::string to);

 private:
  UsageStore& store_;
  const Clock& clock_;
};

}  // namespace reach
