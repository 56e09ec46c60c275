// One message over SMTP with libcurl: the sending code system mail and campaign mail share. The server's
// last reply line is kept, and the outcome is classified the way the campaign engine needs it.
#pragma once
#include <curl/curl.h>

#include <optional>
#include <string>

#include "domain/mailbox.hpp"

namespace reach {

struct SmtpEnvelope {
  std::string url;                 // smtp://host:port or smtps://host:port
  std::string user, password;      // empty user: no AUTH
  bool require_tls = true;         // STARTTLS required on smtp:// (implicit on smtps://)
  std::string mail_from, rcpt_to;  // bare addresses
  long connect_timeout_seconds = 10, timeout_seconds = 60;
};

// Sends `message` (RFC 5322 text with CRLF line ends; libcurl dot-stuffs it) on `curl`, which may hold a
// connection from an earlier message to the same server (it is reused). 4xx, a refused connection and
// a timeout before the message was handed over are temporary; 5xx permanent; a refused login is
// login_failed; a timeout or a drop after the whole message was handed over is unknown.
SendResult smtp_transfer(CURL* curl, const SmtpEnvelope& envelope, const std::string& message);

// Logs in to an SMTP (smtp[s]://) or IMAP (imap[s]://) server and sends NOOP, nothing else: nothing
// when the login worked, else what failed with the server's own last reply line. Only the envelope's
// url, login, TLS and timeouts are used.
std::optional<std::string> mail_login_problem(const SmtpEnvelope& envelope);

}  // namespace reach
