// Research about companies and leads from the web (Perplexity) or from what Reach already knows
// (offline). Adapters: providers/research/.
#pragma once
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "domain/lead.hpp"
#include "domain/llm.hpp"

namespace reach {

// What is known about a company before research: its name and what its creator typed.
struct CompanyFacts {
  std::string name;
  std::optional<std::string> website, industry, address;
};

struct CompanyResearch {
  std::optional<std::string> overview, background, products_services, address, industry;
  std::vector<std::string> citations;
  std::string source;  // "perplexity", "offline"
  LlmUsage usage;
};

struct LeadInsight {
  std::string fact;
  std::string source;  // a URL, or "lead record" for what the lead's own fields say
};

struct LeadInsights {
  std::vector<LeadInsight> facts;
  std::string source;
  LlmUsage usage;
};

class Researcher {
 public:
  virtual ~Researcher() = default;
  // Never block; the futures hold the answer or a ProviderError.
  virtual std::future<CompanyResearch> research_company(const CompanyFacts& company) = 0;
  virtual std::future<LeadInsights> lead_insights(const Lead& lead) = 0;
  virtual std::string provider() const = 0;
};

}  // namespace reach
