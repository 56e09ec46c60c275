#include "store/campaign_store.hpp"

#include <nlohmann/json.hpp>

#include "store/email_log_store.hpp"
#include "store/row_values.hpp"
#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

constexpr const char* kCampaignColumns =
    "id, company_id, product_id, name, description, type, template, number_of_reminders, days_between_reminders, "
    "phone_number_of_reminders, phone_days_between_reminders, auto_reply_enabled, trigger_call_on, scheduled_at, "
    "schedule, track_clicks, created_at";

constexpr const char* kRunColumns =
    "id, campaign_id, company_id, run_at, status, leads_total, has_failed_items, failure_reason, slices, created_at, "
    "finished_at";

constexpr const char* kItemColumns =
    "id, run_id, company_id, lead_id, to_email, state, attempts, next_attempt_at, reason, subject, body, "
    "email_log_id, message_id, sending_at, sent_at";

std::string text(TimePoint t) { return format_rfc3339(t); }
TimePoint time_at(const soci::row& r, std::size_t i) { return parse_rfc3339(r.get<std::string>(i)).value(); }
std::optional<TimePoint> optional_time(const soci::row& r, std::size_t i) {
  auto t = nullable_text(r, i);
  return t ? parse_rfc3339(*t) : std::nullopt;
}
std::optional<std::string> optional_text(const std::optional<TimePoint>& t) {
  return t ? std::optional(format_rfc3339(*t)) : std::nullopt;
}

std::optional<std::string> schedule_text(const std::optional<SendingSchedule>& s) {
  if (!s) return std::nullopt;
  return nlohmann::json{
      {"timezone", s->timezone}, {"days", s->days}, {"start", s->start_minute}, {"end", s->end_minute}}
      .dump();
}

std::optional<SendingSchedule> schedule_from(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto j = nlohmann::json::parse(*text);
  return SendingSchedule{j.at("timezone").get<std::string>(), j.at("days").get<std::vector<int>>(),
                         j.at("start").get<int>(), j.at("end").get<int>()};
}

Campaign campaign_from(const soci::row& r) {
  Campaign c;
  c.id = r.get<std::string>(0);
  c.company_id = r.get<std::string>(1);
  c.product_id = r.get<std::string>(2);
  c.name = r.get<std::string>(3);
  c.description = nullable_text(r, 4);
  c.type = r.get<std::string>(5);
  c.template_text = nullable_text(r, 6);
  c.number_of_reminders = static_cast<int>(integer_value(r, 7));
  c.days_between_reminders = static_cast<int>(integer_value(r, 8));
  c.phone_number_of_reminders = static_cast<int>(integer_value(r, 9));
  c.phone_days_between_reminders = static_cast<int>(integer_value(r, 10));
  c.auto_reply_enabled = integer_value(r, 11) != 0;
  c.trigger_call_on = nullable_text(r, 12);
  c.scheduled_at = optional_time(r, 13);
  c.schedule = schedule_from(nullable_text(r, 14));
  c.track_clicks = integer_value(r, 15) != 0;
  c.created_at = time_at(r, 16);
  return c;
}

CampaignRun run_from(const soci::row& r) {
  CampaignRun run;
  run.id = r.get<std::string>(0);
  run.campaign_id = r.get<std::string>(1);
  run.company_id = r.get<std::string>(2);
  run.run_at = time_at(r, 3);
  run.status = parse_run_status(r.get<std::string>(4));
  run.leads_total = integer_value(r, 5);
  run.has_failed_items = integer_value(r, 6) != 0;
  run.failure_reason = nullable_text(r, 7);
  run.slices = static_cast<int>(integer_value(r, 8));
  run.created_at = time_at(r, 9);
  run.finished_at = optional_time(r, 10);
  return run;
}

OutreachItem item_from(const soci::row& r) {
  OutreachItem i;
  i.id = r.get<std::string>(0);
  i.run_id = r.get<std::string>(1);
  i.company_id = r.get<std::string>(2);
  i.lead_id = r.get<std::string>(3);
  i.to_email = r.get<std::string>(4);
  i.state = parse_item_state(r.get<std::string>(5));
  i.attempts = static_cast<int>(integer_value(r, 6));
  i.next_attempt_at = time_at(r, 7);
  i.reason = nullable_text(r, 8);
  i.subject = nullable_text(r, 9);
  i.body = nullable_text(r, 10);
  i.email_log_id = r.get<std::string>(11);
  i.message_id = r.get<std::string>(12);
  i.sending_at = optional_time(r, 13);
  i.sent_at = optional_time(r, 14);
  return i;
}

