// /healthz, /readyz, /metrics, /openapi.json, /docs and the request id header.
#include <gtest/gtest.h>

#include "support/reach_server.hpp"

namespace reach::test {
namespace {

TEST(ServiceEndpoints, HealthReadinessMetricsAndDocs) {
  ReachServer server(std::map<std::string, std::string>{{"REACH_METRICS_TOKEN", "scrape-token-0123456789"}});
  auto& http = server.http();
  EXPECT_EQ(http.get("/healthz").json()["status"], "ok");
  auto ready = http.get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json()["database"], ReachServer::engine());

  http.get("/api/companies");  // a 401 to count
  EXPECT_EQ(http.get("/metrics").status, 401) << "the metrics token is asked for";
  EXPECT_EQ(http.get("/metrics", "scrape-token-wrong-0123").status, 401);
  auto metrics = http.get("/metrics", "scrape-token-0123456789");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.headers["content-type"].find("text/plain"), std::string::npos);
  // The harness polled /healthz while the server started, so only its presence is certain.
  EXPECT_NE(metrics.body.find(R"(reach_http_requests_total{method="GET",route="/healthz",status="200"} )"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find(R"(reach_http_requests_total{method="GET",route="/api/companies",status="401"} 1)"),
            std::string::npos);
  EXPECT_NE(metrics.body.find(
                R"(reach_http_request_duration_seconds_bucket{method="GET",route="/readyz",status="200",le="+Inf"} 1)"),
            std::string::npos);

  auto spec = http.get("/openapi.json");
  ASSERT_EQ(spec.status, 200);
  EXPECT_EQ(spec.json()["openapi"].get<std::string>().substr(0, 2), "3.");
  auto docs = http.get("/docs");
  EXPECT_EQ(docs.status, 200);
  EXPECT_NE(docs.headers["content-type"].find("text/html"), std::string::npos);
  EXPECT_NE(docs.body.find("/openapi.json"), std::string::npos);
}

// Issue 12.5: the route counts, paths and timings are the operator's, not the public's.
TEST(ServiceEndpoints, MetricsAreClosedUnlessAMetricsTokenIsConfigured) {
  ReachServer server;
  auto r = server.http().get("/metrics");
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("REACH_METRICS_TOKEN"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("reach_http_requests_total"), std::string::npos);
}

TEST(ServiceEndpoints, EveryResponseCarriesARequestId) {
  ReachServer server;
  auto a = server.http().get("/healthz");
  auto b = server.http().get("/healthz");
  EXPECT_FALSE(a.headers["x-request-id"].empty());
  EXPECT_NE(a.headers["x-request-id"], b.headers["x-request-id"]);
  auto mine = server.http().request("GET", "/healthz", "", {{"X-Request-ID", "trace-abc-123"}});
  EXPECT_EQ(mine.headers["x-request-id"], "trace-abc-123");
  auto hostile = server.http().request("GET", "/healthz", "", {{"X-Request-ID", "bad id\twith spaces"}});
  EXPECT_NE(hostile.headers["x-request-id"], "bad id\twith spaces");
}

}  // namespace
}  // namespace reach::test
