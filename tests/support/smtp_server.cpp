#include "support/smtp_server.hpp"

namespace reach::test {

SmtpServer::SmtpServer() : port_(free_port()), maildir_(make_temp_dir("reach-smtp") + "/Maildir") {
  // Debian's aiosmtpd belongs to /usr/bin/python3, not to whichever python3 is first on PATH.
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_),
                               "-c", "aiosmtpd.handlers.Mailbox", maildir_},
      std::map<std::string, std::string>{}, maildir_ + ".log");
  wait_until_listening(port_, *process_, "aiosmtpd");
}

}  // namespace reach::test
