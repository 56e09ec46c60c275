#include "support/reach_server.hpp"

#include "support/eventually.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <thread>

#include <signal.h>

#include "support/mail_reader.hpp"

namespace reach::test {

std::string ReachServer::engine() {
  const char* url = std::getenv("REACH_TEST_DATABASE_URL");
  return url && *url ? "postgresql" : "sqlite";
}

std::string ReachServer::unique_email(const std::string& prefix) {
  static std::atomic<int> n{0};
  static const unsigned run = std::random_device{}();
  return prefix + "-" + std::to_string(run) + "-" + std::to_string(++n) + "@example.com";
}

ReachServer::ReachServer(std::map<std::string, std::string> extra_env) {
  data_dir_ = make_temp_dir("reach-api");
  secret_ = "test-secret-key-that-is-long-enough-0123456789";
  int port = port_ = free_port();
  std::map<std::string, std::string> env = {{"REACH_DATA_DIR", data_dir_},
                                            {"REACH_LISTEN", "127.0.0.1:" + std::to_string(port)},
                                            {"REACH_SECRET_KEY", secret_},
                                            {"REACH_HTTP_THREADS", "4"},
                                            {"REACH_PUBLIC_URL", "http://app.reach.test"}};
  if (const char* url = std::getenv("REACH_TEST_DATABASE_URL"); url && *url) env["REACH_DATABASE_URL"] = url;
  for (const auto& [k, v] : extra_env) env[k] = v;
  env_ = env;
  http_ = std::make_unique<HttpClient>("http://127.0.0.1:" + std::to_string(port));
  launch();
}

void ReachServer::kill_and_restart() {
  process_->signal(SIGKILL);
  process_->wait(10000);
  ++restarts_;
  launch();
}

void ReachServer::restart() {
  process_->signal(SIGTERM);
  if (process_->wait(30000) != 0) throw std::runtime_error("reach serve did not stop cleanly:\n" + process_->log());
  ++restarts_;
  launch();
}

void ReachServer::launch() {
  process_ = std::make_unique<ChildProcess>(std::vector<std::string>{REACH_BINARY, "serve"}, env_,
                                            data_dir_ + "/server" + std::to_string(restarts_) + ".log");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (http_->get("/healthz").status != 200) {
    if (!process_->running() || std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("reach serve did not start:\n" + process_->log());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

ReachServer::~ReachServer() {
  process_.reset();
  std::error_code ec;
  if (!::testing::Test::HasFailure()) std::filesystem::remove_all(data_dir_, ec);
}

std::string ReachServer::register_user(const std::string& email, const std::string& password) {
  auto r = http_->post_json("/api/auth/signup", {{"email", email}, {"password", password}, {"name", "Test User"}});
  if (r.status != 200) throw std::runtime_error("signup failed: " + r.body);
  auto token = wait_for_token(outbox(), email, "verify");
  if (!token) throw std::runtime_error("no verification mail for " + email);
  r = http_->post_json("/api/auth/verify", {{"token", *token}});
  if (r.status != 200) throw std::runtime_error("verify failed: " + r.body);
  return login(email, password);
}

std::string ReachServer::login(const std::string& email, const std::string& password) {
  auto r = http_->post_form("/api/auth/login", "username=" + email + "&password=" + password);
  if (r.status != 200) throw std::runtime_error("login failed: " + r.body);
  return r.json()["access_token"].get<std::string>();
}

std::string ReachServer::create_company(const std::string& token, const std::string& name) {
  auto r = http_->post_json("/api/companies", {{"name", name}}, token);
  if (r.status != 200) throw std::runtime_error("company create failed: " + r.body);
  return r.json()["id"].get<std::string>();
}

nlohmann::json ReachServer::wait_for_task(const std::string& token, const std::string& task_id,
                                          std::chrono::seconds timeout) {
  nlohmann::json task = nlohmann::json::object();
  eventually(
      [&] {
        auto r = http().get("/api/tasks/" + task_id, token);
        if (r.status != 200) return false;
        task = r.json();
        return task["status"] == "completed" || task["status"] == "failed";
      },
      timeout, std::chrono::milliseconds(50));
  return task;
}

}  // namespace reach::test
