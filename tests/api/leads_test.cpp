// The leads API through the real binary: create with normalisation, duplicates, search and pages,
// get, soft delete and restore.
#include <gtest/gtest.h>

#include "support/reach_server.hpp"

namespace reach::test {
namespace {

class Leads : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ReachServer(std::map<std::string, std::string>{{"REACH_DEFAULT_PHONE_REGION", "GB"}});
    token_ = server_->register_user(ReachServer::unique_email("leads"));
    company_ = server_->create_company(token_, "Leads Co");
  }
  static void TearDownTestSuite() { delete server_; }
  static std::string base() { return "/api/companies/" + company_ + "/leads"; }
  HttpResult create(const nlohmann::json& lead) { return server_->http().post_json(base(), lead, token_); }
  static ReachServer* server_;
  static std::string token_, company_;
};
ReachServer* Leads::server_ = nullptr;
std::string Leads::token_, Leads::company_;

TEST_F(Leads, CreateNormalisesEmailAndPhones) {
  auto r = create({{"name", "Ada Lovelace"},
                   {"email", " Ada@Analytical.Engine "},
                   {"phone_number", "020 7946 0958"},
                   {"mobile", "(415) 555-2671"},
                   {"country", "United States"},
                   {"company", "Analytical Engines"},
                   {"job_title", "Head of Computation"},
                   {"hiring_positions", {"CTO", "Engineer"}}});
  // The mobile uses the lead's country (US); the office number too, so that one is invalid for the US.
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["detail"][0]["loc"], nlohmann::json({"body", "phone_number"}));
  r = create({{"name", "Ada Lovelace"},
              {"email", " Ada@Analytical.Engine "},
              {"phone_number", "+44 20 7946 0958"},
              {"mobile", "(415) 555-2671"},
              {"country", "United States"},
              {"company", "Analytical Engines"},
              {"job_title", "Head of Computation"},
              {"hiring_positions", {"CTO", "Engineer"}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "success");
  auto lead = r.json()["data"];
  EXPECT_EQ(lead["email"], "ada@analytical.engine");
  EXPECT_EQ(lead["phone_number"], "+442079460958");
  EXPECT_EQ(lead["mobile"], "+14155552671");
  EXPECT_EQ(lead["hiring_positions"], nlohmann::json({"CTO", "Engineer"}));
  EXPECT_EQ(lead["company_id"], company_);
  EXPECT_TRUE(lead["website"].is_null());
  auto got = server_->http().get(base() + "/" + lead["id"].get<std::string>(), token_);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.json()["data"], lead);
  // The company default region (GB) applies when the lead has no country.
  r = create({{"name", "Charles Babbage"}, {"phone_number", "020 7946 0000"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["data"]["phone_number"], "+442079460000");
}

TEST_F(Leads, AMobileNumberAloneMakesALeadCallable) {
  // The same rule as the CSV import: calls dial phone_number, filled from the first valid other number.
  auto r = create({{"name", "Mobile Only"}, {"mobile", "+1 415 555 0142"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["data"]["mobile"], "+14155550142");
  EXPECT_EQ(r.json()["data"]["phone_number"], "+14155550142");
}

TEST_F(Leads, RefusesMissingContactBadEmailAndDuplicates) {
  auto r = create({{"name", "No Contact"}});
  EXPECT_EQ(r.status, 422);
  r = create({{"email", "x@example.com"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["detail"][0]["loc"], nlohmann::json({"body", "name"}));
  r = create({{"name", "Bad"}, {"email", "not-an-email"}});
  EXPECT_EQ(r.status, 422);
  ASSERT_EQ(create({{"name", "Dup One"}, {"email", "dup@example.com"}}).status, 200);
  r = create({{"name", "Dup Two"}, {"email", "DUP@example.com"}});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.json()["detail"].get<std::string>().find("already exists"), std::string::npos);
  ASSERT_EQ(create({{"name", "Phone One"}, {"phone_number", "+1 415 555 0101"}}).status, 200);
  EXPECT_EQ(create({{"name", "Phone One"}, {"phone_number", "(415) 555-0101"}, {"country", "US"}}).status, 409)
      << "the same number written differently, with the same name, is the same lead";
  EXPECT_EQ(create({{"name", "Phone Two"}, {"phone_number", "(415) 555-0101"}, {"country", "US"}}).status, 200)
      << "another name on a shared line is another lead";
}

// Regression (issue 11.16): the email of a deleted lead and the phone of a live one answered 500.
// Phones are shared now (colleagues), so the deleted lead comes back with that phone.
TEST_F(Leads, ReviveADeletedLeadWithAnotherLeadsPhone) {
  auto path = "/api/companies/" + server_->create_company(token_, "Revive Co") + "/leads";
  auto add = [&](nlohmann::json lead) { return server_->http().post_json(path, lead, token_); };
  auto gone = add({{"name", "Gone Lead"}, {"email", "gone@example.com"}, {"phone_number", "+14155550111"}});
  ASSERT_EQ(gone.status, 200) << gone.body;
  ASSERT_EQ(server_->http().del(path + "/" + gone.json()["data"]["id"].get<std::string>(), token_).status, 200);
  ASSERT_EQ(add({{"name", "Live Lead"}, {"email", "live@example.com"}, {"phone_number", "+14155550122"}}).status, 200);
  auto back = add({{"name", "Gone Lead"}, {"email", "gone@example.com"}, {"phone_number", "+14155550122"}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json()["data"]["id"], gone.json()["data"]["id"]) << "the deleted lead came back";
  EXPECT_EQ(server_->http().get(path, token_).json()["total"], 2);
}

TEST_F(Leads, ListSearchesAndPaginatesNewestFirst) {
  auto company = server_->create_company(token_, "Paging Co");
  auto path = "/api/companies/" + company + "/leads";
  for (int i = 0; i < 25; ++i)
    ASSERT_EQ(server_->http()
                  .post_json(path,
                             {{"name", "Lead " + std::to_string(i)},
                              {"email", "p" + std::to_string(i) + "@example.com"},
                              {"job_title", i % 5 == 0 ? "VP Sales" : "Engineer"}},
                             token_)
                  .status,
              200);
  auto r = server_->http().get(path + "?page=2&page_size=10", token_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json();
  EXPECT_EQ(body["total"], 25);
  EXPECT_EQ(body["page"], 2);
  EXPECT_EQ(body["page_size"], 10);
  EXPECT_EQ(body["total_pages"], 3);
  EXPECT_EQ(body["items"].size(), 10u);
  r = server_->http().get(path + "?search=vp%20SALES", token_);
  EXPECT_EQ(r.json()["total"], 5) << "case-insensitive search over the job title";
  r = server_->http().get(path + "?search=p7%40example", token_);
  EXPECT_EQ(r.json()["total"], 1);
  r = server_->http().get(path + "?search=%25", token_);
  EXPECT_EQ(r.json()["total"], 0) << "% is searched for literally";
  EXPECT_EQ(server_->http().get(path + "?page_size=101", token_).status, 422);
  EXPECT_EQ(server_->http().get(path + "?page=0", token_).status, 422);
  EXPECT_EQ(server_->http().get(path + "?page=abc", token_).status, 422);
}

TEST_F(Leads, SearchMatchesWordBeginningsWithinTheCompanyAndTotalsFollowDeletes) {
  auto path = "/api/companies/" + server_->create_company(token_, "Search Co") + "/leads";
  auto other = "/api/companies/" + server_->create_company(token_, "Other Co") + "/leads";
  auto add = [&](const std::string& where, nlohmann::json lead) {
    auto r = server_->http().post_json(where, lead, token_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["data"]["id"].get<std::string>();
  };
  add(path, {{"name", "Ada Lovelace"}, {"email", "ada@engine.example"}, {"job_title", "Analyst"}});
  auto grace = add(path, {{"name", "Grace Hopper"}, {"email", "grace@navy.example"}, {"job_title", "Rear Admiral"}});
  add(path, {{"name", "Alan Turing"}, {"email", "alan@bletchley.example"}, {"company", "Bletchley-Park"}});
  add(other, {{"name", "Ada Byron"}, {"email", "ada@other.example"}});
  auto total = [&](const std::string& query) {
    auto r = server_->http().get(path + "?search=" + query, token_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["total"].get<long long>();
  };
  EXPECT_EQ(total("ada"), 1) << "another company's Ada is not found";
  EXPECT_EQ(total("lov"), 1) << "the last word may be cut short";
  EXPECT_EQ(total("ovelace"), 0) << "words match from their beginning";
  EXPECT_EQ(total("grace%20hop"), 1);
  EXPECT_EQ(total("navy"), 1) << "words of the email";
  EXPECT_EQ(total("park"), 1) << "hyphens split words";
  EXPECT_EQ(total("REAR%20admiral"), 1);
  EXPECT_EQ(total("grace%20turing"), 0) << "every word must match";
  add(path, {{"name", "Ada Lovelace"}, {"email", "countess@engine.example"}});
  EXPECT_EQ(total("ada%20engine"), 2);
  EXPECT_EQ(total("ADA%40engine.example"), 1) << "a whole address finds its lead only";
  auto found = server_->http().get(path + "?search=ada%40engine.example", token_).json();
  ASSERT_EQ(found["items"].size(), 1u) << found.dump();
  EXPECT_EQ(found["items"][0]["email"], "ada@engine.example");
  EXPECT_EQ(total("ada%40other.example"), 0) << "nor leaves the company";

  auto listing = server_->http().get(path, token_).json();
  EXPECT_EQ(listing["total"], 4);
  EXPECT_EQ(listing["items"][0]["email"], "countess@engine.example") << "newest first";
  ASSERT_EQ(server_->http().del(path + "/" + grace, token_).status, 200);
  EXPECT_EQ(server_->http().del(path + "/" + grace, token_).status, 404);
  EXPECT_EQ(server_->http().get(path, token_).json()["total"], 3);
  EXPECT_EQ(total("grace"), 0) << "a deleted lead leaves the search";
  add(path, {{"name", "Grace B. Hopper"}, {"email", "grace@navy.example"}});
  EXPECT_EQ(server_->http().get(path, token_).json()["total"], 4) << "a restored lead counts again";
  EXPECT_EQ(total("grace%20b"), 1);
  EXPECT_EQ(total("admiral"), 0) << "the restored lead's new fields replace the old ones";
}

TEST_F(Leads, AnEditIsSavedNormalisedAndSearchableAndNeverTakesAnotherLeadsEmail) {
  auto put = [&](const std::string& id, const nlohmann::json& lead, const std::string& token = token_) {
    return server_->http().request("PUT", base() + "/" + id, lead.dump(),
                                   {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
  };
  auto ada =
      create({{"name", "Edith Clarke"}, {"email", "edith@ge.example"}, {"job_title", "Engineer"}}).json()["data"];
  auto other = create({{"name", "Hedy Lamarr"}, {"email", "hedy@mgm.example"}}).json()["data"];
  std::string id = ada["id"];
  auto r = put(id, {{"name", "Edith Clarke-Turing"},
                    {"email", " Edith@GE.example "},
                    {"job_title", "Chief Engineer"},
                    {"phone_number", "+44 20 7946 0000"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto edited = r.json()["data"];
  EXPECT_EQ(edited["id"], id);
  EXPECT_EQ(edited["email"], "edith@ge.example");
  EXPECT_EQ(edited["phone_number"], "+442079460000");
  EXPECT_EQ(edited["created_at"], ada["created_at"]);
  EXPECT_EQ(server_->http().get(base() + "?search=Turing", token_).json()["total"], 1) << "the search index follows";
  EXPECT_EQ(server_->http().get(base() + "/" + id, token_).json()["data"]["job_title"], "Chief Engineer");

  auto taken = put(id, {{"name", "Edith Clarke"}, {"email", "HEDY@mgm.example"}});
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_NE(taken.body.find(other["id"].get<std::string>()), std::string::npos) << taken.body;
  EXPECT_EQ(put(id, {{"name", "Edith Clarke"}, {"email", "not-an-address"}}).status, 422);
  EXPECT_EQ(put(id, {{"email", "edith@ge.example"}}).status, 422) << "a name is required, as on create";
  EXPECT_EQ(put("00000000-0000-0000-0000-000000000000", {{"name", "X"}, {"email", "x@y.example"}}).status, 404);
  auto stranger = server_->register_user(ReachServer::unique_email("stranger"));
  auto theirs = server_->create_company(stranger, "Stranger Co");
  auto r2 = server_->http().request("PUT", "/api/companies/" + theirs + "/leads/" + id,
                                    R"({"name": "Taken", "email": "taken@x.example"})",
                                    {{"Authorization", "Bearer " + stranger}, {"Content-Type", "application/json"}});
  EXPECT_EQ(r2.status, 404) << "another company's lead id is no lead of theirs";
  EXPECT_EQ(server_->http().get(base() + "/" + id, token_).json()["data"]["name"], "Edith Clarke-Turing")
      << "refused edits changed nothing";
}

TEST_F(Leads, SoftDeleteHidesAndReAddingRestores) {
  auto r = create({{"name", "Gone Soon"}, {"email", "gone@example.com"}});
  ASSERT_EQ(r.status, 200);
  auto id = r.json()["data"]["id"].get<std::string>();
  ASSERT_EQ(server_->http().del(base() + "/" + id, token_).status, 200);
  EXPECT_EQ(server_->http().get(base() + "/" + id, token_).status, 404);
  EXPECT_EQ(server_->http().get(base() + "?search=gone", token_).json()["total"], 0);
  r = create({{"name", "Back Again"}, {"email", "gone@example.com"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["data"]["id"], id) << "the deleted lead comes back";
  EXPECT_EQ(server_->http().get(base() + "/" + id, token_).json()["data"]["name"], "Back Again");
}

}  // namespace
}  // namespace reach::test
