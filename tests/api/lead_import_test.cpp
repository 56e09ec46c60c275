// Lead list uploads through the real binary and its job workers: nasty CSVs, skipped rows with
// reasons, duplicates merged, files that are not CSV, tenancy, and SIGKILL mid-import.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "support/eventually.hpp"
#include "support/reach_server.hpp"

namespace reach::test {
namespace {

class LeadImport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // A short lease: after a kill, the restarted server takes the import back within seconds; small
    // batches committed every 50 ms, a few to a transaction: many checkpoints for the kills to fall between.
    server_ = new ReachServer(std::map<std::string, std::string>{{"REACH_DEFAULT_PHONE_REGION", "US"},
                                                                 {"REACH_JOB_LEASE", "2s"},
                                                                 {"REACH_IMPORT_BATCH_ROWS", "1000"},
                                                                 {"REACH_IMPORT_COMMIT_MS", "50"}});
    token_ = server_->register_user(ReachServer::unique_email("importer"));
  }
  static void TearDownTestSuite() { delete server_; }
  void TearDown() override { EXPECT_EQ(server_->http().get("/healthz").status, 200) << "server stopped serving"; }

  static std::string upload(const std::string& company, const std::string& csv, const std::string& name = "leads.csv") {
    auto r = server_->http().post_multipart("/api/companies/" + company + "/leads/upload", {}, name, csv, token_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().value("task_id", "");
  }
  static nlohmann::json wait_task(const std::string& task_id, int seconds = 60) {
    auto task = server_->wait_for_task(token_, task_id, std::chrono::seconds(seconds));
    if (task.value("status", "") != "completed" && task.value("status", "") != "failed")
      ADD_FAILURE() << "task did not finish: " << task.dump();
    return task;
  }
  static nlohmann::json leads(const std::string& company, const std::string& query = "") {
    return server_->http().get("/api/companies/" + company + "/leads?page_size=100" + query, token_).json();
  }
  static ReachServer* server_;
  static std::string token_;
};
ReachServer* LeadImport::server_ = nullptr;
std::string LeadImport::token_;

// Regression (issue 11.1): colleagues sharing an office line were merged into one lead, and a lead
// without email took the other's address. Identity is the email; without one, phone and name.
TEST_F(LeadImport, ColleaguesSharingAnOfficeLineStayDistinctLeads) {
  auto company = server_->create_company(token_, "Shared Line Co");
  std::string csv =
      "First Name,Last Name,Email,Company,Phone\n"
      "Ann,Lee,ann@firm.com,Firm,+1 415 555 0100\n"
      "Bob,Ray,bob@firm.com,Firm,+1 415 555 0100\n"
      "Cy,Dee,,Firm,+1 415 555 0100\n"
      "Cy,Dee,,Firm Inc,+1 415 555 0100\n"  // the same Cy: no email, same phone and name
      "Ann,Lee,,Firm,+1 415 555 0100\n";    // Ann again, without her email: same phone and name
  auto task = wait_task(upload(company, csv));
  ASSERT_EQ(task["status"], "completed") << task.dump();
  EXPECT_EQ(task["result"]["leads_created"], 3) << task.dump();
  EXPECT_EQ(task["result"]["leads_updated"], 2) << task.dump();
  EXPECT_EQ(task["result"]["leads_skipped"], 0) << task.dump();
  EXPECT_EQ(task["result"]["leads_saved"], 5) << task.dump();
  auto all = leads(company);
  ASSERT_EQ(all["total"], 3) << all.dump();
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& l : all["items"]) by_name[l["name"].get<std::string>()] = l;
  ASSERT_EQ(by_name.size(), 3u) << all.dump();
  EXPECT_EQ(by_name["Ann Lee"]["email"], "ann@firm.com");
  EXPECT_EQ(by_name["Bob Ray"]["email"], "bob@firm.com");
  EXPECT_TRUE(by_name["Cy Dee"]["email"].is_null()) << all.dump();
  EXPECT_EQ(by_name["Cy Dee"]["company"], "Firm Inc");
  for (const auto& [name, lead] : by_name) EXPECT_EQ(lead["phone_number"], "+14155550100") << name;

  // Through the API as well: another colleague on the same line is a new lead, Cy again is a conflict.
  auto path = "/api/companies/" + company + "/leads";
  EXPECT_EQ(
      server_->http()
          .post_json(path, {{"name", "Dee Jay"}, {"email", "dj@firm.com"}, {"phone_number", "+14155550100"}}, token_)
          .status,
      200);
  EXPECT_EQ(server_->http().post_json(path, {{"name", "Cy Dee"}, {"phone_number", "+14155550100"}}, token_).status,
            409);
  EXPECT_EQ(leads(company)["total"], 4);

