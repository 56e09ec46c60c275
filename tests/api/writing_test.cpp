// AI writing through the real binary: the offline writer's lead-specific emails and call scripts,
// lead-product enrichment, the usage ledger, company research (in time and in the background) and the
// real adapters configured against the fake providers.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "support/eventually.hpp"
#include "support/fake_ai.hpp"
#include "support/reach_server.hpp"

namespace reach::test {
namespace {

const char* kProductSheet =
    "RouteIQ plans delivery routes in minutes instead of hours.\n"
    "Logistics dispatchers cut fuel costs by re-planning routes when traffic changes.\n"
    "Hospitals and clinics use RouteIQ to schedule patient transport and home-care visits on time.\n"
    "Retail chains restock stores overnight with fewer trucks.\n"
    "Every plan respects driver hours and vehicle capacity.\n";

struct Tenant {
  std::string token, company, product;
};

Tenant make_tenant(ReachServer& server, const std::string& name) {
  Tenant t;
  t.token = server.register_user(ReachServer::unique_email("writer"));
  t.company = server.create_company(t.token, name);
  auto r = server.http().post_multipart("/api/companies/" + t.company + "/products", {{"product_name", "RouteIQ"}},
                                        "routeiq.txt", kProductSheet, t.token);
  EXPECT_EQ(r.status, 200) << r.body;
  t.product = r.json()["id"];
  return t;
}

std::string add_lead(ReachServer& server, const Tenant& t, const nlohmann::json& lead) {
  auto r = server.http().post_json("/api/companies/" + t.company + "/leads", lead, t.token);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json()["data"]["id"];
}

std::string lead_path(const Tenant& t, const std::string& lead_id) {
  return "/api/companies/" + t.company + "/leads/" + lead_id;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class OfflineWriting : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ReachServer();
    tenant_ = make_tenant(*server_, "Fleet Labs");
  }
  static void TearDownTestSuite() { delete server_; }
  static ReachServer* server_;
  static Tenant tenant_;
};
ReachServer* OfflineWriting::server_ = nullptr;
Tenant OfflineWriting::tenant_;

TEST_F(OfflineWriting, EmailsAreSpecificToEachLead) {
  auto grace = add_lead(*server_, tenant_,
                        {{"name", "Grace Hopper"},
                         {"email", "grace@swiftfreight.example"},
                         {"company", "Swift Freight"},
                         {"job_title", "Head of Dispatch"},
                         {"industry", "Logistics"},
                         {"job_change", {{"from", "Navy"}, {"to", "Swift Freight"}}}});
  auto alan = add_lead(*server_, tenant_,
                       {{"name", "Alan Turing"},
                        {"email", "alan@stmarys.example"},
                        {"company", "St Mary's Hospital"},
                        {"job_title", "Operations Manager"},
                        {"industry", "Hospitals and healthcare"}});
  auto preview = [&](const std::string& lead) {
    auto r =
        server_->http().get(lead_path(tenant_, lead) + "/emailscript?product_id=" + tenant_.product, tenant_.token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  };
  auto g = preview(grace), a = preview(alan);
  std::string gb = g["body"], ab = a["body"];
  EXPECT_EQ(g["subject"], "RouteIQ for Swift Freight");
  EXPECT_TRUE(contains(gb, "Hi Grace,")) << gb;
  EXPECT_TRUE(contains(gb, "Head of Dispatch at Swift Freight")) << gb;
  EXPECT_TRUE(contains(gb, "Logistics dispatchers cut fuel costs")) << gb;  // the sentence for logistics
  EXPECT_TRUE(contains(gb, "recently changed jobs: from Navy, to Swift Freight")) << gb;
  EXPECT_TRUE(contains(gb, "Fleet Labs")) << gb;
  EXPECT_EQ(a["subject"], "RouteIQ for St Mary's Hospital");
  EXPECT_TRUE(contains(ab, "Hi Alan,")) << ab;
  EXPECT_TRUE(contains(ab, "Hospitals and clinics use RouteIQ")) << ab;  // the sentence for healthcare
  EXPECT_FALSE(contains(ab, "Logistics dispatchers")) << "sentences are chosen per lead:\n" << ab;
  EXPECT_EQ(preview(grace), g) << "the offline writer is deterministic";
}

TEST_F(OfflineWriting, CallScriptsAndEnrichmentAreStoredAndCounted) {
  auto lead = add_lead(*server_, tenant_,
                       {{"name", "Mary Jackson"},
                        {"phone_number", "+14155550199"},
                        {"company", "CornerShop"},
                        {"job_title", "Supply Lead"},
                        {"industry", "Retail"}});
  auto r = server_->http().get(lead_path(tenant_, lead) + "/callscript?product_id=" + tenant_.product, tenant_.token);
  ASSERT_EQ(r.status, 200) << r.body;
  std::string script = r.json()["script"];
  EXPECT_TRUE(contains(script, "is this Mary?")) << script;
  EXPECT_TRUE(contains(script, "Retail chains restock stores")) << script;

  r = server_->http().post_json(lead_path(tenant_, lead) + "/enrich", {{"product_id", tenant_.product}}, tenant_.token);
  ASSERT_EQ(r.status, 200) << r.body;
  auto e = r.json();
  EXPECT_EQ(e["lead_id"], lead);
  EXPECT_EQ(e["provider"], "offline");
  ASSERT_FALSE(e["pain_points"].empty());
  EXPECT_TRUE(contains(e["pain_points"].dump(), "Teams in retail")) << e.dump();
  EXPECT_TRUE(contains(e["key_messages"][0].get<std::string>(), "Retail chains restock")) << e.dump();
  // Kept for the lead's page: one per product, listed without writing again.
  auto stored = server_->http().get(lead_path(tenant_, lead) + "/enrichments", tenant_.token);
  ASSERT_EQ(stored.status, 200) << stored.body;
  ASSERT_EQ(stored.json().size(), 1u) << stored.body;
  EXPECT_EQ(stored.json()[0]["product_id"], tenant_.product);
  EXPECT_EQ(stored.json()[0]["pain_points"], e["pain_points"]);
  EXPECT_EQ(server_->http()
                .get(lead_path(tenant_, "00000000-0000-0000-0000-000000000000") + "/enrichments", tenant_.token)
                .status,
            404);

  auto usage = server_->http().get("/api/companies/" + tenant_.company + "/usage", tenant_.token);
  ASSERT_EQ(usage.status, 200) << usage.body;
  auto totals = usage.json()["totals"];
  ASSERT_EQ(totals.size(), 1u) << usage.body;
  EXPECT_EQ(totals[0]["provider"], "offline");
  EXPECT_GE(totals[0]["requests"].get<int>(), 2);
  EXPECT_EQ(totals[0]["cost_usd"], 0.0) << "the offline writer is free";
  EXPECT_EQ(usage.json()["cost_usd"], 0.0);
  EXPECT_EQ(usage.json()["items"][0]["day"].get<std::string>().size(), 10u);
}

TEST_F(OfflineWriting, BadInputGetsClearErrors) {
  auto lead = add_lead(*server_, tenant_, {{"name", "Edsger"}, {"email", "edsger@example.com"}});
  auto& http = server_->http();
  auto r = http.get(lead_path(tenant_, lead) + "/emailscript", tenant_.token);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["detail"][0]["loc"], nlohmann::json({"query", "product_id"}));
  r = http.post_json(lead_path(tenant_, lead) + "/enrich", nlohmann::json::object(), tenant_.token);
  EXPECT_EQ(r.status, 422) << r.body;
  r = http.get(lead_path(tenant_, lead) + "/callscript?product_id=00000000-0000-4000-8000-000000000000", tenant_.token);
  EXPECT_EQ(r.status, 404) << r.body;
  r = http.get("/api/companies/" + tenant_.company + "/usage?from=yesterday", tenant_.token);
  EXPECT_EQ(r.status, 422) << r.body;
  // Regression (issue 11.18): dates that do not exist were read (to=0001-01-01 answered "from":"0-12-03T00").
  for (const char* query : {"from=2026-02-30", "to=0001-01-01", "to=2026-13-01", "from=2026-12-02&to=2026-12-01"}) {
    r = http.get("/api/companies/" + tenant_.company + "/usage?" + query, tenant_.token);
    EXPECT_EQ(r.status, 422) << query << ": " << r.body;
  }
  r = http.get("/api/companies/" + tenant_.company + "/usage?from=2024-02-29&to=2024-03-01", tenant_.token);
  EXPECT_EQ(r.status, 200) << "a leap day exists: " << r.body;
  // Another tenant's product is not found, even with a valid lead.
  Tenant other = make_tenant(*server_, "Other Co");
  r = http.get(lead_path(tenant_, lead) + "/emailscript?product_id=" + other.product, tenant_.token);
  EXPECT_EQ(r.status, 404) << r.body;
  // A deleted product is refused with a reason.
  ASSERT_EQ(http.del("/api/companies/" + other.company + "/products/" + other.product, other.token).status, 200);
  auto other_lead = add_lead(*server_, other, {{"name", "Barbara"}, {"email", "barbara@example.com"}});
  r = http.get(lead_path(other, other_lead) + "/emailscript?product_id=" + other.product, other.token);
  EXPECT_EQ(r.status, 400) << r.body;
}

class ProviderWriting : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fake_ = new FakeAi(); }
  static void TearDownTestSuite() { delete fake_; }
  void SetUp() override { fake_->reset(); }
  static std::map<std::string, std::string> env(std::map<std::string, std::string> more = {}) {
    more.merge(std::map<std::string, std::string>{{"REACH_OPENAI_BASE_URL", fake_->base_url()},
                                                  {"REACH_OPENAI_API_KEY", fake_->key()},
                                                  {"REACH_PERPLEXITY_BASE_URL", fake_->base_url()},
                                                  {"REACH_PERPLEXITY_API_KEY", fake_->key()}});
    return more;
  }
  static nlohmann::json company(ReachServer& server, const std::string& token, const std::string& id) {
    return server.http().get("/api/companies/" + id, token).json();
  }
  static FakeAi* fake_;
};
FakeAi* ProviderWriting::fake_ = nullptr;

