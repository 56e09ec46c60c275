#include "support/smtp_server.hpp"

#include <filesystem>
#include <fstream>

namespace reach::test {

SmtpServer::SmtpServer() : port_(free_port()), maildir_(make_temp_dir("reach-smtp") + "/Maildir") { start({}); }

SmtpServer::SmtpServer(SmtpLogin login) : port_(free_port()), maildir_(make_temp_dir("reach-smtp") + "/Maildir") {
  faults_path_ = maildir_ + ".faults.json";
  start({login.user, login.password, faults_path_});
}

void SmtpServer::start(const std::vector<std::string>& extra) {
  // Debian's aiosmtpd belongs to /usr/bin/python3, not to whichever python3 is first on PATH.
  std::vector<std::string> argv{"/usr/bin/python3", std::string(REACH_SOURCE_DIR) + "/tests/support/smtp_server.py",
                                std::to_string(port_), maildir_};
  argv.insert(argv.end(), extra.begin(), extra.end());
  process_ = std::make_unique<ChildProcess>(argv, std::map<std::string, std::string>{}, maildir_ + ".log");
  wait_until_listening(port_, *process_, "aiosmtpd");
}

void SmtpServer::set_faults(const nlohmann::json& rules) {
  std::string tmp = faults_path_ + ".tmp";
  std::ofstream(tmp) << rules.dump();
  std::filesystem::rename(tmp, faults_path_);  // the server never reads half a file
}

}  // namespace reach::test
