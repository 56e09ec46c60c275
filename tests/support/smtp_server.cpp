#include "support/smtp_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace reach::test {
namespace {

bool accepts_connections(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

SmtpServer::SmtpServer() : port_(free_port()), maildir_(make_temp_dir("reach-smtp") + "/Maildir") {
  // Debian's aiosmtpd belongs to /usr/bin/python3, not to whichever python3 is first on PATH.
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_),
                               "-c", "aiosmtpd.handlers.Mailbox", maildir_},
      std::map<std::string, std::string>{}, maildir_ + ".log");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!accepts_connections(port_)) {
    if (!process_->running() || std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("aiosmtpd did not start: " + process_->log());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace reach::test
