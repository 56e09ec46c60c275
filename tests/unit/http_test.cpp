// Router, dispatcher and request parsing without a server.
#include <gtest/gtest.h>

#include "domain/api_error.hpp"
#include "http/dispatcher.hpp"
#include "http/json_input.hpp"
#include "http/trusted_proxies.hpp"

namespace reach {
namespace {

Response ok_handler(const Request& req, HandlerContext&) {
  return Response::json(200, {{"id", req.path_uuid("company_id")}});
}
Response boom(const Request&, HandlerContext&) { throw std::runtime_error("database exploded"); }
Response already_running(const Request&, HandlerContext&) {
  throw conflict("Already running").with_header("Retry-After", "5");
}
Response who(const Request& req, HandlerContext&) {
  return Response::json(200, {{"user", req.caller ? req.caller->user_id : ""}});
}
Response validates(const Request& req, HandlerContext&) {
  auto body = json_object_body(req);
  FieldReader f(body);
  f.required_email("email");
  f.finish();
  return Response::json(200, {});
}

struct DispatcherTest : ::testing::Test {
  DispatcherTest() {
    router.get("/api/companies/{company_id}", anyone(), ok_handler);
    router.del("/api/companies/{company_id}", anyone(), ok_handler);
    router.get("/boom", anyone(), boom);
    router.post("/conflict", anyone(), already_running);
    router.post("/validate", anyone(), validates);
    router.post("/upload", anyone(), validates, BodyLimit::upload);
    router.get("/me", signed_in(), who);
  }
  Response send(std::string method, std::string path, const std::string& body = "") {
    Request req;
    req.method = std::move(method);
    req.path = std::move(path);
    req.body = body;
    req.request_id = "test-1";
    return dispatcher.handle(req);
  }
  Router router;
  HandlerContext context;
  HttpMetrics metrics;
  std::vector<Access::Kind> checked;  // the Access of every request the dispatcher checked
  Dispatcher dispatcher{router, context,
                        [this](Request& req, const Access& access) {
                          checked.push_back(access.kind);
                          if (access.kind == Access::Kind::anyone) return;
                          if (req.header("authorization") != "Bearer good") throw unauthorized("Not signed in");
                          req.caller = Caller{"user-1", "ada@example.com", 0};
                        },
                        metrics, BodyLimits{100, 1000}};
};

TEST_F(DispatcherTest, ChecksTheRoutesAccessBeforeItsHandler) {
  auto r = send("GET", "/me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.headers[0].second, "Bearer");
  Request req;
  req.method = "GET";
  req.path = "/me";
  req.headers["authorization"] = "Bearer good";
  r = dispatcher.handle(req);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["user"], "user-1") << "the handler finds the caller the check set";
  EXPECT_EQ(checked, (std::vector<Access::Kind>{Access::Kind::signed_in, Access::Kind::signed_in}));
  send("GET", "/api/nothing");
  send("POST", "/validate", std::string(101, 'x'));
  EXPECT_EQ(checked.size(), 2u) << "unmatched routes and refused bodies never reach the check";
}

TEST(RouterTable, EveryCompanyRouteNamesItsCompany) {
  Router router;
  EXPECT_THROW(router.get("/api/things", member(Permission::read_company), ok_handler), std::logic_error);
}

TEST_F(DispatcherTest, MatchesTypedPathParameters) {
  auto r = send("GET", "/api/companies/0B8D2C6E-6B1A-4C3F-9E0D-1A2B3C4D5E6F");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["id"], "0b8d2c6e-6b1a-4c3f-9e0d-1a2b3c4d5e6f");
  EXPECT_EQ(send("GET", "/api/companies/0b8d2c6e-6b1a-4c3f-9e0d-1a2b3c4d5e6f/").status, 200);
  EXPECT_EQ(send("GET", "/api/companies/nope").status, 422);
}

TEST_F(DispatcherTest, TellsNotFoundFromMethodNotAllowed) {
  EXPECT_EQ(send("GET", "/api/nothing").status, 404);
  EXPECT_EQ(send("GET", "/api/companies").status, 404);
  auto r = send("POST", "/api/companies/0b8d2c6e-6b1a-4c3f-9e0d-1a2b3c4d5e6f");
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].second, "GET, DELETE");
}

