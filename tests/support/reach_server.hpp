// The real `reach serve` binary on a free loopback port with a temp data dir, for API tests. The
// database is SQLite in the data dir, or REACH_TEST_DATABASE_URL when the suite runs on PostgreSQL.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "support/http_client.hpp"
#include "support/process.hpp"

namespace reach::test {

class ReachServer {
 public:
  explicit ReachServer(std::map<std::string, std::string> extra_env = {});
  ~ReachServer();

  HttpClient& http() { return *http_; }
  ChildProcess& process() { return *process_; }
  int port() const { return port_; }
  const std::string& data_dir() const { return data_dir_; }
  const std::string& secret() const { return secret_; }
  std::string outbox() const { return data_dir_ + "/outbox"; }

  // A verified account (signup + the emailed link + login); returns its access token.
  std::string register_user(const std::string& email, const std::string& password = "correct-horse-battery");
  std::string login(const std::string& email, const std::string& password = "correct-horse-battery");
  std::string create_company(const std::string& token, const std::string& name);
  // Polls GET /api/tasks/{id} until the task is completed or failed (or `timeout` passed); answers the
  // last task seen ({} when it was never readable).
  nlohmann::json wait_for_task(const std::string& token, const std::string& task_id,
                               std::chrono::seconds timeout = std::chrono::seconds(120));

  // SIGKILL, then a new process on the same data dir, database and port (a crash and a restart).
  void kill_and_restart();
  // SIGTERM and its graceful stop, then a new process the same way (an operator's restart).
  void restart();

  static std::string engine();  // "sqlite" or "postgresql"
  static std::string unique_email(const std::string& prefix);

 private:
  void launch();
  std::map<std::string, std::string> env_;
  int restarts_ = 0;
  int port_ = 0;
  std::string data_dir_, secret_;
  std::unique_ptr<ChildProcess> process_;
  std::unique_ptr<HttpClient> http_;
};

}  // namespace reach::test