TEST_F(ProviderWriting, ResearchFillsTheCompanyAndPreviewsUseTheModel) {
  ReachServer server(env({{"REACH_AI_PRICES", "openai=0.15/0.60"}}));  // Perplexity left without a price
  auto token = server.register_user(ReachServer::unique_email("research"));
  auto r = server.http().post_json("/api/companies", {{"name", "Acme"}, {"website", "https://acme.example"}}, token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["overview"], "fake overview");
  EXPECT_EQ(r.json()["industry"], "fake industry");
  EXPECT_EQ(r.json()["research_status"], "done");
  Tenant t{token, r.json()["id"], ""};
  auto plain = server.http().post_json("/api/companies", {{"name", "No Site"}}, token);
  EXPECT_EQ(plain.json()["research_status"], "skipped") << plain.body;
  auto p = server.http().post_multipart("/api/companies/" + t.company + "/products", {{"product_name", "RouteIQ"}},
                                        "routeiq.txt", kProductSheet, token);
  t.product = p.json()["id"];
  auto lead = add_lead(server, t, {{"name", "Ada"}, {"email", "ada@example.com"}, {"company", "Engines"}});
  r = server.http().get(lead_path(t, lead) + "/emailscript?product_id=" + t.product, token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), nlohmann::json({{"subject", "fake subject"}, {"body", "fake body"}}));
  // Lead insights came from Perplexity once and were kept on the lead; the prompt carried them.
  auto stored = server.http().get(lead_path(t, lead), token).json()["data"]["enriched_data"];
  EXPECT_EQ(stored["insights"][0]["source"], "fake source") << stored.dump();
  std::string email_prompt;
  for (const auto& req : fake_->requests())
    if (req["path"] == "/v1/chat/completions") email_prompt = req["body"];
  EXPECT_TRUE(contains(email_prompt, "fake fact")) << email_prompt;
  auto usage = server.http().get("/api/companies/" + t.company + "/usage", token).json()["totals"];
  ASSERT_EQ(usage.size(), 2u) << usage.dump();
  EXPECT_EQ(usage[0]["provider"], "openai");
  EXPECT_EQ(usage[0]["requests"], 1);
  EXPECT_GT(usage[0]["total_tokens"].get<int>(), 0);
  EXPECT_EQ(usage[1]["provider"], "perplexity");
  EXPECT_EQ(usage[1]["requests"], 2);  // company research and lead insights
  // In money at the configured price; none for a provider without one, so no total either.
  double expected =
      (usage[0]["prompt_tokens"].get<double>() * 0.15 + usage[0]["completion_tokens"].get<double>() * 0.60) / 1e6;
  EXPECT_NEAR(usage[0]["cost_usd"].get<double>(), expected, 1e-12) << usage.dump();
  EXPECT_GT(expected, 0);
  EXPECT_TRUE(usage[1]["cost_usd"].is_null()) << usage.dump();
  EXPECT_TRUE(server.http().get("/api/companies/" + t.company + "/usage", token).json()["cost_usd"].is_null());
}

