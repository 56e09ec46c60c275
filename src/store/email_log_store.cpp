#include "store/email_log_store.hpp"

#include <map>

#include "store/row_values.hpp"
#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

constexpr const char* kLogSelect =
    "SELECT e.id, e.company_id, e.campaign_id, e.campaign_run_id, e.lead_id, e.sent_at, e.open_count, "
    "e.machine_open_count, e.click_count, e.first_opened_at, e.has_replied, e.has_meeting_booked, c.name, l.name, "
    "l.email FROM email_logs e JOIN campaigns c ON c.id = e.campaign_id JOIN leads l ON l.id = e.lead_id ";

EmailLogEntry entry_from(const soci::row& r) {
  EmailLogEntry e;
  e.id = r.get<std::string>(0);
  e.company_id = r.get<std::string>(1);
  e.campaign_id = r.get<std::string>(2);
  e.campaign_run_id = r.get<std::string>(3);
  e.lead_id = r.get<std::string>(4);
  e.sent_at = parse_rfc3339(r.get<std::string>(5)).value();
  e.open_count = integer_value(r, 6);
  e.machine_open_count = integer_value(r, 7);
  e.click_count = integer_value(r, 8);
  if (auto t = nullable_text(r, 9)) e.first_opened_at = parse_rfc3339(*t);
  e.has_replied = integer_value(r, 10) != 0;
  e.has_meeting_booked = integer_value(r, 11) != 0;
  e.campaign_name = r.get<std::string>(12);
  e.lead_name = r.get<std::string>(13);
  e.lead_email = nullable_text(r, 14);
  return e;
}

}  // namespace

std::vector<EmailLogEntry> EmailLogStore::list(const std::string& company_id, const EmailFilter& filter,
                                               long long offset, long long limit, long long* total) {
  return db_.with_session([&](soci::session& s) {
    std::vector<EmailLogEntry> out;
    // Both filters are always bound; an absent one in a condition that always holds (:k = '').
    std::string campaign = filter.campaign_id.value_or(""), lead = filter.lead_id.value_or("");
    std::string where = "WHERE e.company_id = :c";
    where += filter.campaign_id ? " AND e.campaign_id = :k" : " AND :k = ''";
    where += filter.lead_id ? " AND e.lead_id = :l" : " AND :l = ''";
    s << "SELECT count(*) FROM email_logs e " + where, soci::use(company_id), soci::use(campaign), soci::use(lead),
        soci::into(*total);
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kLogSelect) + where + " ORDER BY e.sent_at DESC, e.id LIMIT :n OFFSET :o",
         soci::use(company_id), soci::use(campaign), soci::use(lead), soci::use(limit), soci::use(offset));
    for (const auto& r : rows) out.push_back(entry_from(r));
    return out;
  });
}

std::optional<EmailLogEntry> EmailLogStore::find(const std::string& company_id, const std::string& email_log_id) {
  return db_.with_session([&](soci::session& s) -> std::optional<EmailLogEntry> {
    soci::rowset<soci::row> rows = (s.prepare << std::string(kLogSelect) + "WHERE e.id = :id AND e.company_id = :c",
                                    soci::use(email_log_id), soci::use(company_id));
    for (const auto& r : rows) return entry_from(r);
    return std::nullopt;
  });
}

std::vector<EmailMessage> EmailLogStore::thread(const std::string& email_log_id) {
  return db_.with_session([&](soci::session& s) {
    std::vector<EmailMessage> out;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT message_id, email_subject, email_body, sender_type, sent_at, from_name, from_email, "
                      "to_email FROM email_log_details WHERE email_log_id = :id ORDER BY sent_at, id",
         soci::use(email_log_id));
    for (const auto& r : rows)
      out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                     parse_rfc3339(r.get<std::string>(4)).value(), nullable_text(r, 5), r.get<std::string>(6),
                     r.get<std::string>(7)});
    return out;
  });
}

EmailFunnel EmailLogStore::funnel(const std::string& campaign_id, const std::string& run_id) {
  return db_.with_session([&](soci::session& s) {
    EmailFunnel f;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string("SELECT count(*), ") + kEmailOutcomeCounts +
                          "FROM email_logs WHERE campaign_id = :c" +
                          std::string(run_id.empty() ? " AND :r = ''" : " AND campaign_run_id = :r"),
         soci::use(campaign_id), soci::use(run_id));
    for (const auto& r : rows)
      f = {integer_value(r, 0), integer_value(r, 1), integer_value(r, 2), integer_value(r, 3),
           integer_value(r, 4), integer_value(r, 5), integer_value(r, 6)};
    return f;
  });
}

