// The demo's email campaign: ~25 demo leads, the demo company's mailbox (mail goes to the outbox), a
// campaign, and one run of it driven by the job workers while a progress bar shows it in the terminal.
#pragma once
#include <string>

#include "api/services.hpp"

namespace reach {

struct DemoRunSummary {
  std::string campaign_id, run_id, status;
  RunCounts counts;
  long long leads_total = 0;
};

// Adds the demo leads that are missing (and the mailbox, the first time); returns their number.
std::size_t ensure_demo_campaign_leads(Services& s, const std::string& company_id);
// Runs the demo campaign on the outbox mailbox and waits for the run to end, drawing its progress.
DemoRunSummary run_demo_campaign(Services& s, const std::string& company_id, const std::string& product_id);

}  // namespace reach
