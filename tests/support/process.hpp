// Child processes for tests: the real `reach` binary, aiosmtpd. Killed (SIGTERM, then SIGKILL) on destruction.
#pragma once
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace reach::test {

class ChildProcess {
 public:
  // Starts argv[0] with argv, the current environment plus `env`; stdout+stderr go to log_path.
  ChildProcess(std::vector<std::string> argv, std::map<std::string, std::string> env, std::string log_path);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int sig);
  // Waits up to timeout_ms for exit; returns the exit code (128+signal when killed), or -1 on timeout.
  int wait(int timeout_ms);
  bool running();
  std::string log() const;

 private:
  pid_t pid_ = -1;
  int status_ = -1;
  std::string log_path_;
};

int free_port();
// Returns once something accepts connections on the loopback port; throws with the process's log when
// it exits first or 15 s pass.
void wait_until_listening(int port, ChildProcess& process, const std::string& what);
std::string make_temp_dir(const std::string& prefix);

}  // namespace reach::test
