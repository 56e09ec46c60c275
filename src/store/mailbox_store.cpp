#include "store/mailbox_store.hpp"

#include "store/row_values.hpp"
#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

std::string security_name(MailSecurity s) {
  return s == MailSecurity::tls ? "tls" : s == MailSecurity::starttls ? "starttls" : "none";
}
MailSecurity security_from(const std::string& s) {
  return s == "tls" ? MailSecurity::tls : s == "none" ? MailSecurity::none : MailSecurity::starttls;
}

}  // namespace

void MailboxStore::put(const std::string& company_id, const StoredMailbox& m) {
  const MailboxSettings& s = m.settings;
  std::string security = security_name(s.security), at = format_rfc3339(m.updated_at);
  db_.in_transaction([&](soci::session& q) {
    q << "INSERT INTO mailboxes (company_id, account_type, email, from_name, smtp_host, smtp_port, imap_host, "
         "imap_port, "
         "security, sealed_password, created_at, updated_at) VALUES (:c, :t, :e, :n, :sh, :sp, :ih, :ip, :s, :p, :ca, "
         ":ua) "
         "ON CONFLICT (company_id) DO UPDATE SET account_type = excluded.account_type, email = excluded.email, "
         "from_name = excluded.from_name, smtp_host = excluded.smtp_host, smtp_port = excluded.smtp_port, "
         "imap_host = excluded.imap_host, imap_port = excluded.imap_port, security = excluded.security, "
         "sealed_password = excluded.sealed_password, updated_at = excluded.updated_at",
        soci::use(company_id), soci::use(s.account_type), soci::use(s.email), soci::use(s.from_name),
        soci::use(s.smtp_host), soci::use(s.smtp_port), soci::use(s.imap_host), soci::use(s.imap_port),
        soci::use(security), soci::use(m.sealed_password), soci::use(at), soci::use(at);
    q << "UPDATE companies SET account_email = :e, account_type = :t, updated_at = :u WHERE id = :c",
        soci::use(s.email), soci::use(s.account_type), soci::use(at), soci::use(company_id);
  });
}

std::optional<StoredMailbox> MailboxStore::find(const std::string& company_id) {
  return db_.with_session([&](soci::session& q) -> std::optional<StoredMailbox> {
    soci::rowset<soci::row> rows =
        (q.prepare << "SELECT account_type, email, from_name, smtp_host, smtp_port, imap_host, imap_port, security, "
                      "sealed_password, updated_at FROM mailboxes WHERE company_id = :c",
         soci::use(company_id));
    for (const auto& r : rows) {
      StoredMailbox m;
      m.settings.account_type = r.get<std::string>(0);
      m.settings.email = r.get<std::string>(1);
      m.settings.from_name = nullable_text(r, 2);
      m.settings.smtp_host = r.get<std::string>(3);
      m.settings.smtp_port = static_cast<int>(integer_value(r, 4));
      m.settings.imap_host = nullable_text(r, 5);
      if (r.get_indicator(6) != soci::i_null) m.settings.imap_port = static_cast<int>(integer_value(r, 6));
      m.settings.security = security_from(r.get<std::string>(7));
      m.sealed_password = r.get<std::string>(8);
      m.updated_at = parse_rfc3339(r.get<std::string>(9)).value();
      return m;
    }
    return std::nullopt;
  });
}

void MailboxStore::put_throttle(const std::string& company_id, const EmailThrottle& t, TimePoint now) {
  int enabled = t.enabled;
  std::string at = format_rfc3339(now);
  db_.with_session([&](soci::session& q) {
    q << "INSERT INTO email_throttles (company_id, max_emails_per_hour, max_emails_per_day, enabled, updated_at) "
         "VALUES (:c, :h, :d, :e, :u) ON CONFLICT (company_id) DO UPDATE SET max_emails_per_hour = "
         "excluded.max_emails_per_hour, max_emails_per_day = excluded.max_emails_per_day, enabled = excluded.enabled, "
         "updated_at = excluded.updated_at",
        soci::use(company_id), soci::use(t.max_emails_per_hour), soci::use(t.max_emails_per_day), soci::use(enabled),
        soci::use(at);
  });
}

std::optional<EmailThrottle> MailboxStore::throttle(const std::string& company_id) {
  return db_.with_session([&](soci::session& q) -> std::optional<EmailThrottle> {
    soci::rowset<soci::row> rows =
        (q.prepare
             << "SELECT max_emails_per_hour, max_emails_per_day, enabled FROM email_throttles WHERE company_id = :c",
         soci::use(company_id));
    for (const auto& r : rows)
      return EmailThrottle{static_cast<int>(integer_value(r, 0)), static_cast<int>(integer_value(r, 1)),
                           integer_value(r, 2) != 0};
    return std::nullopt;
  });
}

bool MailboxStore::add_do_not_email(const DoNotEmailEntry& e) {
  std::string at = format_rfc3339(e.created_at);
  return db_.with_session([&](soci::session& q) {
    soci::statement st =
        (q.prepare
             << "INSERT INTO do_not_email (id, company_id, email, reason, created_at) VALUES (:id, :c, :e, :r, :t) "
                "ON CONFLICT (company_id, email) DO NOTHING",
         soci::use(e.id), soci::use(e.company_id), soci::use(e.email), soci::use(e.reason), soci::use(at));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

bool MailboxStore::remove_do_not_email(const std::string& company_id, const std::string& email) {
  return db_.with_session([&](soci::session& q) {
    soci::statement st = (q.prepare << "DELETE FROM do_not_email WHERE company_id = :c AND email = :e",
                          soci::use(company_id), soci::use(email));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

bool MailboxStore::is_do_not_email(const std::string& company_id, const std::string& email) {
  return db_.with_session([&](soci::session& q) {
    long long n = 0;
    q << "SELECT count(*) FROM do_not_email WHERE company_id = :c AND email = :e", soci::use(company_id),
        soci::use(email), soci::into(n);
    return n > 0;
  });
}

std::vector<DoNotEmailEntry> MailboxStore::do_not_email(const std::string& company_id, long long offset,
                                                        long long limit, long long* total) {
  return db_.with_session([&](soci::session& q) {
    q << "SELECT count(*) FROM do_not_email WHERE company_id = :c", soci::use(company_id), soci::into(*total);
    std::vector<DoNotEmailEntry> out;
    soci::rowset<soci::row> rows =
        (q.prepare << "SELECT id, company_id, email, reason, created_at FROM do_not_email WHERE company_id = :c "
                      "ORDER BY created_at DESC, email LIMIT :n OFFSET :o",
         soci::use(company_id), soci::use(limit), soci::use(offset));
    for (const auto& r : rows)
      out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                     parse_rfc3339(r.get<std::string>(4)).value()});
    return out;
  });
}

}  // namespace reach
