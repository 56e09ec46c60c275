// Exactly once under crashes: a 200-lead campaign whose process is SIGKILLed at random moments while it
// sends, and restarted each time. The SMTP server must have received at most one message per lead;
// every lead got one or its item is `uncertain`; and the database agrees with the server: every item
// recorded as sent is on the server, and every message on the server is sent or uncertain.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "support/eventually.hpp"
#include "support/reach_server.hpp"
#include "support/smtp_server.hpp"

namespace reach::test {
namespace {

// Message-ID → To of every message the server stored.
std::map<std::string, std::string> received(const std::string& maildir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(maildir)) {
    if (!entry.is_regular_file() || entry.path().filename().string().front() == '.') continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    auto field = [&](const std::string& name) {
      auto at = text.find("\n" + name + ": ");
      if (at == std::string::npos) return std::string();
      at += name.size() + 3;
      return text.substr(at, text.find('\r', at) - at);
    };
    std::string id = field("Message-ID");
    EXPECT_EQ(out.count(id), 0u) << "the server got " << id << " twice";
    out[id] = field("To");
  }
  return out;
}

TEST(CampaignCrash, KilledAtRandomMomentsEveryLeadIsEmailedAtMostOnceAndTheDatabaseAgrees) {
  SmtpLogin login{"sales@crash.example", "app-password"};
  SmtpServer smtp(login);
  smtp.set_faults({{"delay_ms", 60}});  // so that kills land while messages are on the wire
  // A short SMTP timeout: an item left in `sending` by a killed process is declared uncertain once a
  // send could no longer be running (timeout + 30 s), so the run ends sooner.
  ReachServer server({{"REACH_JOB_LEASE", "2s"}, {"REACH_CAMPAIGN_CONCURRENCY", "4"}, {"REACH_SMTP_TIMEOUT", "2s"}});
  auto token = server.register_user(ReachServer::unique_email("crash"));
  auto company = server.create_company(token, "Crash Test Dummies");
  auto& http = server.http();
  auto product = http.post_multipart("/api/companies/" + company + "/products", {{"product_name", "Airbags"}},
                                     "airbags.txt", "Airbags that open in 20 ms.\n", token)
                     .json()["id"]
                     .get<std::string>();
  ASSERT_EQ(http.post_json("/api/companies/" + company + "/account-credentials",
                           {{"type", "smtp"},
                            {"email", login.user},
                            {"password", login.password},
                            {"smtp_host", "127.0.0.1"},
                            {"smtp_port", smtp.port()},
                            {"security", "none"}},
                           token)
                .status,
            200);
  auto throttle = http.request("PUT", "/api/companies/" + company + "/email-throttle",
                               R"({"max_emails_per_hour": 10000, "max_emails_per_day": 10000})",
                               {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
  ASSERT_EQ(throttle.status, 200) << throttle.body;
  std::string csv = "First Name,Last Name,Email,Company\n";
  for (int i = 0; i < 200; ++i)
    csv += "Lead,Number" + std::to_string(i) + ",lead" + std::to_string(i) + "@crash" + std::to_string(i % 20) +
           ".example,Firm " + std::to_string(i % 20) + "\n";
  auto upload = http.post_multipart("/api/companies/" + company + "/leads/upload", {}, "leads.csv", csv, token);
  ASSERT_EQ(upload.status, 200) << upload.body;
  ASSERT_EQ(server.wait_for_task(token, upload.json()["task_id"])["status"], "completed");
  auto campaign = http.post_json("/api/companies/" + company + "/campaigns",
                                 {{"name", "Crash"}, {"type", "email"}, {"product_id", product}}, token)
                      .json()["id"]
                      .get<std::string>();
  auto run = http.post_json("/api/campaigns/" + campaign + "/run", nlohmann::json::object(), token);
  ASSERT_EQ(run.status, 200) << run.body;
  std::string run_path = "/api/campaign-runs/" + run.json()["campaign_run_id"].get<std::string>();

  auto seed = static_cast<unsigned>(std::random_device{}());
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  int kills = 0;
  long long processed = 0;
  while (kills < 12) {
    // Let it make progress after each restart, then kill it a random moment later.
    nlohmann::json state;
    bool moved = eventually(
        [&] {
          state = http.get(run_path, token).json();
          return state.value("status", "") != "running" || state.value("leads_processed", 0LL) > processed;
        },
        std::chrono::seconds(30), std::chrono::milliseconds(10));
    ASSERT_TRUE(moved) << "no progress after restart " << kills << ": " << state.dump();
    if (state["status"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 400)(rng)));
    processed = http.get(run_path, token).json().value("leads_processed", 0LL);
    server.kill_and_restart();
    ++kills;
  }
  EXPECT_GE(kills, 10) << "the run ended before ten kills: make the server slower";
  nlohmann::json state;
  ASSERT_TRUE(eventually(
      [&] {
        state = http.get(run_path, token).json();
        return state.value("status", "") != "running";
      },
      std::chrono::seconds(120), std::chrono::milliseconds(100)))
      << state.dump();
  EXPECT_EQ(state["status"], "completed") << state.dump();
  EXPECT_EQ(state["leads_total"], 200);
  EXPECT_EQ(state["counts"]["sent"].get<long long>() + state["counts"]["uncertain"].get<long long>(), 200)
      << state.dump();

  auto on_server = received(smtp.maildir());
  std::map<std::string, int> per_lead;
  for (const auto& [id, to] : on_server) ++per_lead[to];
  for (const auto& [to, n] : per_lead) EXPECT_EQ(n, 1) << to << " got " << n << " messages";

  std::map<std::string, std::string> item_state;  // Message-ID → state
  for (int page = 1;; ++page) {
    auto items = http.get(run_path + "/items?page_size=100&page=" + std::to_string(page), token).json();
    for (const auto& item : items["items"])
      item_state["<" + item["message_id"].get<std::string>() + ">"] = item["state"];
    if (page >= items["total_pages"].get<int>()) break;
  }
  ASSERT_EQ(item_state.size(), 200u);
  int uncertain = 0;
  for (const auto& [id, st] : item_state) {
    EXPECT_TRUE(st == "sent" || st == "uncertain") << id << " " << st;
    if (st == "sent") {
      EXPECT_EQ(on_server.count(id), 1u) << "recorded as sent but not on the server: " << id;
    }
    uncertain += st == "uncertain";
  }
  for (const auto& [id, to] : on_server) {
    ASSERT_EQ(item_state.count(id), 1u) << "a message the run did not make: " << id;
    EXPECT_TRUE(item_state[id] == "sent" || item_state[id] == "uncertain") << id;
  }
  std::cout << "[ info ] " << kills << " kills; " << on_server.size() << " messages received; " << uncertain
            << " uncertain (seed " << seed << ")\n";
}

}  // namespace
}  // namespace reach::test
