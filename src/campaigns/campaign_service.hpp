// Campaigns and their runs as the API sees them: create, read, run, cancel, list. Starting a run
// snapshots its leads into outreach items and queues the run's job; CampaignRunner does the rest.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "campaigns/mailbox_service.hpp"
#include "catalog/product_service.hpp"
#include "domain/campaign.hpp"
#include "store/campaign_store.hpp"
#include "store/email_log_store.hpp"
#include "store/job_store.hpp"
#include "store/upload_task_store.hpp"
#include "util/clock.hpp"
#include "util/random.hpp"

namespace reach {

inline constexpr const char* kCampaignRunJob = "campaign.run";
// Claims of one slice's job before the run gives up (each claim after the first follows a process
// that died mid-slice; a slice is at most a minute).
inline constexpr int kRunSliceAttempts = 20;

struct CampaignDeps {
  CampaignStore& store;
  EmailLogStore& logs;
  MailboxService& mailbox;
  ProductService& products;
  UploadTaskStore& uploads;
  JobStore& jobs;
  const Clock& clock;
  Rng& rng;
  std::string mail_domain;  // the right side of our Message-IDs
};

struct RunWithCounts {
  CampaignRun run;
  RunCounts counts;
};

// A campaign's (or one run's) funnel and its activity on each UTC day of [from, to), every day listed.
struct CampaignAnalytics {
  EmailFunnel funnel;
  std::vector<DayActivity> days;
};
inline constexpr int kMaxAnalyticsDays = 366;

class CampaignService {
 public:
  explicit CampaignService(CampaignDeps deps) : d_(std::move(deps)) {}

  // invalid_request when the product is not the company's or was deleted.
  Campaign create(Campaign draft);
  std::vector<Campaign> list(const std::string& company_id);
  // Any company's campaign: the caller checks tenancy on its company_id. not_found when there is none.
  Campaign get(const std::string& campaign_id);

  // invalid_request when a run is active, the mailbox is not configured, or a lead upload is still
  // processing. Returns the new run's id; its job is queued.
  std::string run(const Campaign& campaign);
  std::optional<CampaignRun> find_run(const std::string& run_id);
  // Nothing more is sent: the run ends cancelled and its unfinished items are skipped.
  RunWithCounts cancel(const CampaignRun& run);
  std::vector<RunWithCounts> runs(const std::string& company_id, const std::optional<std::string>& campaign_id,
                                  long long offset, long long limit, long long* total);
  RunWithCounts with_counts(const CampaignRun& run);
  std::vector<OutreachItem> items(const CampaignRun& run, const std::optional<ItemState>& state, long long offset,
                                  long long limit, long long* total);

  std::vector<EmailLogEntry> emails(const std::string& company_id, const EmailFilter& filter, long long offset,
                                    long long limit, long long* total);
  // The last `days` days (1..kMaxAnalyticsDays, today included) of the campaign, or of `run` (one of
  // its runs) when given.
  CampaignAnalytics analytics(const Campaign& campaign, const std::optional<CampaignRun>& run, int days);
  std::vector<EmailMessage> thread(const std::string& company_id, const std::string& email_log_id);
  // A tracked link's URL (its click counted); none for an unknown token.
  std::optional<std::string> click(const std::string& token);

 private:
  CampaignDeps d_;
};

}  // namespace reach
