// Campaign mail written as .eml files under <data dir>/outbox/ instead of being sent: what the demo and
// a machine without a mail server use (REACH_CAMPAIGN_MAIL=outbox). Every message is complete, exactly
// as SMTP would carry it, and can be opened in any mail client. Logins are not checked.
#pragma once
#include <filesystem>

#include "domain/mailbox.hpp"
#include "util/random.hpp"

namespace reach {

// `rng` is used from many sending threads at once: it must be thread-safe (SecureRng is).

class OutboxCampaignMailer final : public CampaignMailer {
 public:
  OutboxCampaignMailer(std::filesystem::path dir, Rng& rng);
  std::optional<std::string> verify(const MailboxLogin&) override { return std::nullopt; }
  SendResult send(const MailboxLogin& login, const OutgoingEmail& email) override;
  std::string name() const override { return "outbox"; }

 private:
  std::filesystem::path dir_;
  Rng& rng_;
};

}  // namespace reach