long long count_of(soci::session& s, const std::string& sql, const std::string& a, const std::string& b) {
  long long n = 0;
  s << sql, soci::use(a), soci::use(b), soci::into(n);
  return n;
}

}  // namespace

void CampaignStore::insert(const Campaign& c) {
  int auto_reply = c.auto_reply_enabled, track = c.track_clicks;
  auto scheduled = optional_text(c.scheduled_at);
  auto schedule = schedule_text(c.schedule);
  std::string created = text(c.created_at);
  db_.with_session([&](soci::session& s) {
    s << "INSERT INTO campaigns (" << kCampaignColumns
      << ") VALUES (:id, :c, :p, :n, :d, :ty, :tp, :nr, :dr, :pnr, :pdr, :ar, :tc, :sa, :sc, :tk, :ca)",
        soci::use(c.id), soci::use(c.company_id), soci::use(c.product_id), soci::use(c.name), soci::use(c.description),
        soci::use(c.type), soci::use(c.template_text), soci::use(c.number_of_reminders),
        soci::use(c.days_between_reminders), soci::use(c.phone_number_of_reminders),
        soci::use(c.phone_days_between_reminders), soci::use(auto_reply), soci::use(c.trigger_call_on),
        soci::use(scheduled), soci::use(schedule), soci::use(track), soci::use(created);
  });
}

std::optional<Campaign> CampaignStore::find(const std::string& campaign_id) {
  return db_.with_session([&](soci::session& s) -> std::optional<Campaign> {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT " << kCampaignColumns << " FROM campaigns WHERE id = :id", soci::use(campaign_id));
    for (const auto& r : rows) return campaign_from(r);
    return std::nullopt;
  });
}

std::vector<Campaign> CampaignStore::list(const std::string& company_id) {
  return db_.with_session([&](soci::session& s) {
    std::vector<Campaign> out;
    soci::rowset<soci::row> rows = (s.prepare << "SELECT " << kCampaignColumns
                                              << " FROM campaigns WHERE company_id = :c ORDER BY created_at DESC, id",
                                    soci::use(company_id));
    for (const auto& r : rows) out.push_back(campaign_from(r));
    return out;
  });
}

bool CampaignStore::start_run(
    CampaignRun& run,
    const std::function<OutreachItem(const std::string& lead_id, const std::string& email)>& make_item) {
  return db_.in_transaction([&](soci::session& s) {
    std::string now = text(run.created_at), run_at = text(run.run_at), status(run_status_name(run.status));
    soci::statement insert_run =
        (s.prepare << "INSERT INTO campaign_runs (id, campaign_id, company_id, run_at, status, created_at) "
                      "VALUES (:id, :c, :co, :ra, :st, :t) ON CONFLICT DO NOTHING",
         soci::use(run.id), soci::use(run.campaign_id), soci::use(run.company_id), soci::use(run_at), soci::use(status),
         soci::use(now));
    insert_run.execute(true);
    if (insert_run.get_affected_rows() != 1) return false;
    std::vector<std::pair<std::string, std::string>> targets;
    {
      soci::rowset<soci::row> rows =
          (s.prepare << "SELECT l.id, l.email FROM leads l WHERE l.company_id = :c AND l.deleted = 0 "
                        "AND l.do_not_contact = 0 AND l.email IS NOT NULL AND l.email <> '' AND NOT EXISTS "
                        "(SELECT 1 FROM do_not_email d WHERE d.company_id = l.company_id AND d.email = lower(l.email)) "
                        "ORDER BY l.created_at, l.id",
           soci::use(run.company_id));
      for (const auto& r : rows) targets.emplace_back(r.get<std::string>(0), r.get<std::string>(1));
    }
    OutreachItem item;
    std::string lead_id, email;
    soci::statement insert_item =
        (s.prepare
             << "INSERT INTO outreach_items (id, run_id, company_id, lead_id, to_email, state, attempts, "
                "next_attempt_at, email_log_id, message_id, updated_at) VALUES (:id, :r, :c, :l, :e, 'queued', 0, "
                ":n, :log, :mid, :u)",
         soci::use(item.id), soci::use(run.id), soci::use(run.company_id), soci::use(lead_id), soci::use(email),
         soci::use(now), soci::use(item.email_log_id), soci::use(item.message_id), soci::use(now));
    for (const auto& [id, address] : targets) {
      item = make_item(id, address);
      lead_id = id;
      email = address;
      insert_item.execute(true);
    }
    run.leads_total = static_cast<long long>(targets.size());
    s << "UPDATE campaign_runs SET leads_total = :n WHERE id = :id", soci::use(run.leads_total), soci::use(run.id);
    return true;
  });
}

