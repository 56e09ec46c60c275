// Research without a network: it reports what Reach already knows, marked `source: offline`. For a
// company that is the creator's own input, put into an overview; for a lead, the facts in the lead's
// record that make outreach relevant (job change, move, hiring, size, headquarters). Deterministic.
#pragma once
#include "domain/researcher.hpp"

namespace reach {

class OfflineResearcher final : public Researcher {
 public:
  std::future<CompanyResearch> research_company(const CompanyFacts& company) override;
  std::future<LeadInsights> lead_insights(const Lead& lead) override;
  std::string provider() const override { return "offline"; }
};

}  // namespace reach
