#include "providers/mail/smtp_campaign_mailer.hpp"

#include <curl/curl.h>

#include <algorithm>

#include "providers/mail/mime_message.hpp"
#include "providers/mail/smtp_transfer.hpp"

namespace reach {
namespace {

constexpr std::size_t kIdlePerMailbox = 4;

std::size_t discard(char*, std::size_t size, std::size_t nitems, void*) { return size * nitems; }

// The server's last reply line (what it said when it refused), from libcurl's protocol trace.
int remember_reply(CURL*, curl_infotype type, char* data, std::size_t size, void* userp) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.size() > 300) line.resize(300);
  if (!line.empty()) *static_cast<std::string*>(userp) = line;
  return 0;
}

void set_login(CURL* c, const MailboxLogin& login, long connect_seconds, long total_seconds, std::string* reply) {
  curl_easy_setopt(c, CURLOPT_USERNAME, login.settings.email.c_str());
  curl_easy_setopt(c, CURLOPT_PASSWORD, login.password.c_str());
  curl_easy_setopt(c, CURLOPT_USE_SSL,
                   static_cast<long>(login.settings.security == MailSecurity::none ? CURLUSESSL_NONE : CURLUSESSL_ALL));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, connect_seconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, total_seconds);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, remember_reply);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, reply);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // feeds the trace above; nothing is printed
}

std::string failure_text(CURLcode rc, const std::string& reply) {
  std::string text = curl_easy_strerror(rc);
  if (!reply.empty()) text += ": " + reply;
  return text;
}

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
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) throw std::runtime_error("curl_easy_init failed");
    std::string reply;
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    set_login(c, login, static_cast<long>(timeouts_.connect.count()), static_cast<long>(timeouts_.connect.count() * 2),
              &reply);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "NOOP");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) return std::nullopt;
    return std::string(what) + " " + failure_text(rc, reply);
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
