#include "accounts/usage_ledger.hpp"

#include <spdlog/spdlog.h>

#include <map>

#include "domain/api_error.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

std::string day_of(TimePoint t) { return format_rfc3339(t).substr(0, 10); }

// A day that exists (not February 30th), from 1970 on: no usage is older, and years stay four digits.
bool is_day(const std::string& d) {
  return d.size() == 10 && d >= "1970-01-01" && parse_rfc3339(d + "T00:00:00Z").has_value();
}

}  // namespace

void UsageLedger::record(const std::string& company_id, const std::string& provider, const LlmUsage& usage) {
  if (usage.requests == 0) return;
  try {
    store_.add(company_id, provider, day_of(clock_.now()), usage);
  } catch (const std::exception& e) {  // the answer is already paid for and delivered; do not fail the caller
    spdlog::error("usage_record_failed company_id={} provider={} error=\"{}\"", company_id, provider, e.what());
  }
}

UsageReport UsageLedger::report(const std::string& company_id, std::string from, std::string to) {
  std::vector<FieldError> errors;
  const char* kDate = "Expected a date that exists, YYYY-MM-DD, from 1970-01-01 on";
  if (!from.empty() && !is_day(from)) errors.push_back({{"query", "from"}, kDate, "date_parsing"});
  if (!to.empty() && !is_day(to)) errors.push_back({{"query", "to"}, kDate, "date_parsing"});
  if (errors.empty() && !from.empty() && !to.empty() && from > to)
    errors.push_back({{"query", "from"}, "from must not be after to", "value_error"});
  if (!errors.empty()) throw ValidationError(errors);
  if (to.empty()) to = day_of(clock_.now());
  if (from.empty()) from = day_of(*parse_rfc3339(to + "T00:00:00Z") - std::chrono::days(29));
  UsageReport r{from, to, {}, {}, 0.0};
  std::map<std::string, LlmUsage> totals;
  for (auto& row : store_.list(company_id, from, to)) {
    totals[row.provider] += row.usage;
    auto cost = cost_usd(prices_, row.provider, row.usage);
    r.days.push_back({std::move(row.day), std::move(row.provider), row.usage, cost});
  }
  for (const auto& [provider, usage] : totals) {
    auto cost = cost_usd(prices_, provider, usage);
    r.totals.push_back({"", provider, usage, cost});
    r.cost_usd = cost && r.cost_usd ? std::optional<double>(*r.cost_usd + *cost) : std::nullopt;
  }
  return r;
}

}  // namespace reach
