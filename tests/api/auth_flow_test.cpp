// The account journey through the real binary: signup → emailed verification → login → companies →
// users/me, plus password reset, resend, and the failure answers along the way.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "support/eventually.hpp"
#include "support/mail_reader.hpp"
#include "support/reach_server.hpp"

namespace reach::test {
namespace {

class AuthFlow : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::printf("[ engine ] API tests on %s\n", ReachServer::engine().c_str());
    server_ = new ReachServer();
  }
  static void TearDownTestSuite() { delete server_; }
  static ReachServer* server_;
  HttpClient& http() { return server_->http(); }
};
ReachServer* AuthFlow::server_ = nullptr;

TEST_F(AuthFlow, SignupVerifyLoginCompanyAndMe) {
  auto email = ReachServer::unique_email("flow");
  auto r = http().post_json("/api/auth/signup", {{"email", email}, {"password", "s3cret-passw0rd"}, {"name", "Ada"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.json()["message"].get<std::string>().find("Account created successfully"), std::string::npos);

  // Not verified yet: login refused with 401 and the Bearer challenge.
  r = http().post_form("/api/auth/login", "username=" + email + "&password=s3cret-passw0rd");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.headers["www-authenticate"], "Bearer");

  auto token = wait_for_token(server_->outbox(), email, "verify");
  ASSERT_TRUE(token) << "verification mail with ?token= not found in the outbox";
  r = http().post_json("/api/auth/verify", {{"token", *token}});
  ASSERT_EQ(r.status, 200) << r.body;
  // Single use.
  EXPECT_EQ(http().post_json("/api/auth/verify", {{"token", *token}}).status, 400);

  r = http().post_form("/api/auth/login", "username=" + email + "&password=s3cret-passw0rd");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["token_type"], "bearer");
  std::string access = r.json()["access_token"];

  r = http().post_json("/api/companies", {{"name", "Globex"}, {"website", "globex.example"}, {"industry", "Energy"}},
                       access);
  ASSERT_EQ(r.status, 200) << r.body;
  auto company = r.json();
  EXPECT_EQ(company["name"], "Globex");
  EXPECT_EQ(company["website"], "https://globex.example");
  EXPECT_EQ(company["industry"], "Energy");
  // Offline research (no keys in tests) fills the overview from what the company was created with.
  EXPECT_EQ(company["overview"], "Globex is a company in Energy (website: https://globex.example).");
  EXPECT_EQ(company["created_at"].get<std::string>().size(), 20u);
  for (const char* key : {"id", "user_id", "address", "background", "products_services", "account_email",
                          "account_type", "cronofy_provider", "cronofy_linked_email", "cronofy_default_calendar_name",
                          "cronofy_default_calendar_id", "custom_calendar_link"})
    EXPECT_TRUE(company.contains(key)) << key;
  std::string company_id = company["id"];

  r = http().get("/api/companies", access);
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.json().size(), 1u);
  EXPECT_EQ(r.json()[0]["id"], company_id);

  r = http().get("/api/companies/" + company_id, access);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["name"], "Globex");

  r = http().get("/api/users/me", access);
  ASSERT_EQ(r.status, 200) << r.body;
  auto me = r.json();
  EXPECT_EQ(me["email"], email);
  EXPECT_EQ(me["name"], "Ada");
  EXPECT_EQ(me["verified"], true);
  ASSERT_EQ(me["company_roles"].size(), 1u);
  EXPECT_EQ(me["company_roles"][0]["company_id"], company_id);
  EXPECT_EQ(me["company_roles"][0]["role"], "admin");

  r = http().get("/api/companies/" + company_id + "/users", access);
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.json().size(), 1u);
  EXPECT_EQ(r.json()[0]["email"], email);
  EXPECT_EQ(r.json()[0]["role"], "admin");

  r = http().del("/api/companies/" + company_id, access);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(http().get("/api/companies/" + company_id, access).status, 404);
  EXPECT_EQ(http().get("/api/companies", access).json().size(), 0u);
}

