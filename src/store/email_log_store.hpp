// Emails sent by campaigns (email_logs), the messages of their threads, opens, and the research cache
// the campaign engine keeps per lead company domain.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "util/clock.hpp"

namespace reach {

struct EmailLogEntry {
  std::string id, company_id, campaign_id, campaign_run_id, lead_id;
  TimePoint sent_at;
  long long open_count = 0, machine_open_count = 0, click_count = 0;
  std::optional<TimePoint> first_opened_at;
  bool has_replied = false, has_meeting_booked = false;
  std::string campaign_name, lead_name;
  std::optional<std::string> lead_email;
};

struct EmailMessage {
  std::string message_id, email_subject, email_body, sender_type;
  TimePoint sent_at;
  std::optional<std::string> from_name;
  std::string from_email, to_email;
};

// Opens of one email gathered between two flushes.
struct OpenTally {
  std::string email_log_id;
  long long opens = 0, proxy_opens = 0;  // proxy: fetched by a known image proxy
  TimePoint first, last;
};

// Which emails a listing shows: all of a company's, or those of one campaign and/or one lead.
struct EmailFilter {
  std::optional<std::string> campaign_id, lead_id;
};

// The emails' outcomes as one SELECT list over email_logs: opened, clicked, replied, meeting booked,
// unsubscribed, bounced (each a count of emails). A run's counts and a campaign's funnel both read it.
inline constexpr const char* kEmailOutcomeCounts =
    "coalesce(sum(CASE WHEN open_count > 0 THEN 1 ELSE 0 END), 0), "
    "coalesce(sum(CASE WHEN click_count > 0 THEN 1 ELSE 0 END), 0), "
    "coalesce(sum(has_replied), 0), coalesce(sum(has_meeting_booked), 0), "
    "coalesce(sum(CASE WHEN unsubscribed_at IS NULL THEN 0 ELSE 1 END), 0), "
    "coalesce(sum(CASE WHEN bounced_at IS NULL THEN 0 ELSE 1 END), 0) ";

// How far a campaign's (or one run's) emails got: each count is of emails, not events.
struct EmailFunnel {
  long long sent = 0, opened = 0, clicked = 0, replied = 0, meeting_booked = 0, unsubscribed = 0, bounced = 0;
};

// The emails of one UTC day ("2026-12-01") that were sent, first opened, first clicked or first
// replied to that day.
struct DayActivity {
  std::string date;
  long long sent = 0, opened = 0, clicked = 0, replied = 0;
};

struct CachedResearch {
  std::string insights;  // JSON text: [{fact, source}]
  std::string source;
};

class EmailLogStore {
 public:
  explicit EmailLogStore(Database& db) : db_(db) {}

  std::vector<EmailLogEntry> list(const std::string& company_id, const EmailFilter& filter, long long offset,
                                  long long limit, long long* total);
  std::optional<EmailLogEntry> find(const std::string& company_id, const std::string& email_log_id);
  std::vector<EmailMessage> thread(const std::string& email_log_id);
  // The funnel of a campaign's emails, or of one run's when run_id is not empty.
  EmailFunnel funnel(const std::string& campaign_id, const std::string& run_id);
  // Its activity per UTC day in [from, to): only the days with any, in date order.
  std::vector<DayActivity> activity(const std::string& campaign_id, const std::string& run_id, TimePoint from,
                                    TimePoint to);
  // Adds the tallies in one transaction. An open within `machine_window` of sending, or by a proxy,
  // counts as a likely machine open too. Unknown ids are ignored. Returns the opens recorded.
  long long add_opens(const std::vector<OpenTally>& tallies, std::chrono::seconds machine_window);
  // Links of one email rewritten for click tracking: token -> URL.
  void add_links(const std::string& email_log_id, const std::vector<std::pair<std::string, std::string>>& links);
  // The URL a token was recorded for, counting the click on the link and its email; none for an unknown token.
  std::optional<std::string> click(const std::string& token, TimePoint now);
  void mark_unsubscribed(const std::string& email_log_id, TimePoint now);

  std::optional<CachedResearch> research(const std::string& company_id, const std::string& domain);
  void put_research(const std::string& company_id, const std::string& domain, const CachedResearch& r, TimePoint now);

 private:
  Database& db_;
};

}  // namespace reach
