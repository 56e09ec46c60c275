// Email campaigns through the real binary and a real SMTP server with AUTH (aiosmtpd): credentials
// tried before saving, a run that sends personalised mail with the pixel and unsubscribe headers, the
// emails API, opens, one-click unsubscribe, SMTP faults, cancelling, and tenancy of campaign objects.
#include <gtest/gtest.h>

#include <set>

#include "support/eventually.hpp"
#include "support/fake_ai.hpp"
#include "support/imap_server.hpp"
#include "support/mail_reader.hpp"
#include "support/reach_server.hpp"
#include "support/smtp_server.hpp"

namespace reach::test {
namespace {

const SmtpLogin kLogin{"sales@fleetlabs.example", "mailbox-app-password"};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct Tenant {
  std::string email, token, company, product;
};

class EmailCampaign : public ::testing::Test {
 protected:
  void SetUp() override {
    smtp_ = std::make_unique<SmtpServer>(kLogin);
    // A job lease of an hour: tests that move the clock by minutes would otherwise expire the lease of
    // a running slice and start a second one beside it.
    server_ = std::make_unique<ReachServer>(std::map<std::string, std::string>{
        {"REACH_SMTP_TIMEOUT", "3s"}, {"REACH_TEST_CLOCK", "1"}, {"REACH_JOB_LEASE", "1h"}});
    t_ = tenant("Fleet Labs");
  }

  Tenant tenant(const std::string& name) {
    Tenant t;
    t.email = ReachServer::unique_email("campaigns");
    t.token = server_->register_user(t.email);
    t.company = server_->create_company(t.token, name);
    auto r =
        http().post_multipart("/api/companies/" + t.company + "/products", {{"product_name", "RouteIQ"}}, "routeiq.txt",
                              "RouteIQ plans delivery routes in minutes instead of hours.\n", t.token);
    EXPECT_EQ(r.status, 200) << r.body;
    t.product = r.json()["id"];
    return t;
  }

  HttpClient& http() { return server_->http(); }
  std::string company_path(const std::string& rest = "") { return "/api/companies/" + t_.company + rest; }

  HttpResult save_credentials(const std::string& password, int port = 0) {
    return http().post_json(company_path("/account-credentials"),
                            {{"type", "smtp"},
                             {"email", kLogin.user},
                             {"password", password},
                             {"from_name", "Ada at Fleet Labs"},
                             {"smtp_host", "127.0.0.1"},
                             {"smtp_port", port ? port : smtp_->port()},
                             {"security", "none"}},
                            t_.token);
  }