std::optional<CampaignRun> CampaignStore::find_run(const std::string& run_id) {
  return db_.with_session([&](soci::session& s) -> std::optional<CampaignRun> {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT " << kRunColumns << " FROM campaign_runs WHERE id = :id", soci::use(run_id));
    for (const auto& r : rows) return run_from(r);
    return std::nullopt;
  });
}

RunPage CampaignStore::list_runs(const std::string& company_id, const std::optional<std::string>& campaign_id,
                                 long long offset, long long limit) {
  return db_.with_session([&](soci::session& s) {
    RunPage page;
    std::string filter = campaign_id ? " AND campaign_id = :k" : "";
    std::string key = campaign_id.value_or("");
    if (campaign_id)
      page.total = count_of(s, "SELECT count(*) FROM campaign_runs WHERE company_id = :c" + filter, company_id, key);
    else
      s << "SELECT count(*) FROM campaign_runs WHERE company_id = :c", soci::use(company_id), soci::into(page.total);
    std::string sql = std::string("SELECT ") + kRunColumns + " FROM campaign_runs WHERE company_id = :c" + filter +
                      " ORDER BY created_at DESC, id LIMIT :lim OFFSET :off";
    auto collect = [&](soci::rowset<soci::row>& rows) {
      for (const auto& r : rows) page.runs.push_back(run_from(r));
    };
    if (campaign_id) {
      soci::rowset<soci::row> rows =
          (s.prepare << sql, soci::use(company_id), soci::use(key), soci::use(limit), soci::use(offset));
      collect(rows);
    } else {
      soci::rowset<soci::row> rows = (s.prepare << sql, soci::use(company_id), soci::use(limit), soci::use(offset));
      collect(rows);
    }
    return page;
  });
}

std::map<std::string, RunCounts> CampaignStore::counts(const std::vector<std::string>& run_ids) {
  return db_.with_session([&](soci::session& s) {
    std::map<std::string, RunCounts> out;
    for (const auto& id : run_ids) {
      RunCounts& c = out[id];
      soci::rowset<soci::row> states =
          (s.prepare << "SELECT state, count(*) FROM outreach_items WHERE run_id = :r GROUP BY state", soci::use(id));
      for (const auto& r : states) {
        auto n = integer_value(r, 1);
        switch (parse_item_state(r.get<std::string>(0))) {
          case ItemState::queued:
          case ItemState::written:
          case ItemState::sending:
            c.queued += n;
            break;
          case ItemState::sent:
            c.sent += n;
            break;
          case ItemState::skipped:
            c.skipped += n;
            break;
          case ItemState::failed:
            c.failed += n;
            break;
          case ItemState::uncertain:
            c.uncertain += n;
            break;
        }
      }
      soci::rowset<soci::row> logs = (s.prepare << std::string("SELECT count(*), ") + kEmailOutcomeCounts +
                                                       "FROM email_logs WHERE campaign_run_id = :r",
                                      soci::use(id));
      for (const auto& r : logs) {  // 4: meetings, not among a run's counts
        c.opened = integer_value(r, 1);
        c.clicked = integer_value(r, 2);
        c.replied = integer_value(r, 3);
        c.unsubscribed = integer_value(r, 5);
        c.bounced = integer_value(r, 6);
      }
    }
    return out;
  });
}

bool CampaignStore::finish_run(const std::string& run_id, RunStatus status, const std::optional<std::string>& reason,
                               bool has_failed_items, TimePoint now) {
  std::string st(run_status_name(status)), at = text(now);
  int failed = has_failed_items;
  return db_.with_session([&](soci::session& s) {
    soci::statement q =
        (s.prepare << "UPDATE campaign_runs SET status = :s, failure_reason = :r, has_failed_items = :f, "
                      "finished_at = :t WHERE id = :id AND status = 'running'",
         soci::use(st), soci::use(reason), soci::use(failed), soci::use(at), soci::use(run_id));
    q.execute(true);
    return q.get_affected_rows() == 1;
  });
}

int CampaignStore::next_slice(const std::string& run_id) {
  return db_.in_transaction([&](soci::session& s) {
    s << "UPDATE campaign_runs SET slices = slices + 1 WHERE id = :id", soci::use(run_id);
    long long n = 0;
    s << "SELECT slices FROM campaign_runs WHERE id = :id", soci::use(run_id), soci::into(n);
    return static_cast<int>(n);
  });
}

