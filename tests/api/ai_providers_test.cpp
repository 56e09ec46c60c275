// The real HTTP adapters (OpenAI-compatible, Anthropic, Perplexity) against the fake servers over
// loopback: answers, each failure mode, retry counts and waits, no retry where none is allowed,
// schema repair, bounded timeouts, and the per-provider concurrency and rate limits.
#include <gtest/gtest.h>

#include <chrono>

#include "providers/llm/anthropic_llm.hpp"
#include "providers/llm/openai_llm.hpp"
#include "providers/research/perplexity_researcher.hpp"
#include "support/fake_ai.hpp"

namespace reach::test {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

const nlohmann::json kEmailSchema = {
    {"type", "object"},
    {"properties", {{"subject", {{"type", "string"}}}, {"body", {{"type", "string"}}}}},
    {"required", {"subject", "body"}},
    {"additionalProperties", false}};

LlmRequest email_request() {
  LlmRequest r;
  r.task = "email";
  r.messages = {{"system", "You write emails. Answer in JSON."}, {"user", "Write to Ada."}};
  r.schema = kEmailSchema;
  return r;
}

class AiProviders : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fake_ = new FakeAi(); }
  static void TearDownTestSuite() { delete fake_; }
  void SetUp() override { fake_->reset(); }

  // A fresh channel per test so limits and policies do not leak between tests.
  ProviderChannel& channel(ChannelPolicy policy = fast_policy()) {
    channel_ = std::make_unique<ProviderChannel>(loop_, "openai", policy, rng_);
    return *channel_;
  }
  static ChannelPolicy fast_policy() {
    ChannelPolicy p;
    p.backoff_base = std::chrono::milliseconds(20);
    p.backoff_cap = std::chrono::milliseconds(100);
    p.request_timeout = std::chrono::milliseconds(5000);
    return p;
  }
  OpenAiLlm openai(ProviderChannel& ch, const std::string& key = "test-key") {
    return OpenAiLlm(ch, LlmEndpoint{"openai", fake_->base_url(), key, "gpt-test"});
  }
  // The error a failing completion ends with.
  static ProviderError failure_of(Llm& llm, LlmRequest request) {
    try {
      llm.complete(std::move(request)).get();
    } catch (const ProviderError& e) {
      return e;
    }
    ADD_FAILURE() << "the completion succeeded";
    return ProviderError("none", "none", false);
  }

  static FakeAi* fake_;
  SecureRng rng_;
  HttpLoop loop_;
  std::unique_ptr<ProviderChannel> channel_;
};
FakeAi* AiProviders::fake_ = nullptr;

TEST_F(AiProviders, OpenAiAnswersWithSchemaCheckedJsonAndUsage) {
  auto llm = openai(channel());
  LlmAnswer a = llm.complete(email_request()).get();
  EXPECT_EQ(a.json["subject"], "fake subject");
  EXPECT_EQ(a.json["body"], "fake body");
  EXPECT_GT(a.usage.prompt_tokens, 0);
  EXPECT_EQ(a.usage.requests, 1);
  EXPECT_EQ(a.provider, "openai");
  auto seen = fake_->requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0]["path"], "/v1/chat/completions");
  EXPECT_EQ(seen[0]["headers"]["Authorization"], "Bearer test-key");
  auto body = nlohmann::json::parse(seen[0]["body"].get<std::string>());
  EXPECT_EQ(body["model"], "gpt-test");
  EXPECT_EQ(body["response_format"]["type"], "json_schema");
  EXPECT_EQ(body["response_format"]["json_schema"]["schema"], kEmailSchema);
  EXPECT_EQ(body["messages"][1]["content"], "Write to Ada.");
}

// Regression (issue 11.20): with json_mode object or prompt the schema instruction went out as two bare
// arrays instead of one message; real OpenAI-compatible servers (and now the fake) answer 400.
TEST_F(AiProviders, JsonModesObjectAndPromptSendTheInstructionAsOneSystemMessage) {
  for (const char* mode : {"object", "prompt"}) {
    fake_->reset();
    LlmEndpoint endpoint{"openai", fake_->base_url(), "test-key", "gpt-test"};
    endpoint.json_mode = mode;
    OpenAiLlm llm(channel(), endpoint);
    LlmAnswer a = llm.complete(email_request()).get();
    EXPECT_EQ(a.json["subject"], "fake subject") << mode;
    auto body = nlohmann::json::parse(fake_->requests().at(0)["body"].get<std::string>());
    ASSERT_EQ(body["messages"].size(), 3u) << body.dump();
    EXPECT_EQ(body["messages"][0]["role"], "system") << mode;
    EXPECT_NE(body["messages"][0]["content"].get<std::string>().find("subject"), std::string::npos) << mode;
    EXPECT_EQ(body.contains("response_format"), std::string(mode) == "object") << mode;
  }
}