  // A later file: Cy without email matches the lead saved before by phone and name, and updates it.
  auto again = wait_task(upload(company, "Name,Company,Phone\nCy Dee,Firm Group,+1 415 555 0100\n"));
  EXPECT_EQ(again["result"]["leads_updated"], 1) << again.dump();
  EXPECT_EQ(again["result"]["leads_created"], 0) << again.dump();
  auto cy = leads(company, "&search=Cy")["items"];
  ASSERT_EQ(cy.size(), 1u) << cy.dump();
  EXPECT_EQ(cy[0]["company"], "Firm Group");
}

TEST_F(LeadImport, NastyCsvIsImportedWithReasonsForEverySkippedRow) {
  auto company = server_->create_company(token_, "Import Co");
  // Seen before the import: row 7 merges into it.
  ASSERT_EQ(server_->http()
                .post_json("/api/companies/" + company + "/leads",
                           {{"name", "Old Name"}, {"email", "grace@navy.mil"}, {"city", "Arlington"}}, token_)
                .status,
            200);
  std::string csv =
      "\xEF\xBB\xBF"
      "First Name;Last Name;E-mail Address;Mobile Phone;Company Name;Title;Country;Favourite Colour\r\n"
      "Ada;Lovelace;ADA@analytical.engine;(415) 555-2671;\"Engines; Analytical\";Countess;US;blue\r\n"  // 2
      "\"Jos\xE9\";M\xFCller;jose@example.de;030 901820;\"M\xFCller \"\"GmbH\"\"\";\"CEO {ret.} \\ "
      "\"\"NULL\"\"\";Germany;red\r\n"                                          // 3 (cp1252)
      "Bad;Email;not-an-email;;Nowhere Inc;Intern;US;green\r\n"                 // 4 skipped
      "No;Contact;;12345;Ghost Ltd;CTO;US;\r\n"                                 // 5 skipped
      "Ada;Again;ada@analytical.engine;;;\"Chief\nAlgorithm Officer\";US;\r\n"  // 6 merges into row 2
      "Grace;Hopper;grace@navy.mil;;US Navy;Rear Admiral;US;\r\n"               // 7 merges with the old lead
      "Too;Many;x@example.com;;;;US;;extra\r\n";                                // 8 skipped (ragged)
  auto task = wait_task(upload(company, csv));
  ASSERT_EQ(task["status"], "completed") << task.dump();
  EXPECT_EQ(task["result"]["leads_saved"], 4);
  EXPECT_EQ(task["result"]["leads_created"], 2);
  EXPECT_EQ(task["result"]["leads_updated"], 2);
  EXPECT_EQ(task["result"]["leads_skipped"], 3);
  EXPECT_EQ(task["result"]["unmapped_headers"], nlohmann::json({"Favourite Colour"}));
  EXPECT_EQ(task["rows_processed"], 7);

  auto skipped =
      server_->http().get("/api/upload-tasks/" + task["id"].get<std::string>() + "/skipped-rows", token_).json();
  ASSERT_EQ(skipped["total"], 3) << skipped.dump();
  EXPECT_EQ(skipped["items"][0]["row_number"], 4);
  EXPECT_NE(skipped["items"][0]["reason"].get<std::string>().find("'not-an-email' is not a valid address"),
            std::string::npos)
      << skipped.dump();
  EXPECT_EQ(skipped["items"][0]["raw_data"]["Company Name"], "Nowhere Inc");
  EXPECT_EQ(skipped["items"][1]["row_number"], 5);
  EXPECT_NE(skipped["items"][1]["reason"].get<std::string>().find("'12345' is not a valid phone number"),
            std::string::npos);
  EXPECT_EQ(skipped["items"][2]["row_number"], 8);
  EXPECT_NE(skipped["items"][2]["reason"].get<std::string>().find("9 fields but the header has 8"), std::string::npos);

  auto all = leads(company);
  ASSERT_EQ(all["total"], 3) << all.dump();
  auto ada = leads(company, "&search=analytical.engine")["items"][0];
  EXPECT_EQ(ada["name"], "Ada Again") << "the later row's non-empty fields win";
  EXPECT_EQ(ada["email"], "ada@analytical.engine");
  EXPECT_EQ(ada["mobile"], "+14155552671") << "kept: the later row had no mobile";
  EXPECT_EQ(ada["phone_number"], "+14155552671") << "calls dial phone_number, taken from the mobile";
  EXPECT_EQ(ada["company"], "Engines; Analytical");
  EXPECT_EQ(ada["job_title"], "Chief\nAlgorithm Officer");
  auto jose = leads(company, "&search=jose%40")["items"][0];
  EXPECT_EQ(jose["name"], "Jos\xC3\xA9 M\xC3\xBCller");
  EXPECT_EQ(jose["company"], "M\xC3\xBCller \"GmbH\"");
  EXPECT_EQ(jose["mobile"], "+4930901820") << "the row's country decides the region";
  EXPECT_EQ(jose["job_title"], "CEO {ret.} \\ \"NULL\"") << "braces, backslashes and quotes survive";
  auto grace = leads(company, "&search=grace%40navy")["items"][0];
  EXPECT_EQ(grace["name"], "Grace Hopper");
  EXPECT_EQ(grace["city"], "Arlington") << "merged, not replaced";
  EXPECT_EQ(grace["upload_task_id"], task["id"]);
}

