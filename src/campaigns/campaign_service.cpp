#include "campaigns/campaign_service.hpp"

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "domain/api_error.hpp"
#include "util/time_format.hpp"

namespace reach {

Campaign CampaignService::create(Campaign c) {
  Product product;
  try {
    product = d_.products.get(c.company_id, c.product_id);
  } catch (const ApiError&) {
    throw bad_request("product_id must name a product of this company");
  }
  if (product.deleted) throw bad_request("This product was deleted; choose a product the company still offers");
  c.id = new_uuid(d_.rng);
  c.created_at = d_.clock.now();
  d_.store.insert(c);
  return c;
}

std::vector<Campaign> CampaignService::list(const std::string& company_id) { return d_.store.list(company_id); }

Campaign CampaignService::get(const std::string& campaign_id) {
  auto c = d_.store.find(campaign_id);
  if (!c) throw not_found("Campaign not found");
  return *c;
}

std::string CampaignService::run(const Campaign& campaign) {
  if (campaign.type == "call")
    throw bad_request("Call campaigns cannot run yet in this version of Reach; create an email campaign");
  if (!d_.mailbox.settings(campaign.company_id))
    throw bad_request(
        "Email credentials are missing: set the company's mailbox first (POST "
        "/api/companies/{company_id}/account-credentials)");
  if (d_.uploads.has_unfinished(campaign.company_id))
    throw bad_request("A lead upload of this company is still processing; run the campaign when it has finished");
  if (d_.store.has_running_run(campaign.id))
    throw bad_request("This campaign is already running; wait for the run to finish or cancel it");
  CampaignRun run;
  run.id = new_uuid(d_.rng);
  run.campaign_id = campaign.id;
  run.company_id = campaign.company_id;
  run.run_at = run.created_at = d_.clock.now();
  bool started = d_.store.start_run(run, [&](const std::string&, const std::string&) {
    OutreachItem item;
    item.id = new_uuid(d_.rng);
    item.email_log_id = new_uuid(d_.rng);
    item.message_id = new_uuid(d_.rng) + "@" + d_.mail_domain;
    return item;
  });
  if (!started) throw bad_request("This campaign is already running; wait for the run to finish or cancel it");
  d_.jobs.enqueue(new_uuid(d_.rng),
                  NewJob{kCampaignRunJob, nlohmann::json{{"run_id", run.id}}.dump(), "campaign.run:" + run.id + ":0",
                         kRunSliceAttempts},
                  d_.clock.now());
  return run.id;
}

std::optional<CampaignRun> CampaignService::find_run(const std::string& run_id) { return d_.store.find_run(run_id); }

RunWithCounts CampaignService::cancel(const CampaignRun& run) {
  if (run.status != RunStatus::running)
    throw conflict("This run has already ended; only a running run can be cancelled");
  d_.store.finish_run(run.id, RunStatus::cancelled, std::string("cancelled by a user"), d_.store.any_failed(run.id),
                      d_.clock.now());
  d_.store.skip_unfinished(run.id, "the run was cancelled", d_.clock.now());
  return with_counts(*d_.store.find_run(run.id));
}

RunWithCounts CampaignService::with_counts(const CampaignRun& run) { return {run, d_.store.counts({run.id})[run.id]}; }

std::vector<OutreachItem> CampaignService::items(const CampaignRun& run, const std::optional<ItemState>& state,
                                                 long long offset, long long limit, long long* total) {
  return d_.store.items(run.id, state, offset, limit, total);
}

std::vector<RunWithCounts> CampaignService::runs(const std::string& company_id,
                                                 const std::optional<std::string>& campaign_id, long long offset,
                                                 long long limit, long long* total) {
  RunPage page = d_.store.list_runs(company_id, campaign_id, offset, limit);
  *total = page.total;
  std::vector<std::string> ids;
  for (const auto& r : page.runs) ids.push_back(r.id);
  auto counts = d_.store.counts(ids);
  std::vector<RunWithCounts> out;
  for (auto& r : page.runs) out.push_back({r, counts[r.id]});
  return out;
}

std::vector<EmailLogEntry> CampaignService::emails(const std::string& company_id, const EmailFilter& filter,
                                                   long long offset, long long limit, long long* total) {
  return d_.logs.list(company_id, filter, offset, limit, total);
}

CampaignAnalytics CampaignService::analytics(const Campaign& campaign, const std::optional<CampaignRun>& run,
                                             int days) {
  using namespace std::chrono;
  days = std::clamp(days, 1, kMaxAnalyticsDays);
  std::string run_id = run ? run->id : "";
  TimePoint to = floor<std::chrono::days>(d_.clock.now()) + std::chrono::days(1);
  TimePoint from = to - std::chrono::days(days);
  CampaignAnalytics out{d_.logs.funnel(campaign.id, run_id), {}};
  auto active = d_.logs.activity(campaign.id, run_id, from, to);
  auto next = active.begin();
  for (TimePoint day = from; day < to; day += std::chrono::days(1)) {
    auto date = format_rfc3339(day).substr(0, 10);
    if (next != active.end() && next->date == date)
      out.days.push_back(*next++);
    else
      out.days.push_back({date});
  }
  return out;
}

std::vector<EmailMessage> CampaignService::thread(const std::string& company_id, const std::string& email_log_id) {
  if (!d_.logs.find(company_id, email_log_id)) throw not_found("Email not found");
  return d_.logs.thread(email_log_id);
}

std::optional<std::string> CampaignService::click(const std::string& token) {
  return d_.logs.click(token, d_.clock.now());
}

}  // namespace reach
