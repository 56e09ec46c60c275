// Campaign mail over SMTP with libcurl, from each company's own mailbox. Connections are reused: a few
// idle handles are kept per mailbox (libcurl keeps the connection of a handle open between messages).
// Replies are classified for the campaign engine: 4xx, a refused or dropped connection and a timeout
// before the message was handed over are temporary; 5xx is permanent; a refused login stops the run; a
// timeout after the whole message was handed over is `unknown` (the server may have taken it).
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "domain/mailbox.hpp"
#include "util/random.hpp"
#include "util/thread_safety.hpp"

namespace reach {

// `rng` is used from many sending threads at once: it must be thread-safe (SecureRng is).

struct SmtpTimeouts {
  std::chrono::seconds connect{10};
  std::chrono::seconds total{60};  // one whole message, including a server that stalls mid-DATA
};

class SmtpCampaignMailer final : public CampaignMailer {
 public:
  SmtpCampaignMailer(SmtpTimeouts timeouts, Rng& rng);
  ~SmtpCampaignMailer() override;
  std::optional<std::string> verify(const MailboxLogin& login) override;
  SendResult send(const MailboxLogin& login, const OutgoingEmail& email) override;
  std::string name() const override { return "smtp"; }

 private:
  struct Handle;
  std::unique_ptr<Handle> take(const std::string& key);
  void give_back(const std::string& key, std::unique_ptr<Handle> handle);

  SmtpTimeouts timeouts_;
  Rng& rng_;
  Mutex mu_;
  std::map<std::string, std::vector<std::unique_ptr<Handle>>> idle_ REACH_GUARDED_BY(mu_);  // by host, port and login
};

// smtps:// for implicit TLS, smtp:// otherwise (STARTTLS required unless security is none); same for IMAP.
std::string smtp_url(const MailboxSettings& s);
std::string imap_url(const MailboxSettings& s);

}  // namespace reach
