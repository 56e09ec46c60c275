// The binary as an operator meets it: system mail over real SMTP, graceful shutdown, configuration
// errors, `reach migrate` and `reach demo`.
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "support/mail_reader.hpp"
#include "support/reach_server.hpp"
#include "support/smtp_server.hpp"

namespace reach::test {
namespace {

std::map<std::string, std::string> base_env(const std::string& dir) {
  std::map<std::string, std::string> env = {{"REACH_DATA_DIR", dir},
                                            {"REACH_LISTEN", "127.0.0.1:" + std::to_string(free_port())}};
  if (const char* url = std::getenv("REACH_TEST_DATABASE_URL"); url && *url) env["REACH_DATABASE_URL"] = url;
  return env;
}

TEST(Process, VerificationMailGoesThroughARealSmtpServer) {
  SmtpServer smtp;
  ReachServer server(
      std::map<std::string, std::string>{{"REACH_SYSTEM_SMTP_URL", "smtp://127.0.0.1:" + std::to_string(smtp.port())},
                                         {"REACH_SYSTEM_MAIL_FROM", "Reach Accounts <accounts@reach.test>"}});
  auto email = ReachServer::unique_email("smtp");
  ASSERT_EQ(server.http().post_json("/api/auth/signup", {{"email", email}, {"password", "smtp-password"}}).status, 200);
  auto token = wait_for_token(smtp.maildir(), email, "verify", 10000);
  ASSERT_TRUE(token) << "no verification mail reached aiosmtpd";
  auto raw = messages_to(smtp.maildir(), email).back();
  EXPECT_NE(raw.find("From: Reach Accounts <accounts@reach.test>"), std::string::npos) << raw;
  EXPECT_NE(raw.find("Subject: Verify your Reach account"), std::string::npos);
  EXPECT_NE(raw.find("http://app.reach.test/verify?token="), std::string::npos);
  EXPECT_EQ(server.http().post_json("/api/auth/verify", {{"token", *token}}).status, 200);
  EXPECT_NO_THROW(server.login(email, "smtp-password"));
  EXPECT_FALSE(std::filesystem::exists(server.outbox()) && !std::filesystem::is_empty(server.outbox()))
      << "with SMTP configured nothing goes to the outbox";
}

TEST(Process, SigtermFinishesInFlightRequestsThenExits) {
  ReachServer server;
  std::vector<std::future<long>> in_flight;
  for (int i = 0; i < 6; ++i)
    in_flight.push_back(std::async(std::launch::async, [&server] {
      // Signup hashes a password with argon2id: slow enough to be in flight when the signal lands.
      return server.http()
          .post_json("/api/auth/signup",
                     {{"email", ReachServer::unique_email("term")}, {"password", "graceful-password"}})
          .status;
    }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server.process().signal(SIGTERM);
  for (auto& f : in_flight) EXPECT_EQ(f.get(), 200) << "an in-flight request was cut off";
  EXPECT_EQ(server.process().wait(15000), 0) << server.process().log();
  EXPECT_EQ(server.http().get("/healthz").status, 0) << "server still answering after SIGTERM";
}

// Regression (issue 11.8): on a busy port `reach serve` hung (7 of 8 tries), ignored SIGTERM and had
// already started its job workers. Now it says why and exits at once, having taken no job.
TEST(Process, ServeOnABusyPortExitsAtOnceWithTheReason) {
  ReachServer holder;  // listens on its port
  auto dir = make_temp_dir("reach-busy");
  for (int attempt = 0; attempt < 4; ++attempt) {
    auto env = base_env(dir);
    env["REACH_LISTEN"] = "127.0.0.1:" + std::to_string(holder.port());
    auto log = dir + "/busy" + std::to_string(attempt) + ".log";
    ChildProcess p({REACH_BINARY, "serve"}, env, log);
    int code = p.wait(5000);
    ASSERT_NE(code, -1) << "still running 5 s after start on a busy port\n" << p.log();
    EXPECT_EQ(code, 1) << p.log();
    EXPECT_NE(p.log().find("cannot listen on 127.0.0.1:" + std::to_string(holder.port())), std::string::npos)
        << p.log();
    EXPECT_EQ(p.log().find("workers_started"), std::string::npos) << "job workers started before listening\n"
                                                                  << p.log();
  }
  EXPECT_EQ(holder.http().get("/healthz").status, 200);
}

// Regression (issue 11.15): reach.db and outbox mail (live reset and invite links) were world-readable,
// and the links were written to the log.
TEST(Process, DataIsTheOperatorsAloneAndLinksStayOutOfTheLog) {
  auto dir = make_temp_dir("reach-perms");
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                        std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                        std::filesystem::perms::others_exec);
  auto env = base_env(dir);
  ChildProcess serve({REACH_BINARY, "serve"}, env,
                     dir + "/../" + std::filesystem::path(dir).filename().string() + ".log");
  int port = std::stoi(env["REACH_LISTEN"].substr(env["REACH_LISTEN"].rfind(':') + 1));
  wait_until_listening(port, serve, "reach serve");
  HttpClient http("http://127.0.0.1:" + std::to_string(port));
  auto email = ReachServer::unique_email("perms");
  ASSERT_EQ(http.post_json("/api/auth/signup", {{"email", email}, {"password", "perm-password"}}).status, 200);
  ASSERT_TRUE(wait_for_token(dir + "/outbox", email, "verify", 10000));
  namespace fs = std::filesystem;
  auto mode = [](const fs::path& p) { return fs::status(p).permissions() & fs::perms::all; };
  EXPECT_EQ(mode(dir), fs::perms::owner_all);
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  EXPECT_GE(files.size(), 2u) << "the secret and one mail at least (and the database on SQLite)";
  for (const auto& f : files) EXPECT_EQ(fs::perms::none, mode(f) & (fs::perms::group_all | fs::perms::others_all)) << f;
  EXPECT_EQ(serve.log().find("token="), std::string::npos) << "a live link reached the log\n" << serve.log();
}

TEST(Process, BadConfigurationFailsAtStartNamingTheKey) {
  auto dir = make_temp_dir("reach-config");
  struct Case {
    std::string key, value;
  };
  for (const auto& c : std::vector<Case>{{"REACH_LISTEN", "no-port-here"},
                                         {"REACH_LISTEN", "127.0.0.1:99999"},
                                         {"REACH_DATABASE_URL", "mysql://root@localhost/reach"},
                                         {"REACH_JWT_TTL", "forever"},
                                         {"REACH_SECRET_KEY", "short"},
                                         {"REACH_SYSTEM_SMTP_URL", "http://mail.example"},
                                         {"REACH_PUBLIC_URL", "ftp://reach.example"},
                                         {"REACH_HTTP_THREADS", "300"}}) {
    auto env = base_env(dir);
    env[c.key] = c.value;
    ChildProcess p({REACH_BINARY, "serve"}, env, dir + "/out.log");
    int code = p.wait(15000);
    EXPECT_EQ(code, 2) << c.key << "=" << c.value << "\n" << p.log();
    EXPECT_NE(p.log().find(c.key), std::string::npos) << p.log();
    std::filesystem::remove(dir + "/out.log");
  }
}

TEST(Process, MigrateAppliesOnceAndDemoServesAReadyAccount) {
  auto dir = make_temp_dir("reach-demo");
  auto env = base_env(dir);
  {
    ChildProcess migrate({REACH_BINARY, "migrate"}, env, dir + "/migrate.log");
    ASSERT_EQ(migrate.wait(30000), 0) << migrate.log();
    ChildProcess again({REACH_BINARY, "migrate"}, env, dir + "/migrate2.log");
    ASSERT_EQ(again.wait(30000), 0);
    EXPECT_NE(again.log().find("applied 0 migration(s)"), std::string::npos) << again.log();
  }
  std::string first_company;
  for (int run = 0; run < 2; ++run) {
    auto log = dir + "/demo" + std::to_string(run) + ".log";
    ChildProcess demo({REACH_BINARY, "demo", "--once"}, env, log);
    ASSERT_EQ(demo.wait(60000), 0) << demo.log();
    auto out = demo.log();
    EXPECT_NE(out.find("demo@reach.local / reach-demo-password"), std::string::npos) << out;
    EXPECT_NE(out.find("curl -s -H 'Authorization: Bearer "), std::string::npos);
    EXPECT_NE(out.find("-> 200"), std::string::npos);
    EXPECT_NE(out.find("product: WeldBot X2"), std::string::npos);
    // The offline writer's preview for the demo lead: her name, her company, the product sentence for metal shops.
    EXPECT_NE(out.find("Subject: WeldBot X2 for Keller Metallbau"), std::string::npos) << out;
    EXPECT_NE(out.find("Hi Maria,"), std::string::npos);
    EXPECT_NE(out.find("- WeldBot X2 lets small and mid-sized metal shops automate MIG welding"), std::string::npos);
    // The demo campaign ran end to end: every demo lead got an email, written to the outbox.
    EXPECT_NE(out.find("Campaign run completed: sent 25, failed 0, skipped 0, uncertain 0 of 25 leads."),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("/emails?campaign_id="), std::string::npos);
    auto campaign_mail = messages_to(dir + "/outbox", "maria.keller@keller-metallbau.example");
    EXPECT_EQ(campaign_mail.size(), static_cast<std::size_t>(run + 1)) << "one email per run";
    auto at = out.find("/api/companies/");
    ASSERT_NE(at, std::string::npos);
    auto company = out.substr(at + 15, 36);
    if (run == 0)
      first_company = company;
    else
      EXPECT_EQ(company, first_company) << "a second demo run reuses the demo company";
  }
  // `reach import-leads` takes a local CSV into the demo company through the job queue.
  std::ofstream(dir + "/list.csv") << "Name,Work Email,Phone\nAda,ada@example.com,+14155552671\nNo Contact,,\n";
  ChildProcess import({REACH_BINARY, "import-leads", "--company-id", first_company, dir + "/list.csv"}, env,
                      dir + "/import.log");
  ASSERT_EQ(import.wait(60000), 0) << import.log();
  EXPECT_NE(import.log().find("completed: 2 rows, 1 leads saved (1 created, 0 updated), 1 skipped"), std::string::npos)
      << import.log();
  ChildProcess missing({REACH_BINARY, "import-leads", "--company-id", first_company, dir + "/nope.csv"}, env,
                       dir + "/import2.log");
  EXPECT_EQ(missing.wait(30000), 1);
  EXPECT_NE(missing.log().find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace reach::test
