// System mail over SMTP with libcurl: smtp:// (STARTTLS when the server offers it) or smtps://
// (implicit TLS), with optional user:password in the URL.
#pragma once
#include <string>

#include "domain/system_mailer.hpp"
#include "util/clock.hpp"
#include "util/random.hpp"

namespace reach {

class SmtpMailer final : public SystemMailer {
 public:
  SmtpMailer(std::string url, std::string from, const Clock& clock, Rng& rng);
  void send(const SystemEmail& email) override;

 private:
  std::string url_;  // without credentials
  std::string user_, password_;
  std::string from_;
  const Clock& clock_;
  Rng& rng_;
};

// The bare address in "Name <addr>" or "addr".
std::string envelope_address(const std::string& from);

}  // namespace reach
