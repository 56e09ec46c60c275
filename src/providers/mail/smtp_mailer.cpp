#include "providers/mail/smtp_mailer.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "providers/mail/rfc5322.hpp"
#include "providers/mail/smtp_transfer.hpp"

namespace reach {
namespace {

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
  std::string message = build_rfc5322(email, from_, new_uuid(rng_) + "@" + domain, clock_.now());
  // STARTTLS when the server offers it (the system relay may be a local one without TLS).
  SmtpEnvelope envelope{url_, user_, password_, false, envelope_address(from_), email.to, 10, 30};
  SendResult result = smtp_transfer(curl.get(), envelope, message);
  if (result.outcome != SendOutcome::accepted) throw std::runtime_error("SMTP send failed: " + result.reason);
}

}  // namespace reach
