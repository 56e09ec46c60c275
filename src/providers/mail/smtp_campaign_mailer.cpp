#include "providers/mail/smtp_campaign_mailer.hpp"

#include <curl/curl.h>

#include <algorithm>

#include "providers/mail/mime_message.hpp"
#include "providers/mail/smtp_transfer.hpp"

namespace reach {
namespace {

constexpr std::size_t kIdlePerMailbox = 4;

}  // namespace

struct SmtpCampaignMailer::Handle {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl{curl_easy_init(), &curl_easy_cleanup};
};

std::string smtp_url(const MailboxSettings& s) {
  return std::string(s.security == MailSecurity::tls ? "smtps://" : "smtp://") + s.smtp_host + ":" +
         std::to_string(s.smtp_port);
}

std::string imap_url(const MailboxSettings& s) {
  int port = s.imap_port.value_or(s.security == MailSecurity::none ? 143 : 993);
  // 993 is IMAP over implicit TLS whatever the SMTP side uses (the providers' presets: STARTTLS on 587).
  return std::string(port == 993 && s.security != MailSecurity::none ? "imaps://" : "imap://") +
         s.imap_host.value_or("") + ":" + std::to_string(port) + "/";
}

SmtpCampaignMailer::SmtpCampaignMailer(SmtpTimeouts timeouts, Rng& rng) : timeouts_(timeouts), rng_(rng) {}
SmtpCampaignMailer::~SmtpCampaignMailer() = default;

std::unique_ptr<SmtpCampaignMailer::Handle> SmtpCampaignMailer::take(const std::string& key) {
  {
    MutexLock lock(mu_);
    auto& pool = idle_[key];
    if (!pool.empty()) {
      auto h = std::move(pool.back());
      pool.pop_back();
      return h;
    }
  }
  auto h = std::make_unique<Handle>();
  if (!h->curl) throw std::runtime_error("curl_easy_init failed");
  return h;
}

void SmtpCampaignMailer::give_back(const std::string& key, std::unique_ptr<Handle> handle) {
  MutexLock lock(mu_);
  auto& pool = idle_[key];
  if (pool.size() < kIdlePerMailbox) pool.push_back(std::move(handle));
}

std::optional<std::string> SmtpCampaignMailer::verify(const MailboxLogin& login) {
  auto check = [&](const std::string& url, const char* what) -> std::optional<std::string> {
    SmtpEnvelope e{url,
                   login.settings.email,
                   login.password,
                   login.settings.security != MailSecurity::none,
                   {},
                   {},
                   static_cast<long>(timeouts_.connect.count()),
                   static_cast<long>(timeouts_.connect.count() * 2)};
    auto problem = mail_login_problem(e);
    if (problem) return std::string(what) + " " + *problem;
    return std::nullopt;
  };
  if (auto failed = check(smtp_url(login.settings), "SMTP")) return failed;
  if (login.settings.imap_host && !login.settings.imap_host->empty())
    if (auto failed = check(imap_url(login.settings), "IMAP")) return failed;
  return std::nullopt;
}

SendResult SmtpCampaignMailer::send(const MailboxLogin& login, const OutgoingEmail& email) {
  std::string key = smtp_url(login.settings) + "|" + login.settings.email;
  auto handle = take(key);
  std::string message = build_mime_message(email, "=_reach_" + random_token(rng_, 12));
  SmtpEnvelope envelope{smtp_url(login.settings),
                        login.settings.email,
                        login.password,
                        login.settings.security != MailSecurity::none,
                        login.settings.email,
                        email.to_email,
                        static_cast<long>(timeouts_.connect.count()),
                        static_cast<long>(timeouts_.total.count())};
  SendResult result = smtp_transfer(handle->curl.get(), envelope, message);
  if (result.outcome == SendOutcome::accepted)
    give_back(key, std::move(handle));  // a failed one may hold a broken connection
  return result;
}

}  // namespace reach
