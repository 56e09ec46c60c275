// Bad input gets a clear 4xx in the contract's envelope — never a 500 — and the server keeps serving.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/reach_server.hpp"

namespace reach::test {
namespace {

class BadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ReachServer(std::map<std::string, std::string>{{"REACH_MAX_BODY_BYTES", "65536"}});
    token_ = server_->register_user(ReachServer::unique_email("bad"));
  }
  static void TearDownTestSuite() { delete server_; }
  void TearDown() override { EXPECT_EQ(server_->http().get("/healthz").status, 200) << "server stopped serving"; }
  HttpResult post_raw(const std::string& path, const std::string& body, const std::string& type = "application/json") {
    auto h = bearer(token_);
    h["Content-Type"] = type;
    return server_->http().request("POST", path, body, h);
  }
  static ReachServer* server_;
  static std::string token_;
};
ReachServer* BadInput::server_ = nullptr;
std::string BadInput::token_;

nlohmann::json first_error(const HttpResult& r) { return r.json()["detail"][0]; }

TEST_F(BadInput, MalformedJsonIs422) {
  for (const char* body : {"{", "{\"name\": }", "not json", "{\"name\": \"x\"} trailing", "\xff\xfe"}) {
    auto r = post_raw("/api/companies", body);
    EXPECT_EQ(r.status, 422) << body;
    EXPECT_EQ(first_error(r)["type"], "json_invalid") << r.body;
  }
  auto r = post_raw("/api/companies", "[1, 2]");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(first_error(r)["loc"], nlohmann::json({"body"}));
}

TEST_F(BadInput, MissingAndWrongTypedFieldsAre422WithTheirLocation) {
  auto r = post_raw("/api/companies", "{}");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(first_error(r)["loc"], nlohmann::json({"body", "name"}));
  EXPECT_EQ(first_error(r)["type"], "missing");

  r = post_raw("/api/companies", R"({"name": 42, "website": ["x"]})");
  ASSERT_EQ(r.status, 422);
  ASSERT_EQ(r.json()["detail"].size(), 2u) << "every bad field is reported at once";
  EXPECT_EQ(r.json()["detail"][0]["type"], "string_type");

  r = post_raw("/api/companies", R"({"name": "Acme", "website": "not a url"})");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(first_error(r)["loc"], nlohmann::json({"body", "website"}));

  r = server_->http().post_json("/api/auth/signup", {{"email", "not-an-email"}, {"password", "short"}});
  ASSERT_EQ(r.status, 422);
  ASSERT_EQ(r.json()["detail"].size(), 2u);
  EXPECT_EQ(r.json()["detail"][0]["loc"], nlohmann::json({"body", "email"}));
  EXPECT_EQ(r.json()["detail"][1]["loc"], nlohmann::json({"body", "password"}));

  r = server_->http().post_form("/api/auth/login", "username=someone@example.com");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(first_error(r)["loc"], nlohmann::json({"body", "password"}));

  r = post_raw("/api/companies/not-a-uuid/invite", "{}");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(first_error(r)["loc"], nlohmann::json({"path", "company_id"}));
}

// Regression (issue 11.12): "x@y" and "x@y" + U+200B were two accounts; Cyrillic homoglyphs passed.
TEST_F(BadInput, LookalikeEmailAddressesAreRefused) {
  auto email = ReachServer::unique_email("lookalike");
  ASSERT_EQ(server_->http().post_json("/api/auth/signup", {{"email", email}, {"password", "lookalike-pass"}}).status,
            200);
  for (const std::string& twin : {email + "\u200b", "\u200b" + email, "p\u0430ypal-" + email}) {
    auto r = server_->http().post_json("/api/auth/signup", {{"email", twin}, {"password", "lookalike-pass"}});
    EXPECT_EQ(r.status, 422) << twin << ": " << r.body;
    EXPECT_EQ(first_error(r)["loc"], nlohmann::json({"body", "email"})) << r.body;
  }
  auto upper = email;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  EXPECT_EQ(server_->http().post_json("/api/auth/signup", {{"email", upper}, {"password", "lookalike-pass"}}).status,
            400)
      << "the same address in capitals is the same account";
}

TEST_F(BadInput, NestedInviteErrorsNameTheItem) {
  auto company = server_->create_company(token_, "Nested Errors Co");
  auto r = post_raw("/api/companies/" + company + "/invite",
                    R"({"invites": [{"email": "ok@example.com", "role": "sdr"}, {"email": "bad", "role": "king"}]})");
  ASSERT_EQ(r.status, 422) << r.body;
  ASSERT_EQ(r.json()["detail"].size(), 2u);
  EXPECT_EQ(r.json()["detail"][0]["loc"], nlohmann::json({"body", "invites", "1", "email"}));
  EXPECT_EQ(r.json()["detail"][1]["loc"], nlohmann::json({"body", "invites", "1", "role"}));
  EXPECT_EQ(server_->http().get("/api/companies/" + company + "/users", token_).json().size(), 1u)
      << "a rejected request invites nobody";
}

TEST_F(BadInput, OversizedBodyIs413) {
  std::string big = R"({"name": ")" + std::string(100 * 1024, 'x') + R"("})";
  auto r = post_raw("/api/companies", big);
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.json()["detail"].get<std::string>().find("65536"), std::string::npos) << r.body;
}

TEST_F(BadInput, WrongMediaTypeIs415) {
  auto r = post_raw("/api/companies", "name=Acme", "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 415);
  EXPECT_TRUE(r.json()["detail"].is_string());
  r = server_->http().post_json("/api/auth/login", {{"username", "a@b.co"}, {"password", "x"}});
  EXPECT_EQ(r.status, 415) << "login takes a form, as OAuth2 password flow does";
}

TEST_F(BadInput, UnknownRouteIs404JsonAndWrongMethodIs405) {
  auto r = server_->http().get("/api/no-such-thing", token_);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["detail"], "Not Found");
  EXPECT_EQ(r.headers["content-type"], "application/json");
  r = server_->http().request("PUT", "/api/companies", "{}", bearer(token_));
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.json()["detail"], "Method Not Allowed");
  EXPECT_EQ(r.headers["allow"], "POST, GET");
}

TEST_F(BadInput, HostileStringsAreStoredVerbatimNotExecuted) {
  std::string name = "Robert'); DROP TABLE companies;-- \xe2\x9c\x93 <script>";
  auto r = server_->http().post_json("/api/companies", {{"name", name}}, token_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto id = r.json()["id"].get<std::string>();
  EXPECT_EQ(server_->http().get("/api/companies/" + id, token_).json()["name"], name);
}

}  // namespace
}  // namespace reach::test
