// The model's second opinion on a lead list's header row. For the columns the synonym dictionary and
// keyword rules left unmapped, the model sees each header with a few sample values and names the lead
// field it holds, or "none". Only fields no other column holds are taken. Offline (no model) or when
// the model fails, the mapping stays as the rules made it: an import never fails because of it.
#pragma once
#include <string>
#include <vector>

#include "domain/llm.hpp"
#include "ingest/lead_columns.hpp"
#include "prompts/prompt_book.hpp"
#include "accounts/usage_ledger.hpp"

namespace reach {

class HeaderAdvisor {
 public:
  HeaderAdvisor(Llm& llm, const PromptBook& prompts, UsageLedger& usage)
      : llm_(llm), prompts_(prompts), usage_(usage) {}

  // sample_rows: the first data rows (any number; three are shown per column).
  void advise(const std::string& company_id, const std::vector<std::string>& headers,
              const std::vector<std::vector<std::string>>& sample_rows, HeaderMapping& mapping);

 private:
  Llm& llm_;
  const PromptBook& prompts_;
  UsageLedger& usage_;
};

}  // namespace reach
