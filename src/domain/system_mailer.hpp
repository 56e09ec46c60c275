// Mail Reach itself sends to users (verification, password reset, invitations) — not campaign mail,
// which goes out from each company's own mailbox. Adapters: SMTP, and the local outbox directory.
#pragma once
#include <string>

namespace reach {

struct SystemEmail {
  std::string to;
  std::string subject;
  std::string text_body;
};

class SystemMailer {
 public:
  virtual ~SystemMailer() = default;
  // Throws std::runtime_error when the message could not be handed over.
  virtual void send(const SystemEmail& email) = 0;
};

}  // namespace reach