TEST_F(AiProviders, TheFakeRefusesWhatTheRealApiRefuses) {
  auto llm = openai(channel());
  LlmRequest bad = email_request();
  bad.messages.push_back({"wizard", "Cast a spell."});
  auto e = failure_of(llm, bad);
  EXPECT_NE(std::string(e.what()).find("HTTP 400"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("messages[2].role"), std::string::npos) << e.what();
}

TEST_F(AiProviders, RateLimitIsRetriedAfterTheRetryAfterDelay) {
  fake_->script({{{"status", 429}, {"retry_after", 1}, {"code", "rate_limit_exceeded"}}});
  auto llm = openai(channel());
  LlmAnswer a = llm.complete(email_request()).get();
  EXPECT_EQ(a.json["subject"], "fake subject");
  EXPECT_EQ(a.usage.requests, 2);
  auto seen = fake_->requests();
  ASSERT_EQ(seen.size(), 2u);
  double gap = seen[1]["at"].get<double>() - seen[0]["at"].get<double>();
  EXPECT_GE(gap, 0.95) << "Retry-After: 1 was not honoured";
  EXPECT_LT(gap, 2.0);
}

TEST_F(AiProviders, ServerErrorsAndDroppedConnectionsAreRetriedWithBackoff) {
  fake_->script({{{"status", 500}}, {{"drop", true}}, {{"status", 503}}});
  auto policy = fast_policy();
  policy.max_retries = 3;
  auto llm = openai(channel(policy));
  LlmAnswer a = llm.complete(email_request()).get();
  EXPECT_EQ(a.json["body"], "fake body");
  EXPECT_EQ(fake_->requests().size(), 4u);
}

TEST_F(AiProviders, GivesUpAfterMaxRetriesWithTheLastError) {
  fake_->script({{{"status", 500}}, {{"status", 500}}, {{"status", 503}}, {{"status", 503}}});
  auto llm = openai(channel());  // 2 retries
  auto e = failure_of(llm, email_request());
  EXPECT_EQ(e.code(), ErrorCode::provider_failed);
  EXPECT_NE(std::string(e.what()).find("HTTP 503 after 3 attempts"), std::string::npos) << e.what();
  EXPECT_FALSE(e.permanent());
  EXPECT_EQ(fake_->requests().size(), 3u);
}

TEST_F(AiProviders, NoRetryForBadRequestsKeysPermissionsOrQuota) {
  for (auto [status, code] :
       {std::pair{400, "invalid_request_error"}, std::pair{403, "forbidden"}, std::pair{429, "insufficient_quota"}}) {
    fake_->reset();
    fake_->script({{{"status", status}, {"code", code}}});
    auto llm = openai(channel());
    auto e = failure_of(llm, email_request());
    EXPECT_TRUE(e.permanent()) << status;
    EXPECT_NE(std::string(e.what()).find(code), std::string::npos) << e.what();
    EXPECT_EQ(fake_->requests().size(), 1u) << status << " was retried";
  }
  fake_->reset();
  auto wrong_key = openai(channel(), "wrong-key");
  auto e = failure_of(wrong_key, email_request());
  EXPECT_NE(std::string(e.what()).find("HTTP 401"), std::string::npos) << e.what();
  EXPECT_TRUE(e.permanent());
  EXPECT_EQ(fake_->requests().size(), 1u);
}

TEST_F(AiProviders, ASchemaInvalidAnswerGetsOneRepairRequest) {
  fake_->script({{{"content", R"({"subject": 7})"}}});
  auto llm = openai(channel());
  LlmAnswer a = llm.complete(email_request()).get();
  EXPECT_EQ(a.json["subject"], "fake subject");
  EXPECT_EQ(a.usage.requests, 2);
  auto seen = fake_->requests();
  ASSERT_EQ(seen.size(), 2u);
  auto repair = nlohmann::json::parse(seen[1]["body"].get<std::string>())["messages"];
  ASSERT_EQ(repair.size(), 4u);
  EXPECT_EQ(repair[2]["role"], "assistant");
  EXPECT_EQ(repair[2]["content"], R"({"subject": 7})");
  EXPECT_NE(repair[3]["content"].get<std::string>().find("not usable"), std::string::npos);
}

TEST_F(AiProviders, MalformedOrCutAnswersFailClearlyAfterTheRepair) {
  fake_->script({{{"malformed", true}}, {{"content", "Sure! Here is your email."}}});
  auto llm = openai(channel());
  auto e = failure_of(llm, email_request());
  EXPECT_NE(std::string(e.what()).find("unusable answer after one repair request: the answer is not JSON"),
            std::string::npos)
      << e.what();
  EXPECT_EQ(fake_->requests().size(), 2u);

  fake_->reset();
  fake_->script({{{"finish_reason", "length"}}, {{"finish_reason", "length"}}});
  e = failure_of(llm, email_request());
  EXPECT_NE(std::string(e.what()).find("cut off"), std::string::npos) << e.what();
}

TEST_F(AiProviders, ASlowProviderIsCutOffAtTheTimeout) {
  fake_->script({{{"delay_ms", 3000}}, {{"delay_ms", 3000}}});
  auto policy = fast_policy();
  policy.request_timeout = std::chrono::milliseconds(300);
  policy.max_retries = 1;
  auto llm = openai(channel(policy));
  auto start = Clock::now();
  auto e = failure_of(llm, email_request());
  EXPECT_EQ(e.code(), ErrorCode::provider_timed_out) << e.what();
  EXPECT_LT(seconds_since(start), 1.5);  // two attempts of 0.3 s and one short backoff
}

TEST_F(AiProviders, ConcurrencyIsLimitedPerProvider) {
  fake_->latency_ms(300);
  auto policy = fast_policy();
  policy.max_concurrency = 2;
  auto llm = openai(channel(policy));
  auto start = Clock::now();
  std::vector<std::future<LlmAnswer>> pending;
  for (int i = 0; i < 6; ++i) pending.push_back(llm.complete(email_request()));
  for (auto& f : pending) f.get();
  double took = seconds_since(start);
  EXPECT_GE(took, 0.85) << "more than 2 requests ran at once";  // 3 waves of 0.3 s
  EXPECT_LT(took, 2.0);
}

TEST_F(AiProviders, RequestsPerMinuteAreSpreadEvenly) {
  auto policy = fast_policy();
  policy.requests_per_minute = 240;  // 4 per second
  auto llm = openai(channel(policy));
  std::vector<std::future<LlmAnswer>> pending;
  for (int i = 0; i < 8; ++i) pending.push_back(llm.complete(email_request()));
  for (auto& f : pending) f.get();
  auto seen = fake_->requests();
  ASSERT_EQ(seen.size(), 8u);
  double span = seen[7]["at"].get<double>() - seen[0]["at"].get<double>();
  EXPECT_GE(span, 0.95) << "8 requests at 4/s (burst 4) need at least 1 s";
}

TEST_F(AiProviders, AnthropicAnswersJsonAskedForInTheSystemPrompt) {
  fake_->script({{{"status", 529}}});
  auto ch = std::make_unique<ProviderChannel>(loop_, "anthropic", fast_policy(), rng_);
  AnthropicLlm llm(*ch, LlmEndpoint{"anthropic", fake_->base_url(), "test-key", "claude-test"});
  LlmAnswer a = llm.complete(email_request()).get();
  EXPECT_EQ(a.json["subject"], "fake subject");
  EXPECT_GT(a.usage.completion_tokens, 0);
  auto seen = fake_->requests();
  ASSERT_EQ(seen.size(), 2u) << "529 overloaded is retried";
  EXPECT_EQ(seen[1]["path"], "/v1/messages");
  EXPECT_EQ(seen[1]["headers"]["anthropic-version"], "2023-06-01");
  auto body = nlohmann::json::parse(seen[1]["body"].get<std::string>());
  EXPECT_NE(body["system"].get<std::string>().find("JSON Schema"), std::string::npos);
  EXPECT_EQ(body["messages"].size(), 1u) << "system messages go into the system field";
}

TEST_F(AiProviders, PerplexityResearchReadsFieldsAndCitations) {
  auto ch = std::make_unique<ProviderChannel>(loop_, "perplexity", fast_policy(), rng_);
  OpenAiLlm llm(*ch, LlmEndpoint{"perplexity", fake_->base_url(), "test-key", "sonar"}, "/chat/completions");
  PromptBook prompts;
  PerplexityResearcher researcher(llm, prompts);
  auto r = researcher.research_company({"Acme", "https://acme.example", std::nullopt, std::nullopt}).get();
  EXPECT_EQ(r.overview, "fake overview");
  EXPECT_EQ(r.industry, "fake industry");
  EXPECT_EQ(r.source, "perplexity");
  EXPECT_EQ(r.citations, (std::vector<std::string>{"https://example.com/source-1", "https://example.com/source-2"}));
  auto seen = fake_->requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0]["path"], "/chat/completions");
  EXPECT_NE(seen[0]["body"].get<std::string>().find("acme.example"), std::string::npos);
}

}  // namespace
}  // namespace reach::test
