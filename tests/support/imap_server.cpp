#include "support/imap_server.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace reach::test {

ImapServer::ImapServer(const std::string& user, const std::string& password)
    : port_(free_port()), dir_(make_temp_dir("reach-imap")) {
  // Dovecot refuses to run its login processes as root: as root it uses Debian's dovecot and dovenull
  // users (made by the package), otherwise the current user for everything.
  bool root = geteuid() == 0;
  std::string internal = root ? "dovecot" : getpwuid(geteuid())->pw_name;
  std::string login = root ? "dovenull" : internal;
  std::string group = root ? "dovecot" : getgrgid(getegid())->gr_name;
  std::filesystem::create_directories(dir_ + "/home");
  std::filesystem::create_directories(dir_ + "/run");
  std::filesystem::create_directories(dir_ + "/state");
  chmod(dir_.c_str(), 0755);
  if (root) {
    const passwd* pw = getpwnam("dovecot");
    if (!pw) throw std::runtime_error("no dovecot user: install dovecot-imapd (scripts/install-deps.sh)");
    if (chown((dir_ + "/home").c_str(), pw->pw_uid, pw->pw_gid) != 0) throw std::runtime_error("chown home");
  }
  std::ofstream(dir_ + "/users") << user << ":{PLAIN}" << password << "\n";
  std::ofstream(dir_ + "/dovecot.conf")
      << "base_dir = " << dir_ << "/run\n"
      << "state_dir = " << dir_ << "/state\n"
      << "log_path = " << dir_ << "/dovecot.log\n"
      << "protocols = imap\nlisten = 127.0.0.1\nssl = no\ndisable_plaintext_auth = no\n"
      << "auth_mechanisms = plain login\nfirst_valid_uid = 1\n"
      << "default_internal_user = " << internal << "\ndefault_internal_group = " << group << "\n"
      << "default_login_user = " << login << "\n"
      << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " << dir_ << "/users\n}\n"
      << "userdb {\n  driver = static\n  args = uid=" << internal << " gid=" << group << " home=" << dir_
      << "/home/%u\n}\n"
      << "mail_location = maildir:~/Maildir\n"
      << "service imap-login {\n  chroot =\n  inet_listener imap {\n    port = " << port_
      << "\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}\n"
      << "service anvil {\n  chroot =\n}\n";
  process_ =
      std::make_unique<ChildProcess>(std::vector<std::string>{"/usr/sbin/dovecot", "-F", "-c", dir_ + "/dovecot.conf"},
                                     std::map<std::string, std::string>{}, dir_ + "/stdout.log");
  wait_until_listening(port_, *process_, "dovecot");
}

ImapServer::~ImapServer() {
  process_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace reach::test
