#include "campaigns/mailbox_service.hpp"

#include <spdlog/spdlog.h>

#include "domain/api_error.hpp"
#include "domain/validation.hpp"
#include "util/crypto.hpp"

namespace reach {
namespace {

struct Preset {
  const char* type;
  const char* smtp_host;
  int smtp_port;
  MailSecurity security;
  const char* imap_host;
};

constexpr Preset kPresets[] = {
    {"gmail", "smtp.gmail.com", 587, MailSecurity::starttls, "imap.gmail.com"},
    {"outlook", "smtp.office365.com", 587, MailSecurity::starttls, "outlook.office365.com"},
    {"yahoo", "smtp.mail.yahoo.com", 465, MailSecurity::tls, "imap.mail.yahoo.com"},
};

bool valid_host(const std::string& host) {
  if (host.empty() || host.size() > 253) return false;
  for (char c : host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':')) return false;
  return true;
}

constexpr int kMaxThrottle = 100000;

}  // namespace

MailboxSettings MailboxService::save_credentials(const std::string& company_id, CredentialsInput in) {
  MailboxSettings s;
  auto email = normalize_email(in.email);
  if (!email) throw bad_request("email must be the mailbox's address, e.g. sales@example.com");
  if (in.password.empty() || in.password.size() > 1024)
    throw bad_request("password must be the mailbox's password or app password (at most 1024 characters)");
  s.email = *email;
  if (in.from_name) {
    auto name = trim(*in.from_name);
    if (name.size() > 200 || name.find_first_of("\r\n<>\"") != std::string::npos)
      throw bad_request("from_name must be at most 200 characters on one line, without < > or \"");
    if (!name.empty()) s.from_name = name;
  }
  s.account_type = in.type;
  const Preset* preset = nullptr;
  for (const auto& p : kPresets)
    if (in.type == p.type) preset = &p;
  if (preset) {
    s.smtp_host = preset->smtp_host;
    s.smtp_port = preset->smtp_port;
    s.security = preset->security;
    s.imap_host = preset->imap_host;
    s.imap_port = 993;
  } else if (in.type == "smtp") {
    if (!in.smtp_host || !valid_host(*in.smtp_host))
      throw bad_request("smtp_host must be the SMTP server's host name, e.g. smtp.example.com");
    s.smtp_host = *in.smtp_host;
    if (in.security == "tls")
      s.security = MailSecurity::tls;
    else if (!in.security || in.security == "starttls")
      s.security = MailSecurity::starttls;
    else if (in.security == "none")
      s.security = MailSecurity::none;
    else
      throw bad_request("security must be tls, starttls or none");
    s.smtp_port = in.smtp_port.value_or(s.security == MailSecurity::tls ? 465 : 587);
    if (s.smtp_port < 1 || s.smtp_port > 65535) throw bad_request("smtp_port must be a port number (1-65535)");
    if (in.imap_host && !in.imap_host->empty()) {
      if (!valid_host(*in.imap_host))
        throw bad_request("imap_host must be the IMAP server's host name, e.g. imap.example.com");
      s.imap_host = in.imap_host;
      s.imap_port = in.imap_port.value_or(s.security == MailSecurity::none ? 143 : 993);
      if (*s.imap_port < 1 || *s.imap_port > 65535) throw bad_request("imap_port must be a port number (1-65535)");
    }
  } else {
    throw bad_request("type must be gmail, outlook, yahoo or smtp");
  }
  if (s.security == MailSecurity::none)
    spdlog::warn("mailbox_without_tls company_id={} smtp_host={}: the password and mail cross the network unencrypted",
                 company_id, s.smtp_host);
  if (auto failure = d_.mailer.verify(MailboxLogin{s, in.password}))
    throw bad_request("The mail server refused the login: " + *failure);
  d_.store.put(company_id, StoredMailbox{s, seal_secret(d_.secrets_key, in.password, company_id), d_.clock.now()});
  return s;
}

std::optional<MailboxSettings> MailboxService::settings(const std::string& company_id) {
  auto m = d_.store.find(company_id);
  if (!m) return std::nullopt;
  return m->settings;
}

std::optional<MailboxLogin> MailboxService::login(const std::string& company_id) {
  auto m = d_.store.find(company_id);
  if (!m) return std::nullopt;
  return MailboxLogin{m->settings, open_secret(d_.secrets_key, m->sealed_password, company_id)};
}

EmailThrottle MailboxService::throttle(const std::string& company_id) {
  return d_.store.throttle(company_id).value_or(EmailThrottle{});
}

EmailThrottle MailboxService::set_throttle(const std::string& company_id, const EmailThrottle& t) {
  if (t.max_emails_per_hour < 1 || t.max_emails_per_hour > kMaxThrottle)
    throw bad_request("max_emails_per_hour must be between 1 and " + std::to_string(kMaxThrottle));
  if (t.max_emails_per_day < 1 || t.max_emails_per_day > kMaxThrottle * 24)
    throw bad_request("max_emails_per_day must be between 1 and " + std::to_string(kMaxThrottle * 24));
  d_.store.put_throttle(company_id, t, d_.clock.now());
  return t;
}

DoNotEmailEntry MailboxService::add_do_not_email(const std::string& company_id, const std::string& email,
                                                 const std::string& reason) {
  auto address = normalize_email(email);
  if (!address) throw bad_request("email must be an address such as name@example.com");
  DoNotEmailEntry e{new_uuid(d_.rng), company_id, *address, reason, d_.clock.now()};
  d_.store.add_do_not_email(e);
  return e;
}

void MailboxService::remove_do_not_email(const std::string& company_id, const std::string& email) {
  auto address = normalize_email(email);
  if (!address || !d_.store.remove_do_not_email(company_id, *address))
    throw not_found("This address is not on the company's do-not-email list");
}

std::vector<DoNotEmailEntry> MailboxService::do_not_email(const std::string& company_id, long long offset,
                                                          long long limit, long long* total) {
  return d_.store.do_not_email(company_id, offset, limit, total);
}

bool MailboxService::is_do_not_email(const std::string& company_id, const std::string& email) {
  auto address = normalize_email(email);
  return d_.store.is_do_not_email(company_id, address.value_or(email));
}

std::string MailboxService::unsubscribe_token(const UnsubscribeTarget& t) {
  return seal_secret(d_.unsubscribe_key, t.company_id + "\n" + t.email + "\n" + t.email_log_id, "unsubscribe");
}

UnsubscribeTarget MailboxService::read_unsubscribe_token(const std::string& token) {
  std::string plain;
  try {
    if (token.size() > 512) throw std::runtime_error("too long");
    plain = open_secret(d_.unsubscribe_key, token, "unsubscribe");
  } catch (const std::exception&) {
    throw not_found("This unsubscribe link is not valid; copy the whole link from the email");
  }
  auto a = plain.find('\n'), b = plain.find('\n', a == std::string::npos ? a : a + 1);
  if (a == std::string::npos || b == std::string::npos)
    throw not_found("This unsubscribe link is not valid; copy the whole link from the email");
  return {plain.substr(0, a), plain.substr(a + 1, b - a - 1), plain.substr(b + 1)};
}

UnsubscribeTarget MailboxService::unsubscribe(const std::string& token) {
  UnsubscribeTarget t = read_unsubscribe_token(token);
  d_.store.add_do_not_email({new_uuid(d_.rng), t.company_id, t.email, "unsubscribed", d_.clock.now()});
  if (!t.email_log_id.empty()) d_.logs.mark_unsubscribed(t.email_log_id, d_.clock.now());
  return t;
}

}  // namespace reach