TEST_F(DispatcherTest, MapsErrorsInOnePlace) {
  auto r = send("GET", "/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("exploded"), std::string::npos) << "internal details stay in the log";
  EXPECT_NE(r.body.find("test-1"), std::string::npos) << "the request id lets an operator find the log line";
  r = send("POST", "/conflict");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(nlohmann::json::parse(r.body)["detail"], "Already running");
  EXPECT_EQ(r.headers[0].first, "Retry-After");
  r = send("POST", "/validate", R"({"email": "nope"})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(nlohmann::json::parse(r.body)["detail"][0]["loc"], nlohmann::json({"body", "email"}));
}

TEST_F(DispatcherTest, RefusesBodiesOverTheLimitBeforeTheHandler) {
  EXPECT_EQ(send("POST", "/validate", std::string(101, 'x')).status, 413);
  EXPECT_EQ(send("POST", "/validate", R"({"email": "a@b.co"})").status, 200);
  EXPECT_EQ(send("POST", "/upload", R"({"email": "a@b.co"})" + std::string(500, ' ')).status, 200) << "upload limit";
  auto r = send("POST", "/upload", std::string(1001, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("File too large: the limit is 1000 bytes"), std::string::npos);
}

TEST_F(DispatcherTest, KeepsServingReceivedRequestsWhileDraining) {
  dispatcher.start_draining();
  EXPECT_TRUE(dispatcher.draining());
  EXPECT_EQ(send("GET", "/api/companies/0b8d2c6e-6b1a-4c3f-9e0d-1a2b3c4d5e6f").status, 200);
  EXPECT_EQ(dispatcher.in_flight(), 0u);
}

TEST_F(DispatcherTest, CountsRequestsByRoutePattern) {
  send("GET", "/api/companies/0b8d2c6e-6b1a-4c3f-9e0d-1a2b3c4d5e6f");
  send("GET", "/api/nothing");
  auto text = metrics.render();
  EXPECT_NE(text.find(R"(reach_http_requests_total{method="GET",route="/api/companies/{company_id}",status="200"} 1)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(route="unmatched",status="404"} 1)"), std::string::npos);
}

TEST(UrlEncoded, DecodesPlusPercentAndKeepsFirstOfRepeatedKeys) {
  auto m = parse_urlencoded("username=ada%40example.com&password=a+b%2Bc&x=1&x=2&empty=&broken=%zz");
  EXPECT_EQ(m["username"], "ada@example.com");
  EXPECT_EQ(m["password"], "a b+c");
  EXPECT_EQ(m["x"], "1");
  EXPECT_EQ(m["empty"], "");
  EXPECT_EQ(m["broken"], "%zz");
}

TEST(JsonBody, ReportsMediaTypeAndShapeProblems) {
  Request req;
  req.headers["content-type"] = "text/plain";
  req.body = "{}";  // a literal: lives for the whole test
  EXPECT_THROW(json_object_body(req), ApiError);
  req.headers["content-type"] = "application/json; charset=utf-8";
  EXPECT_NO_THROW(json_object_body(req));
  req.body = "";
  EXPECT_THROW(json_object_body(req), ValidationError);
  EXPECT_NO_THROW(json_object_body(req, true));
}

}  // namespace
}  // namespace reach

namespace reach {
namespace {

TEST(TrustedProxies, BelievesForwardedForOnlyFromTrustedPeers) {
  auto t = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8 ,fd00::/8");
  EXPECT_TRUE(t.contains("10.200.1.1"));
  EXPECT_FALSE(t.contains("11.0.0.1"));
  EXPECT_TRUE(t.contains("fd12::1"));
  EXPECT_FALSE(t.contains("fe80::1"));
  EXPECT_FALSE(t.contains("not an address"));
  EXPECT_EQ(t.client_address("203.0.113.9", std::string("1.2.3.4")), "203.0.113.9") << "an untrusted peer";
  EXPECT_EQ(t.client_address("127.0.0.1", std::nullopt), "127.0.0.1");
  EXPECT_EQ(t.client_address("127.0.0.1", std::string("1.2.3.4")), "1.2.3.4");
  EXPECT_EQ(t.client_address("127.0.0.1", std::string("6.6.6.6, 1.2.3.4, 10.0.0.2")), "1.2.3.4")
      << "the right-most untrusted hop; what the client wrote further left is not believed";
  EXPECT_EQ(t.client_address("127.0.0.1", std::string("garbage, 10.0.0.2")), "10.0.0.2");
  EXPECT_TRUE(TrustedProxies::parse("").empty());
  EXPECT_THROW(TrustedProxies::parse("10.0.0.0/33"), std::invalid_argument);
  EXPECT_THROW(TrustedProxies::parse("example.com"), std::invalid_argument);
  EXPECT_TRUE(TrustedProxies::parse("0.0.0.0/0").contains("8.8.8.8"));
}

}  // namespace
}  // namespace reach
