// Campaigns, their runs and the outreach items a run drives: one per lead, through persisted states.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/clock.hpp"

namespace reach {

// When a campaign may send: days of the week (1 = Monday .. 7 = Sunday) and [start, end) minutes of the
// day, in an IANA time zone. No schedule means any time.
struct SendingSchedule {
  std::string timezone;
  std::vector<int> days;
  int start_minute = 0;
  int end_minute = 24 * 60;
};

struct Campaign {
  std::string id, company_id, product_id, name;
  std::optional<std::string> description;
  std::string type;  // email, call, email_and_call
  std::optional<std::string> template_text;
  int number_of_reminders = 0, days_between_reminders = 0;
  int phone_number_of_reminders = 0, phone_days_between_reminders = 0;
  bool auto_reply_enabled = false;
  std::optional<std::string> trigger_call_on;
  std::optional<TimePoint> scheduled_at;
  std::optional<SendingSchedule> schedule;
  bool track_clicks = false;
  TimePoint created_at;
};

enum class RunStatus { running, completed, failed, cancelled };
std::string_view run_status_name(RunStatus s);
RunStatus parse_run_status(std::string_view s);

// queued -> written -> sending -> sent; or skipped, failed, uncertain (found in `sending` after a crash).
enum class ItemState { queued, written, sending, sent, skipped, failed, uncertain };
std::string_view item_state_name(ItemState s);
ItemState parse_item_state(std::string_view s);

struct RunCounts {
  long long queued = 0, sent = 0, failed = 0, skipped = 0, uncertain = 0;
  long long opened = 0, clicked = 0, replied = 0, unsubscribed = 0, bounced = 0;
};

struct CampaignRun {
  std::string id, campaign_id, company_id;
  TimePoint run_at;
  RunStatus status = RunStatus::running;
  long long leads_total = 0, leads_processed = 0;
  bool has_failed_items = false;
  std::optional<std::string> failure_reason;
  int slices = 0;  // how many times a worker has picked the run up
  TimePoint created_at;
  std::optional<TimePoint> finished_at;
};

struct OutreachItem {
  std::string id, run_id, company_id, lead_id, to_email;
  ItemState state = ItemState::queued;
  int attempts = 0;  // failed tries of the current step
  TimePoint next_attempt_at;
  std::optional<std::string> reason, subject, body;
  std::string email_log_id, message_id;  // chosen when the item is made: the message carries them
  std::optional<TimePoint> sending_at, sent_at;
};

}  // namespace reach
