// Configuration: durations, validation naming the bad key, the test clock refused outside tests.
#include <gtest/gtest.h>

#include "app/config.hpp"

namespace reach {
namespace {

// The key validate() names when it refuses the config, or "" when it accepts it.
std::string refused_key(Config c) {
  try {
    validate(c);
    return "";
  } catch (const ConfigError& e) {
    std::string what = e.what();
    return what.substr(0, what.find(':'));
  }
}

TEST(Config, DurationsAndValidation) {
  EXPECT_EQ(parse_duration("90"), std::chrono::seconds(90));
  EXPECT_EQ(parse_duration("30m"), std::chrono::seconds(1800));
  EXPECT_EQ(parse_duration("7d"), std::chrono::seconds(604800));
  EXPECT_FALSE(parse_duration("0"));
  EXPECT_FALSE(parse_duration("1w"));
  EXPECT_FALSE(parse_duration("-5"));
  Config c;
  c.data_dir = "/tmp/reach-config-test";
  validate(c);
  EXPECT_EQ(c.database_url, "sqlite:///tmp/reach-config-test/reach.db");
  EXPECT_EQ(c.public_url, "http://127.0.0.1:8000");
  EXPECT_EQ(c.listen_port, 8000);
  EXPECT_EQ(c.db_pool_size, c.http_threads + c.workers + 2);
  Config bad = c;
  bad.listen = "localhost";
  EXPECT_EQ(refused_key(bad), "REACH_LISTEN") << "accepted a listen address without a port";
  Config slow = c;
  slow.import_commit_ms = -1;
  EXPECT_EQ(refused_key(slow), "REACH_IMPORT_COMMIT_MS") << "accepted a negative commit interval";
}

TEST(Config, AiPricesAreParsedOrRefusedWithTheReason) {
  std::string error;
  auto prices = parse_ai_prices("openai=0.15/0.60,perplexity=1/1", error);
  ASSERT_TRUE(prices) << error;
  EXPECT_EQ(prices->size(), 3u) << "openai, perplexity and the free offline adapters";
  LlmUsage used{3, 2'000'000, 500'000};
  EXPECT_DOUBLE_EQ(*cost_usd(*prices, "openai", used), 0.30 + 0.30);
  EXPECT_DOUBLE_EQ(*cost_usd(*prices, "offline", used), 0.0);
  EXPECT_FALSE(cost_usd(*prices, "anthropic", used)) << "no price, no cost";
  EXPECT_EQ(parse_ai_prices("", error)->size(), 1u);
  for (const char* bad :
       {"openai", "openai=0.15", "=1/1", "openai=x/1", "openai=-1/1", "openai=1/1e9", "openai=1/2,", "openai=1/2/3"}) {
    EXPECT_FALSE(parse_ai_prices(bad, error)) << bad;
    EXPECT_FALSE(error.empty());
  }
  Config c;
  c.data_dir = "/tmp/reach-config-test";
  c.ai_prices = "openai=cheap";
  EXPECT_EQ(refused_key(c), "REACH_AI_PRICES") << "accepted a price that is no number";
}

// Issue 12.7: the clock tests move over HTTP is never on in a deployment.
TEST(Config, TheTestClockIsRefusedOutsideLoopbackAndPlainHttp) {
  Config c;
  c.data_dir = "/tmp/reach-config-test";
  c.test_clock = true;
  EXPECT_NO_THROW(validate(c)) << "127.0.0.1 and http://: a test";
  for (auto [listen, url] : {std::pair{"0.0.0.0:8000", ""}, std::pair{"127.0.0.1:8000", "https://reach.example.com"}}) {
    Config deployed = c;
    deployed.listen = listen;
    deployed.public_url = url;
    EXPECT_EQ(refused_key(deployed), "REACH_TEST_CLOCK") << "accepted the test clock on " << listen << " " << url;
  }
}

}  // namespace
}  // namespace reach
