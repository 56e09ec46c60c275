// Tenancy and authentication, table-driven over the real route table: every company-scoped route hides
// other tenants' companies (404, no data), admin-only actions refuse an sdr (403), and every protected
// route refuses a missing, forged, `alg: none` or expired token (401 with WWW-Authenticate: Bearer).
#include <gtest/gtest.h>

#include <set>

#include "api/routes.hpp"
#include "support/mail_reader.hpp"
#include "support/reach_server.hpp"
#include "util/crypto.hpp"
#include "util/jwt.hpp"

namespace reach::test {
namespace {

std::vector<Route> all_routes() {
  Router r;
  add_routes(r);
  return r.routes();
}

std::string fill(const std::string& pattern, const std::string& company_id) {
  std::string out = pattern;
  auto at = out.find("{company_id}");
  if (at != std::string::npos) out.replace(at, 12, company_id);
  return out;
}

class Tenancy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    crypto_init();
    server_ = new ReachServer();
    owner_email_ = ReachServer::unique_email("owner");
    owner_ = server_->register_user(owner_email_);
    company_ = server_->create_company(owner_, "Secret Plans Ltd");
    outsider_ = server_->register_user(ReachServer::unique_email("outsider"));
    server_->create_company(outsider_, "Outsider Inc");
    auto sdr_email = ReachServer::unique_email("sdr");
    sdr_ = server_->register_user(sdr_email);
    auto r = server_->http().post_json("/api/companies/" + company_ + "/invite",
                                       {{"invites", {{{"email", sdr_email}, {"role", "sdr"}}}}}, owner_);
    if (r.json()["results"][0]["status"] != "invited") throw std::runtime_error("sdr invite failed: " + r.body);
    auto invitation = wait_for_token(server_->outbox(), sdr_email, "invite");
    if (!invitation) throw std::runtime_error("no invitation mail for the sdr");
    r = server_->http().post_json("/api/invitations/accept", {{"token", *invitation}}, sdr_);
    if (r.status != 200) throw std::runtime_error("sdr could not accept: " + r.body);
  }
  static void TearDownTestSuite() { delete server_; }

  HttpResult call(const Route& route, const std::string& company_id,
                  const std::map<std::string, std::string>& headers) {
    auto h = headers;
    std::string body;
    if (route.method == "POST" || route.method == "PATCH" || route.method == "PUT") {
      h["Content-Type"] = "application/json";
      body = "{}";
    }
    return server_->http().request(route.method, fill(route.pattern, company_id), body, h);
  }

  static ReachServer* server_;
  static std::string owner_email_, owner_, company_, outsider_, sdr_;
};
ReachServer* Tenancy::server_ = nullptr;
std::string Tenancy::owner_email_, Tenancy::owner_, Tenancy::company_, Tenancy::outsider_, Tenancy::sdr_;

// The access column is the table these tests walk: a route naming a company must be a company route.
TEST_F(Tenancy, EveryRouteNamingACompanyChecksMembership) {
  for (const auto& route : all_routes()) {
    if (route.pattern.find("{company_id}") != std::string::npos) {
      EXPECT_EQ(route.access.kind, Access::Kind::company) << route.method << " " << route.pattern;
    }
  }
}

TEST_F(Tenancy, OtherTenantsGet404AndNoDataOnEveryCompanyRoute) {
  int checked = 0;
  for (const auto& route : all_routes()) {
    if (route.access.kind != Access::Kind::company) continue;
    auto r = call(route, company_, bearer(outsider_));
    EXPECT_EQ(r.status, 404) << route.method << " " << route.pattern << ": " << r.body;
    EXPECT_EQ(r.body.find("Secret Plans"), std::string::npos) << route.pattern;
    EXPECT_EQ(r.body.find(owner_email_), std::string::npos) << route.pattern;
    ++checked;
  }
  EXPECT_GE(checked, 4);
  // The company is untouched by the outsider's DELETE.
  EXPECT_EQ(server_->http().get("/api/companies/" + company_, owner_).status, 200);
  // And not listed for them.
  EXPECT_EQ(server_->http().get("/api/companies", outsider_).body.find(company_), std::string::npos);
}

TEST_F(Tenancy, SdrGets403OnAdminOnlyActionsAndAccessElsewhere) {
  int admin_only = 0;
  for (const auto& route : all_routes()) {
    if (route.access.kind != Access::Kind::company) continue;
    auto r = call(route, company_, bearer(sdr_));
    bool refused = !role_allows(Role::sdr, route.access.permission);
    admin_only += refused;
    if (refused)
      EXPECT_EQ(r.status, 403) << route.method << " " << route.pattern << ": " << r.body;
    else
      EXPECT_TRUE(r.status != 403 && r.status != 404) << route.method << " " << route.pattern << ": " << r.status;
  }
  EXPECT_GE(admin_only, 2) << "deleting the company and inviting are admin-only";
  EXPECT_EQ(server_->http().get("/api/companies/" + company_, owner_).status, 200) << "sdr could not delete it";
}

TEST_F(Tenancy, EveryProtectedRouteRefusesBadTokens) {
  std::string jwt_key = derive_key(server_->secret(), "jwt");
  ManualClock two_days_ago(SystemClock().now() - std::chrono::hours(48));
  auto me = server_->http().get("/api/users/me", owner_).json();
  std::string owner_id = me["id"];
  std::string expired = JwtCodec(jwt_key, std::chrono::hours(1), two_days_ago).issue(owner_email_, owner_id, 0);
  SystemClock now;
  std::string forged =
      JwtCodec("some-other-key-entirely-0123456789", std::chrono::hours(1), now).issue(owner_email_, owner_id, 0);
  long far = static_cast<long>(now.now().time_since_epoch().count()) + 3600;
  std::string alg_none = base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                         base64url_encode(R"({"sub":")" + owner_email_ + R"(","uid":")" + owner_id + R"(","exp":)" +
                                          std::to_string(far) + "}") +
                         ".";
  std::vector<std::pair<std::string, std::map<std::string, std::string>>> cases = {
      {"no token", {}},
      {"not bearer", {{"Authorization", "Basic " + base64url_encode(owner_email_ + ":x")}}},
      {"garbage", bearer("not.a.jwt")},
      {"bad signature", bearer(forged)},
      {"alg none", bearer(alg_none)},
      {"expired", bearer(expired)},
  };
  int protected_routes = 0;
  for (const auto& route : all_routes()) {
    if (route.access.kind != Access::Kind::signed_in && route.access.kind != Access::Kind::company) continue;
    ++protected_routes;
    for (const auto& [name, headers] : cases) {
      auto r = call(route, company_, headers);
      EXPECT_EQ(r.status, 401) << name << ": " << route.method << " " << route.pattern << " " << r.body;
      EXPECT_EQ(r.headers["www-authenticate"], "Bearer") << name << ": " << route.pattern;
    }
  }
  EXPECT_GE(protected_routes, 8);
  // The genuine token still works, so the 401s above are about the tokens.
  EXPECT_EQ(server_->http().get("/api/companies/" + company_, owner_).status, 200);
}

}  // namespace
}  // namespace reach::test
