#include "providers/mail/smtp_transfer.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace reach {
namespace {

struct Upload {
  const std::string* data = nullptr;
  std::size_t pos = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t nitems, void* userp) {
  auto* up = static_cast<Upload*>(userp);
  std::size_t n = std::min(size * nitems, up->data->size() - up->pos);
  std::copy_n(up->data->data() + up->pos, n, buffer);
  up->pos += n;
  return n;
}

// The server's last reply line (what it said when it refused), from libcurl's protocol trace.
int remember_reply(CURL*, curl_infotype type, char* data, std::size_t size, void* userp) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.size() > 300) line.resize(300);
  if (!line.empty()) *static_cast<std::string*>(userp) = line;
  return 0;
}

std::string failure_text(CURLcode rc, const std::string& reply) {
  std::string text = curl_easy_strerror(rc);
  if (!reply.empty()) text += ": " + reply;
  return text;
}

std::size_t discard(char*, std::size_t size, std::size_t nitems, void*) { return size * nitems; }

// URL, login, TLS, timeouts, and the trace that keeps the server's last reply in `reply`.
void set_connection(CURL* c, const SmtpEnvelope& e, std::string* reply) {
  curl_easy_setopt(c, CURLOPT_URL, e.url.c_str());
  if (!e.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, e.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, e.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(e.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, e.connect_timeout_seconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, e.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, remember_reply);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, reply);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // feeds the trace above; nothing is printed
}

}  // namespace

std::optional<std::string> mail_login_problem(const SmtpEnvelope& e) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  std::string reply;
  set_connection(curl.get(), e, &reply);
  curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, "NOOP");
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, discard);
  CURLcode rc = curl_easy_perform(curl.get());
  if (rc == CURLE_OK) return std::nullopt;
  return failure_text(rc, reply);
}

SendResult smtp_transfer(CURL* c, const SmtpEnvelope& e, const std::string& message) {
  Upload up{&message, 0};
  std::string reply;
  std::string mail_from = "<" + e.mail_from + ">", rcpt = "<" + e.rcpt_to + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpts(curl_slist_append(nullptr, rcpt.c_str()),
                                                                    &curl_slist_free_all);
  set_connection(c, e, &reply);
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  // Nothing set above may outlive this call: the handle may be kept for the next message.
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, nullptr);
  curl_easy_setopt(c, CURLOPT_READDATA, nullptr);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 0L);
  if (rc == CURLE_OK) return {SendOutcome::accepted, code, reply};
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
