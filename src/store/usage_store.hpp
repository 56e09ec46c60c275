// The AI usage ledger: requests and tokens per company, provider and UTC day.
#pragma once
#include <string>
#include <vector>

#include "domain/llm.hpp"
#include "store/database.hpp"

namespace reach {

struct UsageRow {
  std::string day;  // YYYY-MM-DD
  std::string provider;
  LlmUsage usage;
};

class UsageStore {
 public:
  explicit UsageStore(Database& db) : db_(db) {}
  // Adds to the day's row (one statement: safe with concurrent writers on both engines).
  void add(const std::string& company_id, const std::string& provider, const std::string& day, const LlmUsage& u);
  // Rows with from <= day <= to, oldest first.
  std::vector<UsageRow> list(const std::string& company_id, const std::string& from, const std::string& to);

 private:
  Database& db_;
};

}  // namespace reach