  std::string add_lead(const nlohmann::json& lead) {
    auto r = http().post_json(company_path("/leads"), lead, t_.token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["data"]["id"];
  }

  std::string create_campaign(const nlohmann::json& extra = nlohmann::json::object()) {
    nlohmann::json body = {{"name", "Spring routes"},
                           {"type", "email"},
                           {"product_id", t_.product},
                           {"template", "Mention how much time dispatchers save."}};
    body.update(extra);
    auto r = http().post_json(company_path("/campaigns"), body, t_.token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["id"];
  }

  std::string run(const std::string& campaign_id) {
    auto r = http().post_json("/api/campaigns/" + campaign_id + "/run", nlohmann::json::object(), t_.token);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["message"], "Campaign request initiated successfully");
    return r.json().value("campaign_run_id", "");
  }

  nlohmann::json run_state(const std::string& run_id) {
    return http().get("/api/campaign-runs/" + run_id, t_.token).json();
  }

  // Waits until the run has ended; answers its last state.
  nlohmann::json wait_for_run(const std::string& run_id, std::chrono::seconds timeout = std::chrono::seconds(60)) {
    nlohmann::json last;
    eventually(
        [&] {
          last = run_state(run_id);
          return last.value("status", "") != "running";
        },
        timeout, std::chrono::milliseconds(100));
    return last;
  }

  // Sets the server's clock and signs in again (a token from before a jump of days has expired).
  void set_clock(const std::string& now) {
    auto r = http().post_json("/api/test/clock", {{"now", now}});
    ASSERT_EQ(r.status, 200) << r.body;
    t_.token = server_->login(t_.email);
  }

  void advance_clock(int seconds) {
    auto r = http().post_json("/api/test/clock", {{"advance_seconds", seconds}});
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // The path of the first tracked link in a mail's decoded text, or "" when it has none.
  static std::string click_path(const std::string& text) {
    auto at = text.find("http://app.reach.test/api/track-click/");
    if (at == std::string::npos) return "";
    auto start = at + std::string("http://app.reach.test").size();
    auto token_at = start + std::string("/api/track-click/").size();
    auto token_end = text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
                                            token_at);  // base64url
    return text.substr(start, token_end - start);
  }

  void set_product_url(const std::string& url) {
    auto put =
        http().request("PUT", company_path("/products/" + t_.product), nlohmann::json{{"product_url", url}}.dump(),
                       {{"Authorization", "Bearer " + t_.token}, {"Content-Type", "application/json"}});
    ASSERT_EQ(put.status, 200) << put.body;
  }

  std::unique_ptr<SmtpServer> smtp_;
  std::unique_ptr<ReachServer> server_;
  Tenant t_;
};

TEST_F(EmailCampaign, AWrongPasswordIsRefusedWithTheServersReasonAndNothingIsSaved) {
  auto r = save_credentials("not-the-password");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_TRUE(contains(r.body, "535")) << "the server's own reply: " << r.body;
  EXPECT_EQ(http().get(company_path("/account-credentials"), t_.token).status, 404);
  // And a campaign cannot run without a mailbox.
  auto campaign = create_campaign();
  auto run = http().post_json("/api/campaigns/" + campaign + "/run", nlohmann::json::object(), t_.token);
  EXPECT_EQ(run.status, 400);
  EXPECT_TRUE(contains(run.body, "credentials")) << run.body;
}

TEST_F(EmailCampaign, TheImapLoginIsTriedToo) {
  ImapServer imap(kLogin.user, "the-imap-password");  // dovecot, with another password than SMTP's
  auto body = [&](const std::string& password, int imap_port) {
    return nlohmann::json{{"type", "smtp"},           {"email", kLogin.user},       {"password", password},
                          {"smtp_host", "127.0.0.1"}, {"smtp_port", smtp_->port()}, {"security", "none"},
                          {"imap_host", "127.0.0.1"}, {"imap_port", imap_port}};
  };
  auto refused = http().post_json(company_path("/account-credentials"), body(kLogin.password, imap.port()), t_.token);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_TRUE(contains(refused.body, "IMAP")) << refused.body;
  EXPECT_TRUE(contains(refused.body, "AUTHENTICATIONFAILED")) << "dovecot's own reply: " << refused.body;
  EXPECT_EQ(http().get(company_path("/account-credentials"), t_.token).status, 404);
  ImapServer same(kLogin.user, kLogin.password);
  auto saved = http().post_json(company_path("/account-credentials"), body(kLogin.password, same.port()), t_.token);
  EXPECT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["imap_port"], same.port());
}

TEST_F(EmailCampaign, SavedCredentialsNeverShowThePassword) {
  auto r = save_credentials(kLogin.password);
  ASSERT_EQ(r.status, 200) << r.body;
  auto got = http().get(company_path("/account-credentials"), t_.token);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.json()["email"], kLogin.user);
  EXPECT_FALSE(contains(got.body, kLogin.password));
  EXPECT_EQ(http().get(company_path(), t_.token).json()["account_email"], kLogin.user);
  EXPECT_FALSE(contains(server_->process().log(), kLogin.password)) << "the password reached the log";
}

TEST_F(EmailCampaign, ARunSendsPersonalisedMailThatIsTrackedAndCanBeUnsubscribedFrom) {
  ASSERT_EQ(save_credentials(kLogin.password).status, 200);
  add_lead({{"name", "Grace Hopper"},
            {"email", "grace@swiftfreight.example"},
            {"company", "Swift Freight"},
            {"job_title", "Head of Dispatch"}});
  add_lead({{"name", "Alan Turing"},
            {"email", "alan@stmarys.example"},
            {"company", "St Mary's Hospital"},
            {"job_title", "Operations Manager"}});
  add_lead({{"name", "Cy Phone"}, {"phone_number", "+1 415 555 0100"}});  // no email: not a target
  auto campaign = create_campaign();
  auto run_id = run(campaign);
  auto state = wait_for_run(run_id);
  EXPECT_EQ(state["status"], "completed") << state.dump();
  EXPECT_EQ(state["leads_total"], 2);
  EXPECT_EQ(state["leads_processed"], 2);
  EXPECT_EQ(state["counts"]["sent"], 2) << state.dump();
  EXPECT_EQ(state["has_failed_items"], false);

  auto grace_mail = messages_to(smtp_->maildir(), "grace@swiftfreight.example");
  ASSERT_EQ(grace_mail.size(), 1u);
  std::string raw = grace_mail[0];
  std::string text = decode_quoted_printable(raw);
  EXPECT_TRUE(contains(text, "Grace")) << text;
  EXPECT_TRUE(contains(text, "Swift Freight")) << text;
  EXPECT_TRUE(contains(raw, "From: Ada at Fleet Labs <sales@fleetlabs.example>")) << raw;
  EXPECT_TRUE(contains(raw, "\r\nList-Unsubscribe: <http://app.reach.test/unsubscribe/")) << raw;
  EXPECT_TRUE(contains(raw, "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")) << raw;
  EXPECT_TRUE(contains(raw, "multipart/alternative")) << raw;
  EXPECT_TRUE(contains(text, "/api/track-email/")) << "the pixel";
  EXPECT_TRUE(contains(text, "unsubscribe: http://")) << "a visible link in the text part";
  ASSERT_EQ(messages_to(smtp_->maildir(), "alan@stmarys.example").size(), 1u);
  EXPECT_FALSE(contains(decode_quoted_printable(messages_to(smtp_->maildir(), "alan@stmarys.example")[0]), "Grace"));

  // The emails API lists both, with the thread of each.
  auto emails = http().get(company_path("/emails?campaign_id=" + campaign), t_.token).json();
  ASSERT_EQ(emails["total"], 2) << emails.dump();
  nlohmann::json grace_log;
  for (const auto& e : emails["items"])
    if (e["lead_email"] == "grace@swiftfreight.example") grace_log = e;
  ASSERT_FALSE(grace_log.is_null());
  EXPECT_EQ(grace_log["has_opened"], false);
  EXPECT_EQ(grace_log["campaign_name"], "Spring routes");
  EXPECT_EQ(grace_log["lead_name"], "Grace Hopper");
  std::string log_id = grace_log["id"];
  auto thread = http().get(company_path("/emails/" + log_id), t_.token).json();
  ASSERT_EQ(thread.size(), 1u) << thread.dump();
  EXPECT_EQ(thread[0]["sender_type"], "assistant");
  EXPECT_EQ(thread[0]["to_email"], "grace@swiftfreight.example");
  EXPECT_TRUE(contains(raw, "Message-ID: <" + thread[0]["message_id"].get<std::string>() + ">"));
  EXPECT_TRUE(contains(text, "/api/track-email/" + log_id)) << "the pixel names this email";

  // Fetching the pixel (later than a prefetch would) marks it opened.
  advance_clock(120);
  auto pixel = http().get("/api/track-email/" + log_id);
  EXPECT_EQ(pixel.status, 200);
  EXPECT_EQ(pixel.headers["content-type"], "image/gif");
  EXPECT_EQ(pixel.body.size(), 43u);
  EXPECT_TRUE(contains(pixel.headers["cache-control"], "no-store"));
  EXPECT_TRUE(eventually([&] {
    auto e = http().get(company_path("/emails?campaign_id=" + campaign), t_.token).json();
    for (const auto& item : e["items"])
      if (item["id"] == log_id) return item["has_opened"] == true && item["machine_open_count"] == 0;
    return false;
  })) << "the open was recorded";
  EXPECT_EQ(http().get("/api/track-email/00000000-0000-0000-0000-000000000000").status, 200) << "unknown ids too";

  // One-click unsubscribe (RFC 8058) keeps Grace out of the next run.
  auto at = raw.find("List-Unsubscribe: <");
  auto url = raw.substr(at + 19, raw.find('>', at) - at - 19);
  auto path = url.substr(url.find("/unsubscribe/"));
  auto page = http().get(path);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "grace@swiftfreight.example")) << page.body;
  auto one_click = http().request("POST", path, "List-Unsubscribe=One-Click",
                                  {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(one_click.status, 200) << one_click.body;
  auto dne = http().get(company_path("/do-not-email"), t_.token).json();
  ASSERT_EQ(dne["total"], 1) << dne.dump();
  EXPECT_EQ(dne["items"][0]["email"], "grace@swiftfreight.example");
  EXPECT_EQ(dne["items"][0]["reason"], "unsubscribed");
  EXPECT_EQ(http().get(path.substr(0, path.size() - 3) + "xyz").status, 404) << "an altered token";

  auto second = wait_for_run(run(campaign));
  EXPECT_EQ(second["status"], "completed");
  EXPECT_EQ(second["leads_total"], 1) << "Grace is not a target any more";
  EXPECT_EQ(messages_to(smtp_->maildir(), "grace@swiftfreight.example").size(), 1u);
  EXPECT_EQ(messages_to(smtp_->maildir(), "alan@stmarys.example").size(), 2u);
  EXPECT_EQ(state["counts"]["unsubscribed"], 0);
  auto runs = http().get(company_path("/campaign-runs?campaign_id=" + campaign), t_.token).json();
  EXPECT_EQ(runs["total"], 2);
  EXPECT_EQ(runs["items"][1]["counts"]["unsubscribed"], 1) << runs.dump();
  EXPECT_EQ(runs["items"][1]["counts"]["opened"], 1) << runs.dump();
}

TEST_F(EmailCampaign, TrackedLinksRedirectOnlyToTheirRecordedUrlAndCountClicks) {
  ASSERT_EQ(save_credentials(kLogin.password).status, 200);
  set_product_url("https://routeiq.example/tour?from=email");
  add_lead({{"name", "Grace Hopper"}, {"email", "grace@swiftfreight.example"}, {"company", "Swift Freight"}});
  auto campaign = create_campaign({{"track_clicks", true}});
  auto state = wait_for_run(run(campaign));
  ASSERT_EQ(state["counts"]["sent"], 1) << state.dump();
  auto text = decode_quoted_printable(messages_to(smtp_->maildir(), "grace@swiftfreight.example").at(0));
  EXPECT_TRUE(contains(text, ">https://routeiq.example/tour?from=3Demail</a>") ||
              contains(text, ">https://routeiq.example/tour?from=email</a>"))
      << "the HTML shows the URL as written: " << text;
  auto path = click_path(text);
  ASSERT_FALSE(path.empty()) << text;
  auto click = http().get(path);
  EXPECT_EQ(click.status, 302) << path << " " << click.body;
  EXPECT_EQ(click.headers["location"], "https://routeiq.example/tour?from=email");
  EXPECT_EQ(http().get("/api/track-click/not-a-recorded-token").status, 404);
  auto emails = http().get(company_path("/emails"), t_.token).json();
  EXPECT_EQ(emails["items"][0]["has_clicked"], true) << emails.dump();
  auto runs = http().get(company_path("/campaign-runs"), t_.token).json();
  EXPECT_EQ(runs["items"][0]["counts"]["clicked"], 1) << runs.dump();
}

TEST_F(EmailCampaign, AnalyticsCountEachEmailOnceInTheFunnelAndOnTheDayOfItsFirstOpenAndClick) {
  set_clock("2026-03-02T09:00:00Z");
  ASSERT_EQ(save_credentials(kLogin.password).status, 200);
  set_product_url("https://routeiq.example/tour");
  auto grace = add_lead({{"name", "Grace Hopper"}, {"email", "grace@swiftfreight.example"}});
  add_lead({{"name", "Alan Turing"}, {"email", "alan@stmarys.example"}});
  auto campaign = create_campaign({{"track_clicks", true}});
  auto first_run = run(campaign);
  ASSERT_EQ(wait_for_run(first_run)["counts"]["sent"], 2);

  // The next day Grace opens her mail twice and clicks its link twice; a second run mails both again.
  set_clock("2026-03-03T10:00:00Z");
  auto grace_logs = http().get(company_path("/emails?lead_id=" + grace), t_.token).json();
  ASSERT_EQ(grace_logs["total"], 1) << grace_logs.dump();
  std::string log_id = grace_logs["items"][0]["id"];
  for (int i = 0; i < 2; ++i) ASSERT_EQ(http().get("/api/track-email/" + log_id).status, 200);
  auto path = click_path(decode_quoted_printable(messages_to(smtp_->maildir(), "grace@swiftfreight.example").at(0)));
  ASSERT_FALSE(path.empty());
  for (int i = 0; i < 2; ++i) ASSERT_EQ(http().get(path).status, 302);
  ASSERT_EQ(wait_for_run(run(campaign))["counts"]["sent"], 2);

  auto analytics = [&](const std::string& query) {
    return http().get("/api/campaigns/" + campaign + "/analytics" + query, t_.token);
  };
  nlohmann::json all;
  ASSERT_TRUE(eventually([&] {  // opens are written in batches
    all = analytics("?days=3").json();
    return all["funnel"]["opened"] == 1;
  })) << all.dump();
  EXPECT_EQ(all["funnel"], (nlohmann::json{{"sent", 4},
                                           {"opened", 1},
                                           {"clicked", 1},
                                           {"replied", 0},
                                           {"meeting_booked", 0},
                                           {"unsubscribed", 0},
                                           {"bounced", 0}}));
  auto day = [](const std::string& date, int sent, int opened, int clicked) {
    return nlohmann::json{{"date", date}, {"sent", sent}, {"opened", opened}, {"clicked", clicked}, {"replied", 0}};
  };
  EXPECT_EQ(all["days"],
            nlohmann::json::array({day("2026-03-01", 0, 0, 0), day("2026-03-02", 2, 0, 0), day("2026-03-03", 2, 1, 1)}))
      << "every day of the range, the empty ones too";
  auto one_run = analytics("?days=2&run_id=" + first_run).json();
  EXPECT_EQ(one_run["funnel"]["sent"], 2) << one_run.dump();
  EXPECT_EQ(one_run["funnel"]["clicked"], 1);
  EXPECT_EQ(one_run["days"], nlohmann::json::array({day("2026-03-02", 2, 0, 0), day("2026-03-03", 0, 1, 1)}));
  EXPECT_EQ(analytics("").json()["days"].size(), 30u) << "a month unless asked";

  // Bad input is a 422 that names the parameter; other campaigns' runs and other tenants see nothing.
  for (const char* bad : {"?days=0", "?days=367", "?days=ten", "?days=-1", "?run_id=short"}) {
    auto r = analytics(bad);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_TRUE(contains(r.body, bad[1] == 'd' ? "days" : "run_id")) << r.body;
  }
  auto other_campaign = create_campaign({{"name", "Other"}});
  EXPECT_EQ(http().get("/api/campaigns/" + other_campaign + "/analytics?run_id=" + first_run, t_.token).status, 404);
  auto stranger = tenant("Stranger Co");
  EXPECT_EQ(http().get("/api/campaigns/" + campaign + "/analytics", stranger.token).status, 404);
  EXPECT_EQ(
      http().get("/api/companies/" + stranger.company + "/emails?lead_id=" + grace, stranger.token).json()["total"], 0);
}

TEST_F(EmailCampaign, TheCompanysMeetingLinkIsOfferedInItsEmails) {
  ASSERT_EQ(save_credentials(kLogin.password).status, 200);
  auto edit = [&](const nlohmann::json& body) { return http().patch_json(company_path(), body, t_.token); };
  auto bad = edit({{"custom_calendar_link", "javascript:alert(1)"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(contains(bad.body, "custom_calendar_link")) << bad.body;
  EXPECT_EQ(edit({{"name", ""}}).status, 422) << "a company keeps a name";
  auto saved = edit({{"custom_calendar_link", "https://cal.fleetlabs.example/ada/20min"}, {"industry", "Logistics"}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["custom_calendar_link"], "https://cal.fleetlabs.example/ada/20min");
  EXPECT_EQ(saved.json()["name"], "Fleet Labs") << "fields not given stay";
  EXPECT_EQ(http().get(company_path(), t_.token).json()["industry"], "Logistics");

  add_lead({{"name", "Grace Hopper"}, {"email", "grace@swiftfreight.example"}, {"company", "Swift Freight"}});
  ASSERT_EQ(wait_for_run(run(create_campaign()))["counts"]["sent"], 1);
  auto text = decode_quoted_printable(messages_to(smtp_->maildir(), "grace@swiftfreight.example").at(0));
  EXPECT_TRUE(contains(text, "https://cal.fleetlabs.example/ada/20min")) << text;

  // An empty link clears it.
  ASSERT_EQ(edit({{"custom_calendar_link", ""}}).status, 200);
  EXPECT_TRUE(http().get(company_path(), t_.token).json()["custom_calendar_link"].is_null());
}

TEST_F(EmailCampaign, OpensRecordedJustBeforeAGracefulStopAreKept) {
  ASSERT_EQ(save_credentials(kLogin.password).status, 200);
  add_lead({{"name", "Grace Hopper"}, {"email", "grace@swiftfreight.example"}});
  wait_for_run(run(create_campaign()));
  auto log_id = http().get(company_path("/emails"), t_.token).json()["items"][0]["id"].get<std::string>();
  for (int i = 0; i < 25; ++i) ASSERT_EQ(http().get("/api/track-email/" + log_id).status, 200);
  server_->restart();  // SIGTERM right after the opens: they are tallied in memory, not yet written
  auto email = http().get(company_path("/emails"), t_.token).json()["items"][0];
  EXPECT_EQ(email["open_count"], 25) << email.dump();
  EXPECT_EQ(email["machine_open_count"], 25) << "fetched within seconds of sending: likely a machine";
}

TEST_F(EmailCampaign, TheMailboxThrottleHoldsMailUntilASlotFrees) {
  ASSERT_EQ(save_credentials(kLogin.password).status, 200);
  auto put =
      http().request("PUT", company_path("/email-throttle"), R"({"max_emails_per_hour": 2, "max_emails_per_day": 100})",
                     {{"Authorization", "Bearer " + t_.token}, {"Content-Type", "application/json"}});
  ASSERT_EQ(put.status, 200) << put.body;
  for (int i = 0; i < 5; ++i)
    add_lead({{"name", "Lead " + std::to_string(i)}, {"email", "lead" + std::to_string(i) + "@x.example"}});
  auto run_id = run(create_campaign());
  auto sent_is = [&](int n) {
    nlohmann::json s;
    bool ok = eventually([&] {
      s = run_state(run_id);
      return s["counts"]["sent"] == n;
    });
    return ok ? s : nlohmann::json{{"never", n}, {"last", s}};
  };
  auto state = sent_is(2);
  EXPECT_EQ(state["counts"]["queued"], 3) << state.dump();
  EXPECT_EQ(state["status"], "running") << "waiting for a slot keeps the run running";
  auto waiting = http().get("/api/campaign-runs/" + run_id + "/items?state=written", t_.token).json();
  ASSERT_EQ(waiting["total"], 3) << waiting.dump();
  EXPECT_TRUE(contains(waiting["items"][0]["reason"].get<std::string>(), "sending limit")) << waiting.dump();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(run_state(run_id)["counts"]["sent"], 2) << "no third mail within the hour";
  advance_clock(3601);
  sent_is(4);
  advance_clock(3601);
  state = wait_for_run(run_id);
  EXPECT_EQ(state["status"], "completed") << state.dump();
  EXPECT_EQ(state["counts"]["sent"], 5);
}

TEST_F(EmailCampaign, ModelFailuresAreRetriedThenTheItemFails) {
  FakeAi fake;
  // A job lease of an hour: the test moves the clock by minutes at a time, which would expire a
  // shorter lease under a running slice.
  server_ = std::make_unique<ReachServer>(std::map<std::string, std::string>{{"REACH_TEST_CLOCK", "1"},
                                                                             {"REACH_JOB_LEASE", "1h"},
                                                                             {"REACH_LLM", "openai"},
                                                                             {"REACH_OPENAI_BASE_URL", fake.base_url()},
                                                                             {"REACH_OPENAI_API_KEY", fake.key()}});
  t_ = tenant("Model Trouble");
  ASSERT_EQ(save_credentials(kLogin.password).status, 200);
  add_lead({{"name", "Grace Hopper"}, {"email", "grace@swiftfreight.example"}});
  auto campaign = create_campaign();
  // One writing attempt is three requests (the channel retries twice): the first attempt fails, the
  // item waits 30 s, the second succeeds.
  fake.script({{{"status", 500}}, {{"status", 500}}, {{"status", 500}}});
  auto run_id = run(campaign);
  nlohmann::json state;
  ASSERT_TRUE(eventually(
      [&] {
        advance_clock(40);
        state = run_state(run_id);
        return state["status"] != "running";
      },
      std::chrono::seconds(60), std::chrono::milliseconds(500)))
      << state.dump();
  EXPECT_EQ(state["counts"]["sent"], 1) << state.dump();
  // Every attempt failing: after three the item fails with the reason, and the run completes.
  nlohmann::json failures = nlohmann::json::array();
  // More failures scripted than three attempts of three requests need, so that an extra attempt (a
  // worker taking a stale copy of an item that had just failed, as a CI run once did) shows in the count.
  for (int i = 0; i < 30; ++i) failures.push_back({{"status", 500}});
  fake.script(failures);
  std::size_t requests_before = fake.requests().size();
  run_id = run(campaign);
  ASSERT_TRUE(eventually(
      [&] {
        advance_clock(200);
        state = run_state(run_id);
        return state["status"] != "running";
      },
      std::chrono::seconds(90), std::chrono::milliseconds(500)))
      << state.dump();
  EXPECT_EQ(state["status"], "completed") << state.dump();
  EXPECT_EQ(state["has_failed_items"], true);
  auto failed = http().get("/api/campaign-runs/" + run_id + "/items?state=failed", t_.token).json();
  ASSERT_EQ(failed["total"], 1) << failed.dump();
  EXPECT_TRUE(contains(failed["items"][0]["reason"].get<std::string>(), "writing the email failed")) << failed.dump();
  EXPECT_EQ(messages_to(smtp_->maildir(), "grace@swiftfreight.example").size(), 1u) << "only the first run's";
  EXPECT_EQ(fake.requests().size() - requests_before, 9u) << "three writing attempts of three requests each";
}

TEST_F(EmailCampaign, SmtpFaultsRetryFailBounceOrStayUncertain) {
  ASSERT_EQ(save_credentials(kLogin.password).status, 200);
  smtp_->set_faults({{"rcpt", {{"gone@bounce.example", "550 5.1.1 No such user here"}}},
                     {"data",
                      {{"busy@later.example", {"451 4.3.0 Try again later", 2}},
                       {"throttled@later.example", {"421 4.7.0 Too many messages, closing connection", 1}}}},
                     {"stall", {"slow@stall.example"}}});
  add_lead({{"name", "Gone Person"}, {"email", "gone@bounce.example"}});
  add_lead({{"name", "Busy Person"}, {"email", "busy@later.example"}});
  add_lead({{"name", "Slow Person"}, {"email", "slow@stall.example"}});
  add_lead({{"name", "Throttled Person"}, {"email", "throttled@later.example"}});
  add_lead({{"name", "Fine Person"}, {"email", "fine@ok.example"}});
  auto run_id = run(create_campaign());
  // The busy address is retried with backoff: move the clock on until the run ends.
  nlohmann::json state;
  ASSERT_TRUE(eventually(
      [&] {
        advance_clock(120);
        state = run_state(run_id);
        return state["status"] != "running";
      },
      std::chrono::seconds(90), std::chrono::milliseconds(500)))
      << state.dump();
  EXPECT_EQ(state["status"], "completed") << state.dump();
  EXPECT_EQ(state["has_failed_items"], true);
  EXPECT_EQ(state["counts"]["sent"], 3) << state.dump();
  EXPECT_EQ(state["counts"]["failed"], 1) << "550";
  EXPECT_EQ(state["counts"]["uncertain"], 1) << "the stall after the whole message was handed over";
  EXPECT_EQ(messages_to(smtp_->maildir(), "busy@later.example").size(), 1u) << "accepted on the third try";
  EXPECT_EQ(messages_to(smtp_->maildir(), "throttled@later.example").size(), 1u) << "421, then accepted";
  EXPECT_EQ(messages_to(smtp_->maildir(), "fine@ok.example").size(), 1u);
  EXPECT_EQ(messages_to(smtp_->maildir(), "gone@bounce.example").size(), 0u);
  auto dne = http().get(company_path("/do-not-email"), t_.token).json();
  ASSERT_EQ(dne["total"], 1) << dne.dump();
  EXPECT_EQ(dne["items"][0]["email"], "gone@bounce.example");
  EXPECT_EQ(dne["items"][0]["reason"], "bounced");
}

TEST_F(EmailCampaign, ARefusedLoginStopsTheRunWithAClearReason) {
  ASSERT_EQ(save_credentials(kLogin.password).status, 200);
  for (int i = 0; i < 5; ++i)
    add_lead({{"name", "Lead " + std::to_string(i)}, {"email", "lead" + std::to_string(i) + "@x.example"}});
  smtp_->set_faults({{"refuse_login", true}});  // as after the mailbox's password was changed
  auto state = wait_for_run(run(create_campaign()));
  EXPECT_EQ(state["status"], "failed") << state.dump();
  EXPECT_TRUE(contains(state["failure_reason"].get<std::string>(), "refused the login")) << state.dump();
  EXPECT_EQ(state["counts"]["sent"], 0);
  for (int i = 0; i < 5; ++i)
    EXPECT_TRUE(messages_to(smtp_->maildir(), "lead" + std::to_string(i) + "@x.example").empty());
}

TEST_F(EmailCampaign, AnUnreachableServerIsRetriedNotFailed) {
  int dead_port = free_port();  // nothing listens there
  ASSERT_EQ(save_credentials(kLogin.password).status, 200);
  // Point the mailbox at the dead port behind the check's back: the check would (rightly) refuse it.
  auto refused = save_credentials(kLogin.password, dead_port);
  EXPECT_EQ(refused.status, 400) << refused.body;
  smtp_.reset();  // now the saved server is gone too
  add_lead({{"name", "Ann Lee"}, {"email", "ann@firm.example"}});
  auto run_id = run(create_campaign());
  nlohmann::json state;
  ASSERT_TRUE(eventually([&] {
    state = run_state(run_id);
    return state["status"] == "running" && state["counts"]["queued"] == 1 && state["leads_processed"] == 0;
  }));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  state = run_state(run_id);
  EXPECT_EQ(state["status"], "running") << "waiting to retry, not failed: " << state.dump();
  auto cancelled = http().post_json("/api/campaign-runs/" + run_id + "/cancel", nlohmann::json::object(), t_.token);
  EXPECT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()["status"], "cancelled");
  EXPECT_EQ(cancelled.json()["counts"]["skipped"], 1);
}

TEST_F(EmailCampaign, CampaignsRunsAndEmailsOfAnotherCompanyAre404) {
  ASSERT_EQ(save_credentials(kLogin.password).status, 200);
  add_lead({{"name", "Grace Hopper"}, {"email", "grace@swiftfreight.example"}});
  auto campaign = create_campaign();
  auto run_id = run(campaign);
  wait_for_run(run_id);
  auto log_id = http().get(company_path("/emails"), t_.token).json()["items"][0]["id"].get<std::string>();
  Tenant other = tenant("Rival Co");
  for (const auto& path : {"/api/campaigns/" + campaign, "/api/campaign-runs/" + run_id,
                           "/api/companies/" + t_.company + "/emails/" + log_id}) {
    auto r = http().get(path, other.token);
    EXPECT_EQ(r.status, 404) << path << " " << r.body;
    EXPECT_FALSE(contains(r.body, "Grace"));
  }
  EXPECT_EQ(http().get("/api/companies/" + other.company + "/emails/" + log_id, other.token).status, 404);
  EXPECT_EQ(http().post_json("/api/campaigns/" + campaign + "/run", nlohmann::json::object(), other.token).status, 404);
  EXPECT_EQ(http().post_json("/api/campaign-runs/" + run_id + "/cancel", nlohmann::json::object(), other.token).status,
            404);
  // A campaign cannot use another company's product.
  auto r = http().post_json(company_path("/campaigns"),
                            {{"name", "x"}, {"type", "email"}, {"product_id", other.product}}, t_.token);
  EXPECT_EQ(r.status, 400) << r.body;
}

TEST_F(EmailCampaign, ASendingWindowHoldsMailUntilItOpens) {
  ASSERT_EQ(save_credentials(kLogin.password).status, 200);
  add_lead({{"name", "Grace Hopper"}, {"email", "grace@swiftfreight.example"}});
  // Set the clock to a Saturday noon in New York; the window is weekdays 09:00-17:00 there.
  set_clock("2026-12-05T17:00:00Z");
  auto campaign = create_campaign(
      {{"schedule",
        {{"timezone", "America/New_York"}, {"days", {1, 2, 3, 4, 5}}, {"start", "09:00"}, {"end", "17:00"}}}});
  auto run_id = run(campaign);
  ASSERT_TRUE(eventually([&] {
    auto s = run_state(run_id);
    return s["counts"]["queued"] == 1 && s["status"] == "running";
  }));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_TRUE(messages_to(smtp_->maildir(), "grace@swiftfreight.example").empty()) << "nothing on a Saturday";
  // Monday 09:00 in New York is 14:00 UTC.
  set_clock("2026-12-07T14:00:05Z");
  auto state = wait_for_run(run_id);
  EXPECT_EQ(state["status"], "completed") << state.dump();
  EXPECT_EQ(messages_to(smtp_->maildir(), "grace@swiftfreight.example").size(), 1u);
  auto bad = http().post_json(
      company_path("/campaigns"),
      {{"name", "x"},
       {"type", "email"},
       {"product_id", t_.product},
       {"schedule", {{"timezone", "Mars/Olympus"}, {"days", {1}}, {"start", "09:00"}, {"end", "17:00"}}}},
      t_.token);
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(contains(bad.body, "IANA")) << bad.body;
}

}  // namespace
}  // namespace reach::test