TEST_F(ProviderWriting, SlowResearchFinishesInTheBackground) {
  ReachServer server(env({{"REACH_RESEARCH_DEADLINE", "1s"}}));
  auto token = server.register_user(ReachServer::unique_email("slow"));
  fake_->latency_ms(2500);
  auto start = std::chrono::steady_clock::now();
  auto r =
      server.http().post_json("/api/companies", {{"name", "Slowpoke"}, {"website", "https://slow.example"}}, token);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_LT(took, 2.0) << "the deadline did not apply";
  EXPECT_TRUE(r.json()["overview"].is_null());
  EXPECT_EQ(r.json()["research_status"], "pending") << "issue 11.23: research status on the company";
  std::string id = r.json()["id"];
  nlohmann::json c;
  eventually([&] { return (c = company(server, token, id))["overview"].is_string(); });
  EXPECT_EQ(c["overview"], "fake overview") << c.dump();
  EXPECT_EQ(c["research_status"], "done");
  // Regression (issue 11.23): the answer that came after the deadline was paid for but not recorded.
  // Two research calls were answered (the late one and the job's): both count.
  nlohmann::json usage;
  eventually([&] {
    usage = server.http().get("/api/companies/" + id + "/usage", token).json()["totals"];
    return !usage.empty() && usage[0]["requests"] == 2;
  });
  ASSERT_EQ(usage.size(), 1u) << usage.dump();
  EXPECT_EQ(usage[0]["provider"], "perplexity");
  EXPECT_EQ(usage[0]["requests"], 2) << usage.dump();
}

