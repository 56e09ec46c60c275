// A company's mailbox: credentials (tried before they are saved, the password sealed at rest and never
// returned), the sending throttle, the do-not-email list and unsubscribe links.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/mailbox.hpp"
#include "store/email_log_store.hpp"
#include "store/mailbox_store.hpp"
#include "util/clock.hpp"
#include "util/random.hpp"

namespace reach {

struct CredentialsInput {
  std::string type;  // gmail, outlook, yahoo (presets) or smtp
  std::string email, password;
  std::optional<std::string> from_name, smtp_host, imap_host, security;
  std::optional<int> smtp_port, imap_port;
};

// Who an unsubscribe link is for. Its token is sealed (XChaCha20-Poly1305): unforgeable, and it names
// no lead in clear.
struct UnsubscribeTarget {
  std::string company_id, email, email_log_id;
};

struct MailboxDeps {
  MailboxStore& store;
  EmailLogStore& logs;
  CampaignMailer& mailer;
  std::string secrets_key;      // derive_key(secret, "secrets"): mailbox passwords
  std::string unsubscribe_key;  // derive_key(secret, "unsubscribe")
  const Clock& clock;
  Rng& rng;
};

class MailboxService {
 public:
  explicit MailboxService(MailboxDeps deps) : d_(std::move(deps)) {}

  // Fills presets, checks the input, logs in to the servers; a refused login is invalid_request with
  // the server's own reason. Nothing is saved unless the logins worked.
  MailboxSettings save_credentials(const std::string& company_id, CredentialsInput input);
  std::optional<MailboxSettings> settings(const std::string& company_id);
  // The settings and the opened password: for sending. Nothing when no mailbox is configured.
  std::optional<MailboxLogin> login(const std::string& company_id);

  EmailThrottle throttle(const std::string& company_id);  // the defaults until one is set
  EmailThrottle set_throttle(const std::string& company_id, const EmailThrottle& throttle);

  DoNotEmailEntry add_do_not_email(const std::string& company_id, const std::string& email, const std::string& reason);
  void remove_do_not_email(const std::string& company_id, const std::string& email);
  std::vector<DoNotEmailEntry> do_not_email(const std::string& company_id, long long offset, long long limit,
                                            long long* total);
  bool is_do_not_email(const std::string& company_id, const std::string& email);

  std::string unsubscribe_token(const UnsubscribeTarget& target);
  // not_found for a token that was not made here (altered, truncated, made under another key).
  UnsubscribeTarget read_unsubscribe_token(const std::string& token);
  // Puts the address on the company's do-not-email list (reason unsubscribed); harmless when repeated.
  UnsubscribeTarget unsubscribe(const std::string& token);

 private:
  MailboxDeps d_;
};

}  // namespace reach
