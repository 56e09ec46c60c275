// Drives a campaign run: the job `campaign.run` picks the run up for a slice of at most `slice_budget`,
// works its ready items with `concurrency` threads, and, when items are still waiting (retries, the
// mailbox throttle, the sending window), queues the run's next slice for when the first is due and
// returns, so one tenant's long campaign never holds a job worker for long.
//
// Each item moves through persisted states: queued -> (research, write) -> written -> (throttle slot)
// -> sending -> (SMTP) -> sent. An item a slice finds in `sending` for longer than a send can take
// (the SMTP timeout and a margin) was being sent by a process that died: it becomes `uncertain` and
// is never sent again (a younger one may still be in a live process's hands: it waits) (docs/ARCHITECTURE.md says how
// an operator resolves it). So every lead is emailed at most once per run, and every message the
// server accepted is recorded as sent unless the process died between the server's answer and the
// commit, in which case it is uncertain.
#pragma once
#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <mutex>
#include <string>

#include "accounts/company_service.hpp"
#include "accounts/usage_ledger.hpp"
#include "campaigns/campaign_service.hpp"
#include "campaigns/mailbox_service.hpp"
#include "domain/llm.hpp"
#include "domain/researcher.hpp"
#include "jobs/worker_pool.hpp"
#include "leads/lead_service.hpp"
#include "store/enrichment_store.hpp"
#include "util/thread_safety.hpp"
#include "writing/outreach_writer.hpp"

namespace reach {

struct RunnerOptions {
  std::size_t concurrency = 16;  // items in flight per run slice (REACH_CAMPAIGN_CONCURRENCY)
  std::chrono::seconds slice_budget{60};
  int max_write_attempts = 3;  // model and research failures
  int max_send_attempts = 5;   // temporary SMTP failures
  std::chrono::seconds retry_base{30};
  // How long one SMTP send may take (REACH_SMTP_TIMEOUT): an item in `sending` for longer than this
  // plus a margin belongs to a process that died.
  std::chrono::seconds send_timeout{60};
  std::string public_url;  // pixel and unsubscribe links
};

struct RunnerDeps {
  CampaignStore& store;
  EmailLogStore& logs;
  MailboxService& mailbox;
  CompanyService& companies;
  ProductService& products;
  LeadService& leads;
  EnrichmentStore& enrichments;
  Llm& writer;
  Researcher& researcher;
  const PromptBook& prompts;
  UsageLedger& usage;
  CampaignMailer& mailer;
  JobStore& jobs;
  const Clock& clock;
  Rng& rng;
};

class CampaignRunner {
 public:
  CampaignRunner(RunnerDeps deps, RunnerOptions options) : d_(deps), o_(std::move(options)) {}

  // One slice of the run (the job handler). `attempt` counts the claims of this slice's job: on its
  // last one (every earlier claim died without finishing the slice) the run fails instead of looping.
  void run_slice(const std::string& run_id, int attempt, JobContext& context);

 private:
  struct Slice;
  void process(Slice& slice, OutreachItem item);
  bool write(Slice& slice, OutreachItem& item);
  void send(Slice& slice, const OutreachItem& item);
  std::vector<LeadInsight> insights(const std::string& company_id, const Lead& lead);
  std::chrono::seconds backoff(int attempts) const;
  // How long an item may stay in `sending` while a live process could still be sending it.
  std::chrono::seconds sending_grace() const { return o_.send_timeout + std::chrono::seconds(30); }

  RunnerDeps d_;
  RunnerOptions o_;
  Mutex research_mu_;
  std::map<std::string, std::shared_future<std::vector<LeadInsight>>> research_in_flight_
      REACH_GUARDED_BY(research_mu_);
};

}  // namespace reach
