// System mail written as .eml files under <data dir>/outbox/ (the default when no SMTP server is
// configured): nothing leaves the machine, and the link is logged so a local user can follow it.
#pragma once
#include <filesystem>
#include <string>

#include "domain/system_mailer.hpp"
#include "util/clock.hpp"
#include "util/random.hpp"

namespace reach {

class OutboxMailer final : public SystemMailer {
 public:
  // log_links: log the link a message holds (verification, reset, invitation). Only the demo asks:
  // those links are credentials.
  OutboxMailer(std::filesystem::path dir, std::string from, const Clock& clock, Rng& rng, bool log_links = false);
  void send(const SystemEmail& email) override;

 private:
  std::filesystem::path dir_;
  std::string from_;
  const Clock& clock_;
  Rng& rng_;
  bool log_links_;
};

}  // namespace reach
