// Campaigns, their runs and the runs' outreach items. Every change of an item's state is one
// conditional UPDATE on the state it leaves, so two workers can never both move the same item on.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/campaign.hpp"
#include "domain/mailbox.hpp"
#include "store/database.hpp"

namespace reach {

// What is recorded when the SMTP server took a message: the email_logs row and its first message.
struct SentEmail {
  std::string campaign_id;
  std::string subject, body;
  std::optional<std::string> from_name;
  std::string from_email;
};

struct RunPage {
  std::vector<CampaignRun> runs;
  long long total = 0;
};

class CampaignStore {
 public:
  explicit CampaignStore(Database& db) : db_(db) {}

  void insert(const Campaign& c);
  std::optional<Campaign> find(const std::string& campaign_id);
  std::vector<Campaign> list(const std::string& company_id);

  // Creates the run and one queued item per target lead (a live lead with an email, not marked do not
  // contact, whose address is not on the company's do-not-email list), in one transaction. make_item
  // fills an item's ids. False (and nothing written) when a run of the campaign is already running.
  bool start_run(CampaignRun& run,
                 const std::function<OutreachItem(const std::string& lead_id, const std::string& email)>& make_item);
  std::optional<CampaignRun> find_run(const std::string& run_id);
  RunPage list_runs(const std::string& company_id, const std::optional<std::string>& campaign_id, long long offset,
                    long long limit);
  std::map<std::string, RunCounts> counts(const std::vector<std::string>& run_ids);
  // Moves a running run to `status`; false when it was no longer running.
  bool finish_run(const std::string& run_id, RunStatus status, const std::optional<std::string>& reason,
                  bool has_failed_items, TimePoint now);
  // Counts one more pick-up of the run by a worker and returns the new count.
  int next_slice(const std::string& run_id);
  bool has_running_run(const std::string& campaign_id);

  // A page of the run's items in the order they were made, optionally of one state.
  std::vector<OutreachItem> items(const std::string& run_id, const std::optional<ItemState>& state, long long offset,
                                  long long limit, long long* total);

  // Items in `sending` since before `cutoff` were being sent by a process that died (a live one has
  // finished every send by then): they become uncertain. Returns how many.
  long long mark_sending_uncertain(const std::string& run_id, TimePoint cutoff, TimePoint now);
  std::vector<OutreachItem> ready_items(const std::string& run_id, TimePoint now, int limit);
  // What is left of a run: the earliest time a queued or written item is due, and the oldest
  // sending_at of the items in `sending`; both none when every item is final.
  struct Pending {
    std::optional<TimePoint> next_due, oldest_sending;
  };
  Pending pending(const std::string& run_id);
  bool any_failed(const std::string& run_id);
  // Every unfinished item of the run (queued or written) becomes skipped with `reason`.
  void skip_unfinished(const std::string& run_id, const std::string& reason, TimePoint now);

  bool set_written(const std::string& item_id, const std::string& subject, const std::string& body, TimePoint now);
  // Back to `state` (queued or written) to be tried again at `at`.
  void retry_later(const std::string& item_id, ItemState state, int attempts, TimePoint at, const std::string& reason,
                   TimePoint now);
  // To a final state (skipped, failed, uncertain) from any unfinished one; false when already final.
  bool finish_item(const std::string& item_id, ItemState state, const std::string& reason, TimePoint now);
  // written -> sending when the company's mailbox has a free slot under its throttle (counted over every
  // run and process, serialised per company); otherwise the time a slot frees.
  std::variant<bool, TimePoint> claim_send(const std::string& item_id, const std::string& company_id,
                                           const std::optional<EmailThrottle>& throttle, TimePoint now);
  // sending -> sent, and the email_logs row and its message, in one transaction.
  bool mark_sent(const OutreachItem& item, const SentEmail& sent, TimePoint now);

 private:
  Database& db_;
};

}  // namespace reach
