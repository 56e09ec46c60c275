// A real IMAP server for tests: Debian's dovecot, started in a temp dir on a free loopback port with
// one mailbox account (plain-text login, no TLS), stopped on destruction.
#pragma once
#include <memory>
#include <string>

#include "support/process.hpp"

namespace reach::test {

class ImapServer {
 public:
  ImapServer(const std::string& user, const std::string& password);
  ~ImapServer();
  int port() const { return port_; }

 private:
  int port_;
  std::string dir_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace reach::test