TEST_F(AuthFlow, DuplicateSignupIsRefused) {
  auto email = ReachServer::unique_email("dup");
  ASSERT_EQ(http().post_json("/api/auth/signup", {{"email", email}, {"password", "password-one"}}).status, 200);
  auto r = http().post_json("/api/auth/signup", {{"email", email}, {"password", "password-two"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["detail"], "Email already registered");
  // Case does not make a new account.
  std::string upper = email;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(http().post_json("/api/auth/signup", {{"email", upper}, {"password", "password-two"}}).status, 400);
}

TEST_F(AuthFlow, ResendVerificationSendsAFreshWorkingLink) {
  auto email = ReachServer::unique_email("resend");
  ASSERT_EQ(http().post_json("/api/auth/signup", {{"email", email}, {"password", "password-one"}}).status, 200);
  auto first = wait_for_token(server_->outbox(), email, "verify");
  ASSERT_TRUE(first);
  ASSERT_EQ(http().post_json("/api/auth/resend-verification", {{"email", email}}).status, 200);
  // The mail goes out through the job queue.
  eventually([&] { return messages_to(server_->outbox(), email).size() >= 2; });
  ASSERT_EQ(messages_to(server_->outbox(), email).size(), 2u);
  auto second = wait_for_token(server_->outbox(), email, "verify");
  ASSERT_TRUE(second);
  EXPECT_NE(*first, *second);
  EXPECT_EQ(http().post_json("/api/auth/verify", {{"token", *first}}).status, 400) << "old link revoked";
  EXPECT_EQ(http().post_json("/api/auth/verify", {{"token", *second}}).status, 200);
  // Unknown addresses get the same answer and no mail.
  auto ghost = ReachServer::unique_email("ghost");
  EXPECT_EQ(http().post_json("/api/auth/resend-verification", {{"email", ghost}}).status, 200);
  auto later = ReachServer::unique_email("later");  // queued after the ghost's: once it is out, the ghost's job ran
  ASSERT_EQ(http().post_json("/api/auth/signup", {{"email", later}, {"password", "password-two"}}).status, 200);
  ASSERT_EQ(http().post_json("/api/auth/resend-verification", {{"email", later}}).status, 200);
  eventually([&] { return messages_to(server_->outbox(), later).size() >= 2; });
  ASSERT_EQ(messages_to(server_->outbox(), later).size(), 2u);
  EXPECT_TRUE(messages_to(server_->outbox(), ghost).empty());
}

// Regression (issue 11.13): forgot-password and resend-verification answered measurably slower for
// existing accounts (a token and a mail inside the request). Now both only queue a job.
TEST_F(AuthFlow, AccountMailRequestsTakeTheSameTimeWhetherOrNotTheAccountExists) {
  auto real = ReachServer::unique_email("timing");
  server_->register_user(real, "timing-password");
  auto timed = [&](const std::string& path, const std::string& email) {
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(http().post_json(path, {{"email", email}}).status, 200);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  for (const char* path : {"/api/auth/forgot-password", "/api/auth/resend-verification"}) {
    std::vector<double> existing, missing;
    for (int i = 0; i < 25; ++i) {  // interleaved, so the machine's noise falls on both alike
      existing.push_back(timed(path, real));
      missing.push_back(timed(path, ReachServer::unique_email("nobody")));
    }
    double a = median(existing), b = median(missing);
    std::printf("[ timing ] %s median %.2f ms (account) vs %.2f ms (none)\n", path, a, b);
    EXPECT_LT(a, 2.5 * b + 0.5) << path;
    EXPECT_LT(b, 2.5 * a + 0.5) << path;
  }
}

TEST_F(AuthFlow, ForgotAndResetPassword) {
  auto email = ReachServer::unique_email("reset");
  server_->register_user(email, "old-password-1");
  auto ghost = ReachServer::unique_email("nobody");
  auto a = http().post_json("/api/auth/forgot-password", {{"email", email}});
  auto b = http().post_json("/api/auth/forgot-password", {{"email", ghost}});
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(b.status, 200);
  EXPECT_EQ(a.body, b.body) << "the answer must not reveal whether the account exists";
  EXPECT_TRUE(messages_to(server_->outbox(), ghost).empty());

  auto token = wait_for_token(server_->outbox(), email, "reset-password");
  ASSERT_TRUE(token);
  auto r = http().post_json("/api/auth/reset-password", {{"token", *token}, {"new_password", "new-password-2"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(http().post_json("/api/auth/reset-password", {{"token", *token}, {"new_password", "other-pass-3"}}).status,
            400);
  EXPECT_EQ(http().post_form("/api/auth/login", "username=" + email + "&password=old-password-1").status, 401);
  EXPECT_NO_THROW(server_->login(email, "new-password-2"));
}

TEST_F(AuthFlow, UpdateMeChangesNameAndPasswordWithTheOldOne) {
  auto email = ReachServer::unique_email("me");
  auto token = server_->register_user(email, "first-password");
  auto r = http().patch_json("/api/users/me", {{"name", "Grace Hopper"}}, token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["name"], "Grace Hopper");
  r = http().patch_json("/api/users/me", {{"old_password", "wrong-password"}, {"new_password", "second-password"}},
                        token);
  EXPECT_EQ(r.status, 400);
  r = http().patch_json("/api/users/me", {{"new_password", "second-password"}}, token);
  EXPECT_EQ(r.status, 422);
  r = http().patch_json("/api/users/me", {{"old_password", "first-password"}, {"new_password", "second-password"}},
                        token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NO_THROW(server_->login(email, "second-password"));
}

// Regression (issue 11.9): access tokens stayed valid after a password change or reset, and there was
// no logout. Each of the three now refuses every token issued before it, and only those.
TEST_F(AuthFlow, PasswordChangeResetAndLogoutRevokeEarlierTokens) {
  auto email = ReachServer::unique_email("revoke");
  auto first = server_->register_user(email, "first-password");
  auto second = server_->login(email, "first-password");
  ASSERT_EQ(http().get("/api/users/me", first).status, 200);
  auto r = http().patch_json("/api/users/me", {{"old_password", "first-password"}, {"new_password", "second-password"}},
                             first);
  ASSERT_EQ(r.status, 200) << r.body;
  for (const auto& t : {first, second}) {
    r = http().get("/api/users/me", t);
    EXPECT_EQ(r.status, 401) << "a token from before the password change still works";
    EXPECT_NE(r.body.find("log in again"), std::string::npos) << r.body;
  }
  auto third = server_->login(email, "second-password");
  auto fourth = server_->login(email, "second-password");
  EXPECT_EQ(http().get("/api/users/me", third).status, 200);
  ASSERT_EQ(http().request("POST", "/api/auth/logout", "", bearer(third)).status, 200);
  EXPECT_EQ(http().get("/api/users/me", third).status, 401);
  EXPECT_EQ(http().get("/api/users/me", fourth).status, 401) << "logout ends every session of the user";
  EXPECT_EQ(http().request("POST", "/api/auth/logout", "", bearer(third)).status, 401);

  auto fifth = server_->login(email, "second-password");
  ASSERT_EQ(http().post_json("/api/auth/forgot-password", {{"email", email}}).status, 200);
  auto reset = wait_for_token(server_->outbox(), email, "reset-password");
  ASSERT_TRUE(reset);
  ASSERT_EQ(
      http().post_json("/api/auth/reset-password", {{"token", *reset}, {"new_password", "third-password"}}).status,
      200);
  EXPECT_EQ(http().get("/api/users/me", fifth).status, 401) << "a token from before the reset still works";
  EXPECT_EQ(http().get("/api/users/me", server_->login(email, "third-password")).status, 200);
}

TEST_F(AuthFlow, RepeatedFailedLoginsAreThrottled) {
  auto email = ReachServer::unique_email("throttle");
  server_->register_user(email, "right-password");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(http().post_form("/api/auth/login", "username=" + email + "&password=wrong-" + std::to_string(i)).status,
              401);
  auto r = http().post_form("/api/auth/login", "username=" + email + "&password=wrong-again");
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_FALSE(r.headers["retry-after"].empty());
  // Locked even with the right password, for a while.
  EXPECT_EQ(http().post_form("/api/auth/login", "username=" + email + "&password=right-password").status, 429);
  // Another account from the same address is not locked by this one.
  auto other = ReachServer::unique_email("unlocked");
  EXPECT_NO_THROW(server_->register_user(other, "right-password"));
}

HttpResult login_from(HttpClient& http, const std::string& email, const std::string& password, const std::string& ip) {
  return http.request("POST", "/api/auth/login", "username=" + email + "&password=" + password,
                      {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Forwarded-For", ip}});
}

// Regression (issue 11.11): five wrong guesses locked the owner out everywhere, 30 failures from one
// address (a reverse proxy: every user) locked everyone behind it, X-Forwarded-For was not read at all,
// and under concurrency 8 of 24 guesses got through a limit of 5.
TEST(LoginThrottle, AGuesserLocksOnlyItselfAndConcurrentGuessesStayWithinTheLimit) {
  ReachServer server(std::map<std::string, std::string>{{"REACH_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8"}});
  auto email = ReachServer::unique_email("owner");
  server.register_user(email, "right-password");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(login_from(server.http(), email, "wrong-" + std::to_string(i), "203.0.113.5").status, 401);
  EXPECT_EQ(login_from(server.http(), email, "wrong-again", "203.0.113.5").status, 429);
  EXPECT_EQ(login_from(server.http(), email, "right-password", "203.0.113.5").status, 429)
      << "the guesser stays locked";
  auto r = login_from(server.http(), email, "right-password", "198.51.100.7");
  EXPECT_EQ(r.status, 200) << "the owner elsewhere was locked out by someone else's guesses: " << r.body;
  // Behind a chain of trusted proxies the client is the right-most untrusted hop.
  EXPECT_EQ(login_from(server.http(), email, "right-password", "198.51.100.8, 10.1.2.3").status, 200);
  EXPECT_EQ(login_from(server.http(), email, "right-password", "203.0.113.5, 10.1.2.3").status, 429);

  auto target = ReachServer::unique_email("target");
  server.register_user(target, "right-password");
  std::vector<std::future<long>> guesses;
  for (int i = 0; i < 24; ++i)
    guesses.push_back(std::async(std::launch::async, [&, i] {
      return login_from(server.http(), target, "guess-" + std::to_string(i), "192.0.2.44").status;
    }));
  int checked = 0, refused = 0;
  for (auto& g : guesses) {
    long status = g.get();
    checked += status == 401;
    refused += status == 429;
  }
  EXPECT_LE(checked, 5) << "more concurrent guesses were checked than the limit allows";
  EXPECT_EQ(checked + refused, 24);
}

TEST_F(AuthFlow, ForwardedForIsIgnoredFromPeersThatAreNotTrustedProxies) {
  auto email = ReachServer::unique_email("spoof");
  server_->register_user(email, "right-password");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(login_from(http(), email, "wrong-" + std::to_string(i), "198.51.100." + std::to_string(i)).status, 401);
  EXPECT_EQ(login_from(http(), email, "wrong", "198.51.100.99").status, 429)
      << "a made-up X-Forwarded-For dodged the lock";
}

TEST_F(AuthFlow, InvitedUserSetsPasswordAndSeesTheCompany) {
  auto admin = server_->register_user(ReachServer::unique_email("admin"));
  auto company_id = server_->create_company(admin, "Initech");
  auto invitee = ReachServer::unique_email("invitee");
  auto r = http().post_json("/api/companies/" + company_id + "/invite",
                            {{"invites", {{{"email", invitee}, {"name", "Peter"}, {"role", "sdr"}}}}}, admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["results"][0]["status"], "invited");
  auto token = wait_for_token(server_->outbox(), invitee, "invite");
  ASSERT_TRUE(token);
  r = http().post_json("/api/auth/invite-password", {{"token", *token}, {"password", "invited-password"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto sdr = server_->login(invitee, "invited-password");
  r = http().get("/api/companies/" + company_id, sdr);
  EXPECT_EQ(r.status, 200);
  r = http().get("/api/users/me", sdr);
  EXPECT_EQ(r.json()["company_roles"][0]["role"], "sdr");
  // Inviting again reports the seat instead of duplicating it.
  r = http().post_json("/api/companies/" + company_id + "/invite",
                       {{"invites", {{{"email", invitee}, {"role", "sdr"}}}}}, admin);
  EXPECT_EQ(r.json()["results"][0]["status"], "already_member");
  EXPECT_EQ(http().get("/api/companies/" + company_id + "/users", admin).json().size(), 2u);
}

TEST_F(AuthFlow, AdminsChangeRolesAndRemoveMembersButNeverLeaveTheCompanyWithoutAnAdmin) {
  auto admin_email = ReachServer::unique_email("owner");
  auto admin = server_->register_user(admin_email);
  auto company = server_->create_company(admin, "Globex");
  auto users = "/api/companies/" + company + "/users";
  auto invitee = ReachServer::unique_email("teammate");
  ASSERT_EQ(http()
                .post_json("/api/companies/" + company + "/invite",
                           {{"invites", {{{"email", invitee}, {"role", "sdr"}}}}}, admin)
                .status,
            200);
  auto token = wait_for_token(server_->outbox(), invitee, "invite");
  ASSERT_TRUE(token);
  ASSERT_EQ(
      http().post_json("/api/auth/invite-password", {{"token", *token}, {"password", "teammate-password"}}).status,
      200);
  auto teammate = server_->login(invitee, "teammate-password");
  auto members = http().get(users, admin).json();
  ASSERT_EQ(members.size(), 2u) << members.dump();
  std::string admin_id, teammate_id;  // by address: both seats may share a second, and ids order them
  for (const auto& m : members) (m["email"] == invitee ? teammate_id : admin_id) = m["user_id"];
  // The member an answer lists with this user id.
  auto member = [](const nlohmann::json& list, const std::string& user_id) {
    for (const auto& m : list)
      if (m["user_id"] == user_id) return m;
    return nlohmann::json();
  };

  // The only admin can neither step down nor leave; an sdr may not change roles.
  auto demote_self = http().patch_json(users + "/" + admin_id, {{"role", "sdr"}}, admin);
  EXPECT_EQ(demote_self.status, 400) << demote_self.body;
  EXPECT_NE(demote_self.body.find("make another member admin first"), std::string::npos) << demote_self.body;
  EXPECT_EQ(http().del(users + "/" + admin_id, admin).status, 400);
  EXPECT_EQ(http().patch_json(users + "/" + teammate_id, {{"role", "admin"}}, teammate).status, 403);
  EXPECT_EQ(http().patch_json(users + "/" + teammate_id, {{"role", "owner"}}, admin).status, 422);
  EXPECT_EQ(http().patch_json(users + "/" + teammate_id, nlohmann::json::object(), admin).status, 422);
  auto stranger = server_->register_user(ReachServer::unique_email("stranger"));
  auto stranger_id = http().get("/api/users/me", stranger).json()["id"].get<std::string>();
  EXPECT_EQ(http().patch_json(users + "/" + stranger_id, {{"role", "admin"}}, admin).status, 404)
      << "a seat is given by invitation only";
  EXPECT_EQ(http().get("/api/companies/" + company, stranger).status, 404);

  // Promoted, the teammate may act as an admin; then the first admin may step down, and is an sdr.
  auto promoted = http().patch_json(users + "/" + teammate_id, {{"role", "admin"}}, admin);
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(member(promoted.json(), teammate_id)["role"], "admin") << "the members after the change";
  EXPECT_EQ(http().patch_json(users + "/" + admin_id, {{"role", "sdr"}}, admin).status, 200);
  EXPECT_EQ(http().patch_json(users + "/" + teammate_id, {{"role", "sdr"}}, admin).status, 403) << "no longer an admin";

  // Removed, a member loses the company at once (the token still being valid).
  EXPECT_EQ(http().del(users + "/" + admin_id, teammate).status, 200);
  EXPECT_EQ(http().get("/api/companies/" + company, admin).status, 404);
  EXPECT_EQ(http().get(users, teammate).json().size(), 1u);
  EXPECT_EQ(http().del(users + "/" + admin_id, teammate).status, 404) << "already gone";
  EXPECT_EQ(http().del(users + "/" + teammate_id, teammate).status, 400) << "the last admin stays";
}

// Regression (issue 11.10): an existing account was added to a company without its consent, a company
// name with newlines was pasted into the mail, an invited address that never activated could not sign
// up, an invitation link set the password after its owner had set one, and nothing limited invitations.
TEST(Invitations, NeedConsentCarryOneLineNamesAndAreLimited) {
  ReachServer server;
  auto& http = server.http();
  auto admin = server.register_user(ReachServer::unique_email("boss"));
  auto company = server.create_company(admin, "Initrode\n\nYour account is locked. Verify at http://evil.example");
  auto invite = [&](const std::string& email) {
    auto r = http.post_json("/api/companies/" + company + "/invite",
                            {{"invites", {{{"email", email}, {"role", "sdr"}}}}}, admin);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["results"][0]["status"].get<std::string>();
  };
  // An existing account: nothing changes until it accepts.
  auto member_email = ReachServer::unique_email("member");
  auto member = server.register_user(member_email);
  EXPECT_EQ(invite(member_email), "invited");
  EXPECT_EQ(invite(member_email), "already_invited") << "a second invitation before an answer sends no second mail";
  EXPECT_EQ(http.get("/api/companies/" + company, member).status, 404) << "a seat was given without consent";
  auto token = wait_for_token(server.outbox(), member_email, "invite");  // the mail goes out through the queue
  ASSERT_TRUE(token);
  auto mail = messages_to(server.outbox(), member_email).back();
  EXPECT_EQ(mail.find("\n\nYour account is locked"), std::string::npos) << mail;
  EXPECT_NE(mail.find("\"Initrode Your account is locked. Verify at http://ev"), std::string::npos) << mail;
  auto outsider = server.register_user(ReachServer::unique_email("outsider"));
  EXPECT_EQ(http.post_json("/api/invitations/accept", {{"token", *token}}, outsider).status, 403);
  EXPECT_EQ(http.post_json("/api/auth/invite-password", {{"token", *token}, {"password", "takeover-pass"}}).status, 400)
      << "an invitation link set the password of an active account";
  auto r = http.post_json("/api/invitations/accept", {{"token", *token}}, member);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["company_id"], company);
  EXPECT_EQ(http.get("/api/companies/" + company, member).status, 200);
  EXPECT_EQ(invite(member_email), "already_member");

  // A new address may decline, and may sign up on its own while invited.
  auto stranger = ReachServer::unique_email("stranger");
  EXPECT_EQ(invite(stranger), "invited");
  auto declined = wait_for_token(server.outbox(), stranger, "invite");
  ASSERT_TRUE(declined);
  EXPECT_EQ(http.post_json("/api/auth/decline-invitation", {{"token", *declined}}).status, 200);
  EXPECT_EQ(http.post_json("/api/auth/invite-password", {{"token", *declined}, {"password", "too-late-pass"}}).status,
            400);
  auto stranger_token = server.register_user(stranger, "my-own-password");
  EXPECT_EQ(http.get("/api/companies/" + company, stranger_token).status, 404);

  // An invited address whose owner signs up and sets a password: the link no longer sets one.
  auto newcomer = ReachServer::unique_email("newcomer");
  EXPECT_EQ(invite(newcomer), "invited");
  auto link = wait_for_token(server.outbox(), newcomer, "invite");
  ASSERT_TRUE(link);
  auto newcomer_token = server.register_user(newcomer, "newcomer-password");
  EXPECT_EQ(http.post_json("/api/auth/invite-password", {{"token", *link}, {"password", "link-password"}}).status, 400);
  EXPECT_NO_THROW(server.login(newcomer, "newcomer-password"));
  EXPECT_EQ(http.post_json("/api/invitations/accept", {{"token", *link}}, newcomer_token).status, 200);

  // 100 invitations a day per company: the 101st is refused before any mail goes out.
  nlohmann::json many = nlohmann::json::array();
  for (int i = 0; i < 97; ++i)
    many.push_back({{"email", "bulk" + std::to_string(i) + "@example.com"}, {"role", "sdr"}});
  r = http.post_json("/api/companies/" + company + "/invite", {{"invites", many}}, admin);
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  r = http.post_json("/api/companies/" + company + "/invite",
                     {{"invites", {{{"email", "one-more@example.com"}, {"role", "sdr"}}}}}, admin);
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_FALSE(r.headers["retry-after"].empty());
  EXPECT_TRUE(messages_to(server.outbox(), "one-more@example.com").empty());
}

}  // namespace
}  // namespace reach::test