TEST_F(LeadImport, FilesThatAreNotLeadListsFailWithAReason) {
  auto company = server_->create_company(token_, "Failing Imports Co");
  struct Case {
    std::string what, content, reason;
  };
  for (const auto& c : std::vector<Case>{
           {"binary", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(300, '\x01'), "binary"},
           {"no header row", "Ada Lovelace,ada@example.com,+14155552671\nBob,bob@example.com,\n", "header row"},
           {"no contact column", "Name,Colour\nAda,blue\n", "No email or phone column"},
           {"runaway quote", "name,email\n\"Ada," + std::string(2 << 20, 'x') + "\n", "longer than"}}) {
    auto task = wait_task(upload(company, c.content));
    EXPECT_EQ(task["status"], "failed") << c.what << ": " << task.dump();
    EXPECT_NE(task["failure_reason"].get<std::string>().find(c.reason), std::string::npos)
        << c.what << ": " << task.dump();
  }
  EXPECT_EQ(leads(company)["total"], 0);
  auto r = server_->http().post_multipart("/api/companies/" + company + "/leads/upload", {}, "empty.csv", "", token_);
  EXPECT_EQ(r.status, 400);
}

TEST_F(LeadImport, TasksOfOtherCompaniesAreNotFound) {
  auto company = server_->create_company(token_, "Private Import Co");
  auto task_id = upload(company, "name,email\nAda,ada@example.com\n");
  wait_task(task_id);
  auto outsider = server_->register_user(ReachServer::unique_email("outsider"));
  EXPECT_EQ(server_->http().get("/api/tasks/" + task_id, outsider).status, 404);
  EXPECT_EQ(server_->http().get("/api/upload-tasks/" + task_id + "/skipped-rows", outsider).status, 404);
  EXPECT_EQ(server_->http().get("/api/tasks/" + task_id).status, 401);
  EXPECT_EQ(server_->http().get("/api/tasks/00000000-0000-4000-8000-000000000000", token_).status, 404);
}

TEST_F(LeadImport, KillingTheServerMidImportLosesAndDuplicatesNothing) {
  auto company = server_->create_company(token_, "Crash Co");
  // 30,000 rows: every 97th has a bad email (skipped), every 50th repeats the previous row's email (merged).
  std::string csv = "name,email,company\n";
  long long expected_skipped = 0;
  std::set<std::string> distinct;
  for (int i = 1; i <= 30000; ++i) {
    std::string email =
        i % 97 == 0 ? "broken-" + std::to_string(i) : "lead" + std::to_string(i % 50 == 0 ? i - 1 : i) + "@example.com";
    if (i % 97 == 0)
      ++expected_skipped;
    else
      distinct.insert(email);
    csv += "Lead " + std::to_string(i) + "," + email + ",Company " + std::to_string(i % 300) + "\n";
  }
  auto task_id = upload(company, csv);
  int kills = 0;
  for (int round = 0; round < 3; ++round) {
    // Wait until the import is under way (past its last checkpoint), then kill the whole server.
    auto before = server_->http().get("/api/tasks/" + task_id, token_).json().value("rows_processed", 0);
    eventually(
        [&] {
          auto t = server_->http().get("/api/tasks/" + task_id, token_).json();
          return t["status"] == "completed" || t.value("rows_processed", 0) > before;
        },
        std::chrono::seconds(30));
    auto now = server_->http().get("/api/tasks/" + task_id, token_).json();
    if (now["status"] == "completed") break;
    EXPECT_GT(now.value("rows_processed", 0), before) << "killed while the import was moving";
    server_->kill_and_restart();
    ++kills;
  }
  std::printf("[ import ] killed the server %d times mid-import\n", kills);
  EXPECT_GE(kills, 1) << "the import finished before it could be interrupted";
  auto task = wait_task(task_id, 240);
  ASSERT_EQ(task["status"], "completed") << task.dump();
  EXPECT_EQ(task["rows_processed"], 30000);
  EXPECT_EQ(task["result"]["leads_skipped"], expected_skipped);
  EXPECT_EQ(task["result"]["leads_saved"], 30000 - expected_skipped);
  EXPECT_EQ(leads(company)["total"], static_cast<long long>(distinct.size())) << "no duplicates, no losses";
  auto skipped = server_->http().get("/api/upload-tasks/" + task_id + "/skipped-rows", token_).json();
  EXPECT_EQ(skipped["total"], expected_skipped);
}

}  // namespace
}  // namespace reach::test