std::vector<DayActivity> EmailLogStore::activity(const std::string& campaign_id, const std::string& run_id,
                                                 TimePoint from, TimePoint to) {
  // Times are fixed-width RFC 3339 text, so a day is the first ten characters and ranges compare as text.
  std::string logs = "FROM email_logs e WHERE e.campaign_id = :c" +
                     std::string(run_id.empty() ? " AND :r = ''" : " AND e.campaign_run_id = :r");
  // Each count as (day, emails): the day of each email's first event of its kind.
  std::string sent = "SELECT e.sent_at AS t " + logs;
  std::string opened = "SELECT e.first_opened_at AS t " + logs + " AND e.first_opened_at IS NOT NULL";
  std::string clicked = "SELECT min(k.first_clicked_at) AS t FROM tracked_links k JOIN (SELECT e.id " + logs +
                        ") e ON e.id = k.email_log_id WHERE k.first_clicked_at IS NOT NULL GROUP BY k.email_log_id";
  std::string replied = "SELECT min(d.sent_at) AS t FROM email_log_details d JOIN (SELECT e.id " + logs +
                        ") e ON e.id = d.email_log_id WHERE d.sender_type = 'user' GROUP BY d.email_log_id";
  std::string lo = format_rfc3339(from), hi = format_rfc3339(to);
  return db_.with_session([&](soci::session& s) {
    std::map<std::string, DayActivity> days;
    auto count = [&](const std::string& firsts, long long DayActivity::*field) {
      soci::rowset<soci::row> rows = (s.prepare << "SELECT substr(t, 1, 10), count(*) FROM (" + firsts +
                                                       ") x WHERE t >= :lo AND t < :hi GROUP BY substr(t, 1, 10)",
                                      soci::use(campaign_id), soci::use(run_id), soci::use(lo), soci::use(hi));
      for (const auto& r : rows) {
        auto& day = days[r.get<std::string>(0)];
        day.*field = integer_value(r, 1);
      }
    };
    count(sent, &DayActivity::sent);
    count(opened, &DayActivity::opened);
    count(clicked, &DayActivity::clicked);
    count(replied, &DayActivity::replied);
    std::vector<DayActivity> out;
    for (auto& [date, day] : days) {
      day.date = date;
      out.push_back(day);
    }
    return out;
  });
}

long long EmailLogStore::add_opens(const std::vector<OpenTally>& tallies, std::chrono::seconds machine_window) {
  if (tallies.empty()) return 0;
  return db_.in_transaction([&](soci::session& s) {
    long long recorded = 0;
    std::string id, first;
    std::optional<std::string> sent;
    soci::statement find =
        (s.prepare << "SELECT sent_at FROM email_logs WHERE id = :id", soci::use(id), soci::into(sent));
    long long opens = 0, machine = 0;
    soci::statement update = (s.prepare << "UPDATE email_logs SET open_count = open_count + :o, machine_open_count = "
                                           "machine_open_count + :m, first_opened_at = coalesce(first_opened_at, :f) "
                                           "WHERE id = :id",
                              soci::use(opens), soci::use(machine), soci::use(first), soci::use(id));
    for (const auto& t : tallies) {
      id = t.email_log_id;
      sent.reset();
      find.execute(true);
      if (!sent) continue;
      auto sent_at = parse_rfc3339(*sent).value();
      opens = t.opens;
      // Opens within the window of sending are prefetches (Apple Mail Privacy Protection, scanners),
      // and so are proxy fetches: likely machine opens either way.
      machine = t.last <= sent_at + machine_window ? t.opens : t.proxy_opens;
      first = format_rfc3339(t.first);
      update.execute(true);
      recorded += t.opens;
    }
    return recorded;
  });
}

void EmailLogStore::add_links(const std::string& email_log_id,
                              const std::vector<std::pair<std::string, std::string>>& links) {
  if (links.empty()) return;
  db_.in_transaction([&](soci::session& s) {
    std::string token, url;
    soci::statement st = (s.prepare << "INSERT INTO tracked_links (token, email_log_id, url) VALUES (:t, :l, :u) "
                                       "ON CONFLICT (token) DO NOTHING",
                          soci::use(token), soci::use(email_log_id), soci::use(url));
    for (const auto& [t, u] : links) {
      token = t;
      url = u;
      st.execute(true);
    }
  });
}

std::optional<std::string> EmailLogStore::click(const std::string& token, TimePoint now) {
  std::string at = format_rfc3339(now);
  return db_.in_transaction([&](soci::session& s) -> std::optional<std::string> {
    std::optional<std::string> url, log_id;
    s << "SELECT url, email_log_id FROM tracked_links WHERE token = :t", soci::use(token), soci::into(url),
        soci::into(log_id);
    if (!url) return std::nullopt;
    s << "UPDATE tracked_links SET click_count = click_count + 1, first_clicked_at = coalesce(first_clicked_at, :n) "
         "WHERE token = :t",
        soci::use(at), soci::use(token);
    s << "UPDATE email_logs SET click_count = click_count + 1 WHERE id = :l", soci::use(*log_id);
    return url;
  });
}

void EmailLogStore::mark_unsubscribed(const std::string& email_log_id, TimePoint now) {
  std::string at = format_rfc3339(now);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE email_logs SET unsubscribed_at = coalesce(unsubscribed_at, :t) WHERE id = :id", soci::use(at),
        soci::use(email_log_id);
  });
}

std::optional<CachedResearch> EmailLogStore::research(const std::string& company_id, const std::string& domain) {
  return db_.with_session([&](soci::session& s) -> std::optional<CachedResearch> {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT insights, source FROM research_cache WHERE company_id = :c AND domain = :d",
         soci::use(company_id), soci::use(domain));
    for (const auto& r : rows) return CachedResearch{r.get<std::string>(0), r.get<std::string>(1)};
    return std::nullopt;
  });
}

void EmailLogStore::put_research(const std::string& company_id, const std::string& domain, const CachedResearch& r,
                                 TimePoint now) {
  std::string at = format_rfc3339(now);
  db_.with_session([&](soci::session& s) {
    s << "INSERT INTO research_cache (company_id, domain, insights, source, created_at) VALUES (:c, :d, :i, :s, :t) "
         "ON CONFLICT (company_id, domain) DO UPDATE SET insights = excluded.insights, source = excluded.source, "
         "created_at = excluded.created_at",
        soci::use(company_id), soci::use(domain), soci::use(r.insights), soci::use(r.source), soci::use(at);
  });
}

}  // namespace reach
