// Issue 12.7: functional tests move Reach's clock through the real binary (reach serve --test-clock),
// so schedules, delays and expiries are tested without sleeping; without the flag there is no such route.
#include <gtest/gtest.h>

#include "support/reach_server.hpp"

namespace reach::test {
namespace {

TEST(TestClock, SetAndAdvancedOverHttpTheServerLivesInThatTime) {
  ReachServer server(std::map<std::string, std::string>{{"REACH_TEST_CLOCK", "1"}});
  auto& http = server.http();
  auto r = http.post_json("/api/test/clock", {{"now", "2031-01-02T09:00:00Z"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["now"].get<std::string>().substr(0, 16), "2031-01-02T09:00");

  auto token = server.register_user(ReachServer::unique_email("clock"));  // its token is issued in 2031
  auto company = http.post_json("/api/companies", {{"name", "Future Co"}}, token).json();
  EXPECT_EQ(company["created_at"].get<std::string>().substr(0, 16), "2031-01-02T09:00") << company.dump();
  EXPECT_EQ(http.get("/api/users/me", token).status, 200);

  r = http.post_json("/api/test/clock", {{"advance_seconds", 25 * 3600}});
  EXPECT_EQ(r.json()["now"].get<std::string>().substr(0, 13), "2031-01-03T10");
  EXPECT_EQ(http.get("/api/users/me", token).status, 401) << "a 24-hour token has expired a day later";

  EXPECT_EQ(http.post_json("/api/test/clock", {{"now", "soon"}}).status, 422);
  EXPECT_EQ(http.post_json("/api/test/clock", {{"advance_seconds", "1h"}}).status, 422);
}

TEST(TestClock, WithoutTheFlagThereIsNoClockRoute) {
  ReachServer server;
  EXPECT_EQ(server.http().get("/api/test/clock").status, 404);
  EXPECT_EQ(server.http().post_json("/api/test/clock", {{"advance_seconds", 3600}}).status, 404);
}

}  // namespace
}  // namespace reach::test
