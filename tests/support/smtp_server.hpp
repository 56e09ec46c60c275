// A real SMTP server for tests: Debian's aiosmtpd (tests/support/smtp_server.py) storing every message
// in a Maildir; optionally with AUTH and with faults switched on per recipient while it runs.
#pragma once
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "support/process.hpp"

namespace reach::test {

struct SmtpLogin {
  std::string user, password;
};

class SmtpServer {
 public:
  SmtpServer();  // no AUTH
  explicit SmtpServer(SmtpLogin login);
  int port() const { return port_; }
  const std::string& maildir() const { return maildir_; }
  // Replaces the fault rules (see smtp_server.py); {} switches them off.
  void set_faults(const nlohmann::json& rules);

 private:
  void start(const std::vector<std::string>& extra);
  int port_;
  std::string maildir_, faults_path_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace reach::test
