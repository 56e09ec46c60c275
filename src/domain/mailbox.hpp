// A company's own mailbox, which its campaign mail goes out from, and the port that talks to it.
// Adapters: SMTP through libcurl, and the local outbox directory (providers/mail/).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "util/clock.hpp"

namespace reach {

enum class MailSecurity { tls, starttls, none };  // implicit TLS, STARTTLS required, plain text

struct MailboxSettings {
  std::string account_type;  // gmail, outlook, yahoo, smtp
  std::string email;         // the login and the From address
  std::optional<std::string> from_name;
  std::string smtp_host;
  int smtp_port = 587;
  std::optional<std::string> imap_host;
  std::optional<int> imap_port;
  MailSecurity security = MailSecurity::starttls;
};

// Settings and the opened password: what an adapter needs to log in. Never logged.
struct MailboxLogin {
  MailboxSettings settings;
  std::string password;
};

struct EmailThrottle {
  int max_emails_per_hour = 50;
  int max_emails_per_day = 500;
  bool enabled = true;
};

struct OutgoingEmail {
  std::string from_email;
  std::optional<std::string> from_name;
  std::string to_email, to_name;
  std::string subject, text_body, html_body;
  std::string message_id;       // without angle brackets
  std::string unsubscribe_url;  // List-Unsubscribe (https) and List-Unsubscribe-Post one-click
  TimePoint date;
};

enum class SendOutcome {
  accepted,           // the server took the message
  temporary_failure,  // 4xx, a dropped or refused connection, a timeout: try again later
  permanent_failure,  // 5xx for this recipient: do not try again
  login_failed,       // the mailbox refused our credentials: nothing more can be sent
  unknown,            // the message was handed over but no answer came: the server may have taken it
};

struct SendResult {
  SendOutcome outcome = SendOutcome::accepted;
  long smtp_code = 0;
  std::string reason;  // the server's own words, or what went wrong on the way
};

class CampaignMailer {
 public:
  virtual ~CampaignMailer() = default;
  // Logs in to the SMTP server (and to the IMAP server when one is set) without sending anything.
  // Returns the failure in the server's own words, or nothing when both logins worked.
  virtual std::optional<std::string> verify(const MailboxLogin& login) = 0;
  // Sends one message. Thread-safe; may reuse connections to the same mailbox.
  virtual SendResult send(const MailboxLogin& login, const OutgoingEmail& email) = 0;
  virtual std::string name() const = 0;  // "smtp", "outbox"
};

}  // namespace reach