// A handler that waits seconds for a model must not stall other connections: handlers run on their own
// pool, not on the threads that poll the connections (each of which polls a share of all connections).
TEST_F(ProviderWriting, ASlowModelAnswerDoesNotStallOtherConnections) {
  ReachServer server(env({{"REACH_HTTP_THREADS", "4"}, {"REACH_RESEARCH", "offline"}}));
  Tenant t = make_tenant(server, "Patient Co");
  auto lead = add_lead(server, t, {{"name", "Ada"}, {"email", "ada@example.com"}});
  fake_->latency_ms(3000);
  std::vector<std::future<long>> previews;
  for (int i = 0; i < 2; ++i)
    previews.push_back(std::async(std::launch::async, [&] {
      return server.http().get(lead_path(t, lead) + "/emailscript?product_id=" + t.product, t.token).status;
    }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  for (int i = 0; i < 16; ++i) EXPECT_EQ(server.http().get("/healthz").status, 200);  // a new connection each
  EXPECT_EQ(previews[0].wait_for(std::chrono::seconds(0)), std::future_status::timeout)
      << "the quick requests waited for the slow ones";
  for (auto& p : previews) EXPECT_EQ(p.get(), 200);
}

TEST_F(ProviderWriting, ResearchThatKeepsFailingEndsFailed) {
  ReachServer server(env({{"REACH_PERPLEXITY_API_KEY", "revoked-key"}}));
  auto token = server.register_user(ReachServer::unique_email("failing"));
  auto r =
      server.http().post_json("/api/companies", {{"name", "Refused"}, {"website", "https://refused.example"}}, token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["research_status"], "failed") << "a 401 from the provider is final";
}

TEST_F(ProviderWriting, ProviderFailuresAreBadGatewayWithTheReason) {
  ReachServer server(env({{"REACH_OPENAI_API_KEY", "revoked-key"}, {"REACH_RESEARCH", "offline"}}));
  Tenant t = make_tenant(server, "Failing Co");
  auto lead = add_lead(server, t, {{"name", "Ada"}, {"email", "ada@example.com"}});
  auto r = server.http().get(lead_path(t, lead) + "/callscript?product_id=" + t.product, t.token);
  EXPECT_EQ(r.status, 502) << r.body;
  EXPECT_TRUE(contains(r.json()["detail"], "openai provider failed: HTTP 401")) << r.body;
  EXPECT_EQ(fake_->requests().size(), 1u) << "a bad key is not retried";
}

// Columns the header rules do not know go to the model with sample values; its answer maps them.
TEST_F(ProviderWriting, TheModelMapsHeadersTheRulesDoNotKnow) {
  ReachServer server(env({{"REACH_RESEARCH", "offline"}}));
  auto token = server.register_user(ReachServer::unique_email("headers"));
  auto company = server.create_company(token, "Mapping Co");
  auto import = [&](const std::string& name) {
    std::string csv =
        "Full Name,Reach Me At,Employer,Shoe Size\n"
        "Ada Lovelace,ada@engines.example,Analytical Engines,38\n"
        "Grace Hopper,grace@navy.example,US Navy,39\n";
    auto r = server.http().post_multipart("/api/companies/" + company + "/leads/upload", {}, name, csv, token);
    EXPECT_EQ(r.status, 200) << r.body;
    return server.wait_for_task(token, r.json().value("task_id", ""));
  };

  fake_->script({{{"status", 400}, {"code", "invalid_request_error"}}});
  auto task = import("refused.csv");
  EXPECT_EQ(task["status"], "failed") << "the model refused; the rules alone find no email column: " << task.dump();
  EXPECT_TRUE(contains(task["failure_reason"], "No email or phone column")) << task.dump();

  fake_->reset();
  fake_->script(
      {{{"content", R"({"mapping": {"Reach Me At": "email", "Employer": "company", "Shoe Size": "none"}})"}}});
  task = import("advised.csv");
  ASSERT_EQ(task["status"], "completed") << task.dump();
  EXPECT_EQ(task["result"]["leads_saved"], 2);
  EXPECT_EQ(task["result"]["unmapped_headers"], nlohmann::json({"Shoe Size"}));
  auto requests = fake_->requests();
  ASSERT_EQ(requests.size(), 1u);
  std::string prompt = requests[0]["body"];
  EXPECT_TRUE(contains(prompt, "Reach Me At") && contains(prompt, "ada@engines.example"))
      << "samples shown: " << prompt;
  EXPECT_FALSE(contains(prompt, "Full Name")) << "only what the rules left unmapped is asked";
  auto leads = server.http().get("/api/companies/" + company + "/leads?search=ada", token).json();
  ASSERT_EQ(leads["total"], 1) << leads.dump();
  EXPECT_EQ(leads["items"][0]["email"], "ada@engines.example");
  EXPECT_EQ(leads["items"][0]["company"], "Analytical Engines");
  auto usage = server.http().get("/api/companies/" + company + "/usage", token).json()["totals"];
  ASSERT_EQ(usage.size(), 1u) << usage.dump();
  EXPECT_EQ(usage[0]["provider"], "openai");
  EXPECT_EQ(usage[0]["requests"], 1);
}

}  // namespace
}  // namespace reach::test
