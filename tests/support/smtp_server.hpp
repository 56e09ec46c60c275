// A real SMTP server for tests: Debian's aiosmtpd storing every message in a Maildir.
#pragma once
#include <memory>
#include <string>

#include "support/process.hpp"

namespace reach::test {

class SmtpServer {
 public:
  SmtpServer();
  int port() const { return port_; }
  const std::string& maildir() const { return maildir_; }

 private:
  int port_;
  std::string maildir_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace reach::test
