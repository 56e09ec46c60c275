#include "providers/mail/smtp_campaign_mailer.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>

#include "providers/mail/mime_message.hpp"

namespace reach {
namespace {

constexpr std::size_t kIdlePerMailbox = 4;

struct Upload {
  const std::string* data = nullptr;
  std::size_t pos = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t nitems, void* userp) {
  auto* up = static_cast<Upload*>(userp);
  std::size_t n = std::min(size * nitems, up->data->size() - up->pos);
  std::memcpy(buffer, up->data->data() + up->pos, n);
  up->pos += n;
  return n;
}

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
    std::lock_guard lock(mu_);
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
  std::lock_guard lock(mu_);
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
  CURL* c = handle->curl.get();
  std::string message = build_mime_message(email, "=_reach_" + random_token(rng_, 12));
  Upload up{&message, 0};
  std::string reply;
  std::string mail_from = "<" + login.settings.email + ">";
  std::string rcpt = "<" + email.to_email + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpts(curl_slist_append(nullptr, rcpt.c_str()),
                                                                    &curl_slist_free_all);
  curl_easy_setopt(c, CURLOPT_URL, smtp_url(login.settings).c_str());
  set_login(c, login, static_cast<long>(timeouts_.connect.count()), static_cast<long>(timeouts_.total.count()), &reply);
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, nullptr);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 0L);
  if (rc == CURLE_OK) {
    give_back(key, std::move(handle));
    return {SendOutcome::accepted, code, reply};
  }
  // A failed handle may hold a broken connection: it is not kept.
  if (rc == CURLE_LOGIN_DENIED) return {SendOutcome::login_failed, code, failure_text(rc, reply)};
  // A server that answered 4xx or 5xx (at MAIL, RCPT or the end of DATA) said what it thinks.
  if (code >= 500 && code < 600) return {SendOutcome::permanent_failure, code, failure_text(rc, reply)};
  if (code >= 400 && code < 500) return {SendOutcome::temporary_failure, code, failure_text(rc, reply)};
  // Otherwise the connection failed, dropped or stalled. Before the whole message was handed over the
  // server cannot have taken it; after, it may have (its answer to the final dot never came).
  bool handed_over = up.pos == message.size();
  return {handed_over ? SendOutcome::unknown : SendOutcome::temporary_failure, code, failure_text(rc, reply)};
}

}  // namespace reach
