#include "providers/mail/smtp_mailer.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "providers/mail/rfc5322.hpp"

namespace reach {
namespace {

struct Upload {
  std::string data;
  std::size_t pos = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t nitems, void* userp) {
  auto* up = static_cast<Upload*>(userp);
  std::size_t n = std::min(size * nitems, up->data.size() - up->pos);
  std::memcpy(buffer, up->data.data() + up->pos, n);
  up->pos += n;
  return n;
}

std::string url_decode(const std::string& s) {
  int n = 0;
  char* out = curl_easy_unescape(nullptr, s.c_str(), static_cast<int>(s.size()), &n);
  std::string r(out, static_cast<std::size_t>(n));
  curl_free(out);
  return r;
}

}  // namespace

std::string envelope_address(const std::string& from) {
  auto lt = from.find('<'), gt = from.find('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) return from.substr(lt + 1, gt - lt - 1);
  return from;
}

SmtpMailer::SmtpMailer(std::string url, std::string from, const Clock& clock, Rng& rng)
    : from_(std::move(from)), clock_(clock), rng_(rng) {
  auto scheme_end = url.find("://");
  auto at = url.rfind('@');
  if (scheme_end != std::string::npos && at != std::string::npos && at > scheme_end) {
    std::string creds = url.substr(scheme_end + 3, at - scheme_end - 3);
    auto colon = creds.find(':');
    user_ = url_decode(creds.substr(0, colon));
    if (colon != std::string::npos) password_ = url_decode(creds.substr(colon + 1));
    url = url.substr(0, scheme_end + 3) + url.substr(at + 1);
  }
  url_ = url;
}

void SmtpMailer::send(const SystemEmail& email) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  std::string domain = envelope_address(from_);
  domain = domain.substr(domain.find('@') + 1);
  Upload up{build_rfc5322(email, from_, new_uuid(rng_) + "@" + domain, clock_.now())};
  std::string mail_from = "<" + envelope_address(from_) + ">";
  std::string rcpt = "<" + email.to + ">";
  curl_slist* rcpts = curl_slist_append(nullptr, rcpt.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpts, &curl_slist_free_all);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  if (!user_.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, user_.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password_.c_str());
  }
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    throw std::runtime_error(std::string("SMTP send failed: ") + curl_easy_strerror(rc) +
                             (code ? " (server said " + std::to_string(code) + ")" : ""));
  }
}

}  // namespace reach
