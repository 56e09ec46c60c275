// The pure parts of the AI layer: schema checks, sentence matching, retry decisions and Retry-After,
// prompt rendering and overrides, and the offline writer's output.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "providers/llm/http_llm.hpp"
#include "providers/llm/offline_llm.hpp"
#include "prompts/prompt_book.hpp"
#include "util/json_schema.hpp"
#include "writing/outreach_writer.hpp"
#include "writing/sentence_match.hpp"

namespace reach {
namespace {

TEST(JsonSchema, ReportsTheFirstViolationWithItsPath) {
  nlohmann::json schema = {{"type", "object"},
                           {"properties",
                            {{"tags", {{"type", "array"}, {"items", {{"type", "string"}}}, {"maxItems", 2}}},
                             {"kind", {{"enum", {"a", "b"}}}}}},
                           {"required", {"tags"}},
                           {"additionalProperties", false}};
  EXPECT_FALSE(schema_violation({{"tags", {"x"}}, {"kind", "a"}}, schema));
  EXPECT_EQ(schema_violation({{"tags", {"x", 3}}}, schema), "at $.tags[1]: expected \"string\"");
  EXPECT_EQ(schema_violation({{"tags", {"x", "y", "z"}}}, schema), "at $.tags: too many items");
  EXPECT_EQ(schema_violation({{"kind", "a"}}, schema), "at $: missing \"tags\"");
  EXPECT_EQ(schema_violation({{"tags", {}}, {"extra", 1}}, schema), "at $: unexpected \"extra\"");
  EXPECT_EQ(schema_violation({{"tags", {}}, {"kind", "c"}}, schema), "at $.kind: expected one of [\"a\",\"b\"]");
  EXPECT_FALSE(schema_violation(nullptr, {{"type", {"string", "null"}}}));
}

TEST(SentenceMatch, PicksSentencesThatShareWordsWithTheLead) {
  std::string text =
      "Acme makes planning simple for everyone. Manufacturers cut scrap with live machine data! "
      "Logistic teams see every truck. Short one.";
  EXPECT_EQ(split_sentences(text).size(), 3u) << "fragments under 20 characters are dropped";
  auto picked = best_sentences(text, {"Manufacturing", "Plant Manager", "Bolt Works"}, 3);
  ASSERT_EQ(picked.size(), 2u);
  EXPECT_EQ(picked[0], "Manufacturers cut scrap with live machine data!");
  EXPECT_EQ(picked[1], "Acme makes planning simple for everyone.") << "the opening sentence joins a lone match";
  EXPECT_EQ(best_sentences(text, {"logistics"}, 1), std::vector<std::string>{"Logistic teams see every truck."});
  EXPECT_EQ(best_sentences(text, {}, 3), std::vector<std::string>{"Acme makes planning simple for everyone."});
  std::string sheet = "Acme Planner - the product sheet\nAcme makes planning simple for everyone.\n";
  EXPECT_EQ(best_sentences(sheet, {}, 3), std::vector<std::string>{"Acme makes planning simple for everyone."})
      << "a title line is not quoted as the opening sentence";
}

TEST(RetryPolicy, RetriesOnlyWhatCanSucceedLater) {
  auto answer = [](long status, std::string body = "") {
    HttpResult r;
    r.status = status;
    r.body = std::move(body);
    return r;
  };
  for (long s : {408L, 409L, 429L, 500L, 502L, 503L, 529L}) EXPECT_EQ(retry_decision(answer(s)), Retry::yes) << s;
  for (long s : {400L, 401L, 403L, 404L, 422L}) EXPECT_EQ(retry_decision(answer(s)), Retry::no) << s;
  EXPECT_EQ(retry_decision(answer(429, R"({"error": {"code": "insufficient_quota"}})")), Retry::no);
  EXPECT_EQ(retry_decision(HttpResult{}), Retry::yes) << "no answer at all (connection refused or reset)";

  HttpResult r = answer(429);
  EXPECT_FALSE(retry_after(r));
  r.headers["retry-after"] = "7";
  EXPECT_EQ(retry_after(r), std::chrono::milliseconds(7000));
  r.headers["retry-after-ms"] = "250";
  EXPECT_EQ(retry_after(r), std::chrono::milliseconds(250));
  r.headers.erase("retry-after-ms");
  r.headers["retry-after"] = "Wed, 21 Oct 2015 07:28:00 GMT";  // in the past: no wait
  EXPECT_EQ(retry_after(r), std::chrono::milliseconds(0));
}

TEST(HttpLlmHelpers, UrlsAndFencedJson) {
  EXPECT_EQ(join_url("http://localhost:11434/v1/", "/v1/chat/completions"),
            "http://localhost:11434/v1/chat/completions");
  EXPECT_EQ(join_url("https://api.openai.com", "/v1/chat/completions"), "https://api.openai.com/v1/chat/completions");
  EXPECT_EQ(parse_model_json("```json\n{\"a\": 1}\n```"), nlohmann::json({{"a", 1}}));
  EXPECT_THROW(parse_model_json("Here you go"), nlohmann::json::parse_error);
}

TEST(PromptBook, RendersWithoutEscapingAndHonoursOverrides) {
  PromptBook built_in;
  auto messages =
      built_in.messages("company_research", {{"name", "Fish & Chips <Ltd>"}, {"website", "https://f.example"}});
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].role, "system");
  EXPECT_NE(messages[1].content.find("Company: Fish & Chips <Ltd>"), std::string::npos) << messages[1].content;