bool CampaignStore::has_running_run(const std::string& campaign_id) {
  return db_.with_session([&](soci::session& s) {
    long long n = 0;
    s << "SELECT count(*) FROM campaign_runs WHERE campaign_id = :c AND status = 'running'", soci::use(campaign_id),
        soci::into(n);
    return n > 0;
  });
}

std::vector<OutreachItem> CampaignStore::items(const std::string& run_id, const std::optional<ItemState>& state,
                                               long long offset, long long limit, long long* total) {
  std::string wanted = state ? std::string(item_state_name(*state)) : "";
  std::string filter = state ? " AND state = :s" : " AND :s = ''";
  return db_.with_session([&](soci::session& s) {
    s << "SELECT count(*) FROM outreach_items WHERE run_id = :r" + filter, soci::use(run_id), soci::use(wanted),
        soci::into(*total);
    std::vector<OutreachItem> out;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string("SELECT ") + kItemColumns + " FROM outreach_items WHERE run_id = :r" + filter +
                          " ORDER BY id LIMIT :n OFFSET :o",
         soci::use(run_id), soci::use(wanted), soci::use(limit), soci::use(offset));
    for (const auto& r : rows) out.push_back(item_from(r));
    return out;
  });
}

long long CampaignStore::mark_sending_uncertain(const std::string& run_id, TimePoint cutoff, TimePoint now) {
  std::string at = text(now), before = text(cutoff);
  return db_.with_session([&](soci::session& s) {
    soci::statement q =
        (s.prepare << "UPDATE outreach_items SET state = 'uncertain', reason = 'the process sending it stopped before "
                      "the mail server answered: it may or may not have been delivered', updated_at = :t "
                      "WHERE run_id = :r AND state = 'sending' AND sending_at < :c",
         soci::use(at), soci::use(run_id), soci::use(before));
    q.execute(true);
    return static_cast<long long>(q.get_affected_rows());
  });
}

std::vector<OutreachItem> CampaignStore::ready_items(const std::string& run_id, TimePoint now, int limit) {
  std::string at = text(now);
  return db_.with_session([&](soci::session& s) {
    std::vector<OutreachItem> out;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT " << kItemColumns
                   << " FROM outreach_items WHERE run_id = :r AND state IN ('queued', 'written') AND next_attempt_at "
                      "<= :t ORDER BY next_attempt_at, id LIMIT :n",
         soci::use(run_id), soci::use(at), soci::use(limit));
    for (const auto& r : rows) out.push_back(item_from(r));
    return out;
  });
}

CampaignStore::Pending CampaignStore::pending(const std::string& run_id) {
  return db_.with_session([&](soci::session& s) {
    std::optional<std::string> due, sending;
    s << "SELECT min(next_attempt_at) FROM outreach_items WHERE run_id = :r AND state IN ('queued', 'written')",
        soci::use(run_id), soci::into(due);
    s << "SELECT min(sending_at) FROM outreach_items WHERE run_id = :r AND state = 'sending'", soci::use(run_id),
        soci::into(sending);
    return Pending{due ? parse_rfc3339(*due) : std::nullopt, sending ? parse_rfc3339(*sending) : std::nullopt};
  });
}

bool CampaignStore::any_failed(const std::string& run_id) {
  return db_.with_session([&](soci::session& s) {
    long long n = 0;
    s << "SELECT count(*) FROM outreach_items WHERE run_id = :r AND state = 'failed'", soci::use(run_id), soci::into(n);
    return n > 0;
  });
}

void CampaignStore::skip_unfinished(const std::string& run_id, const std::string& reason, TimePoint now) {
  std::string at = text(now);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE outreach_items SET state = 'skipped', reason = :r, updated_at = :t WHERE run_id = :id AND state IN "
         "('queued', 'written')",
        soci::use(reason), soci::use(at), soci::use(run_id);
  });
}

bool CampaignStore::set_written(const std::string& item_id, const std::string& subject, const std::string& body,
                                TimePoint now) {
  std::string at = text(now);
  return db_.with_session([&](soci::session& s) {
    soci::statement q =
        (s.prepare << "UPDATE outreach_items SET state = 'written', subject = :s, body = :b, attempts = 0, "
                      "reason = NULL, updated_at = :t WHERE id = :id AND state = 'queued'",
         soci::use(subject), soci::use(body), soci::use(at), soci::use(item_id));
    q.execute(true);
    return q.get_affected_rows() == 1;
  });
}