  auto dir = std::filesystem::temp_directory_path() / ("reach-prompts-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "company_research.mustache") << "[system]\nBe brief.\n[user]\nResearch {{name}}.\n";
  std::ofstream(dir / "email.mustache") << "{{#broken}}\n";
  PromptBook overridden(dir.string());
  messages = overridden.messages("company_research", {{"name", "Acme"}});
  EXPECT_EQ(messages[1].content, "Research Acme.");
  EXPECT_THROW(overridden.check({"email"}), std::runtime_error) << "a broken override fails at start";
  std::filesystem::remove_all(dir);
}

TEST(OfflineWriter, WritesFromTheLeadAndIsDeterministic) {
  PromptBook prompts;
  OfflineLlm llm(prompts);
  Company sender{.id = "c", .user_id = "u", .name = "Fleet Labs"};
  Product product{.product_name = "RouteIQ"};
  product.description = "RouteIQ plans routes in minutes. Bakeries deliver bread before dawn with RouteIQ.";
  Lead lead{.name = "Ada Lovelace"};
  lead.field(LeadField::company) = "Ada's Bakery";
  lead.field(LeadField::industry) = "Bakery";
  WritingInput in{sender, product, lead, {}, std::nullopt, ""};
  auto first = llm.complete(writing_request(prompts, "email", in)).get();
  auto email = email_from(first);
  EXPECT_EQ(email.subject, "RouteIQ for Ada's Bakery");
  EXPECT_NE(email.body.find("Hi Ada,"), std::string::npos) << email.body;
  EXPECT_NE(email.body.find("Bakeries deliver bread before dawn"), std::string::npos) << email.body;
  EXPECT_EQ(llm.complete(writing_request(prompts, "email", in)).get().json, first.json);
  EXPECT_EQ(first.usage.requests, 1);
  auto enrichment = enrichment_from(llm.complete(writing_request(prompts, "lead_enrichment", in)).get());
  EXPECT_FALSE(enrichment.pain_points.empty());
  EXPECT_FALSE(enrichment.value_gains.empty());
  EXPECT_EQ(enrichment.key_messages[0], "Bakeries deliver bread before dawn with RouteIQ.");
}

TEST(OfflineWriter, IndustriesReadNaturallyInsideASentence) {
  Company sender{.id = "c", .user_id = "u", .name = "Fleet Labs"};
  Product product{.product_name = "RouteIQ"};
  for (auto [given, phrase] :
       {std::pair{"Metal Fabrication", "metal fabrication"}, std::pair{"SaaS", "SaaS"},
        std::pair{"IT services", "IT services"}, std::pair{"Food & Beverage", "food & beverage"}}) {
    Lead lead{.name = "Ada Lovelace"};
    lead.field(LeadField::industry) = given;
    WritingInput in{sender, product, lead, {}, std::nullopt, ""};
    EXPECT_EQ(writing_context(in)["lead"]["industry_phrase"], phrase) << given;
  }
}

}  // namespace
}  // namespace reach