void CampaignStore::retry_later(const std::string& item_id, ItemState state, int attempts, TimePoint at_time,
                                const std::string& reason, TimePoint now) {
  std::string st(item_state_name(state)), at = text(at_time), updated = text(now);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE outreach_items SET state = :s, attempts = :a, next_attempt_at = :n, reason = :r, sending_at = NULL, "
         "updated_at = :u WHERE id = :id AND state IN ('queued', 'written', 'sending')",
        soci::use(st), soci::use(attempts), soci::use(at), soci::use(reason), soci::use(updated), soci::use(item_id);
  });
}

bool CampaignStore::finish_item(const std::string& item_id, ItemState state, const std::string& reason, TimePoint now) {
  std::string st(item_state_name(state)), at = text(now);
  return db_.with_session([&](soci::session& s) {
    soci::statement q = (s.prepare << "UPDATE outreach_items SET state = :s, reason = :r, updated_at = :t "
                                      "WHERE id = :id AND state IN ('queued', 'written', 'sending')",
                         soci::use(st), soci::use(reason), soci::use(at), soci::use(item_id));
    q.execute(true);
    return q.get_affected_rows() == 1;
  });
}

std::variant<bool, TimePoint> CampaignStore::claim_send(const std::string& item_id, const std::string& company_id,
                                                        const std::optional<EmailThrottle>& throttle, TimePoint now) {
  return db_.in_transaction([&](soci::session& s) -> std::variant<bool, TimePoint> {
    // One claimer per company at a time, across processes.
    std::string locked;
    s << "SELECT company_id FROM mailboxes WHERE company_id = :c" + std::string(db_.dialect().for_update()),
        soci::use(company_id), soci::into(locked);
    if (throttle && throttle->enabled) {
      for (auto [window, limit] : {std::pair{std::chrono::seconds(3600), throttle->max_emails_per_hour},
                                   std::pair{std::chrono::seconds(86400), throttle->max_emails_per_day}}) {
        std::string since = text(now - window);
        long long used = 0;
        std::optional<std::string> oldest;
        s << "SELECT count(*), min(sending_at) FROM outreach_items WHERE company_id = :c AND sending_at >= :t",
            soci::use(company_id), soci::use(since), soci::into(used), soci::into(oldest);
        if (used >= limit) return parse_rfc3339(oldest.value_or(since)).value_or(now) + window;
      }
    }
    std::string at = text(now);
    soci::statement q =
        (s.prepare << "UPDATE outreach_items SET state = 'sending', sending_at = :t, updated_at = :u "
                      "WHERE id = :id AND state = 'written' AND EXISTS (SELECT 1 FROM campaign_runs r WHERE r.id = "
                      "outreach_items.run_id AND r.status = 'running')",
         soci::use(at), soci::use(at), soci::use(item_id));
    q.execute(true);
    return q.get_affected_rows() == 1;
  });
}

bool CampaignStore::mark_sent(const OutreachItem& item, const SentEmail& sent, TimePoint now) {
  std::string at = text(now);
  return db_.in_transaction([&](soci::session& s) {
    soci::statement q =
        (s.prepare << "UPDATE outreach_items SET state = 'sent', sent_at = :t, reason = NULL, updated_at = "
                      ":u WHERE id = :id AND state = 'sending'",
         soci::use(at), soci::use(at), soci::use(item.id));
    q.execute(true);
    if (q.get_affected_rows() != 1) return false;
    s << "INSERT INTO email_logs (id, company_id, campaign_id, campaign_run_id, lead_id, sent_at) VALUES (:id, :c, "
         ":k, :r, :l, :t)",
        soci::use(item.email_log_id), soci::use(item.company_id), soci::use(sent.campaign_id), soci::use(item.run_id),
        soci::use(item.lead_id), soci::use(at);
    std::string detail_id = item.email_log_id + ":1";
    s << "INSERT INTO email_log_details (id, email_log_id, message_id, email_subject, email_body, sender_type, "
         "sent_at, "
         "from_name, from_email, to_email) VALUES (:id, :l, :m, :s, :b, 'assistant', :t, :fn, :fe, :te)",
        soci::use(detail_id), soci::use(item.email_log_id), soci::use(item.message_id), soci::use(sent.subject),
        soci::use(sent.body), soci::use(at), soci::use(sent.from_name), soci::use(sent.from_email),
        soci::use(item.to_email);
    return true;
  });
}

}  // namespace reach
