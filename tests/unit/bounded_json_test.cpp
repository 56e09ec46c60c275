// JSON from outside within bounds: depth measured in one pass, phrases written by a linear walk.
#include <gtest/gtest.h>

#include "api/json_views.hpp"
#include "providers/research/offline_researcher.hpp"
#include "util/bounded_json.hpp"

namespace reach {
namespace {

std::string nested_arrays(int depth, const std::string& inner = "\"x\"") {
  return std::string(static_cast<std::size_t>(depth), '[') + inner + std::string(static_cast<std::size_t>(depth), ']');
}

TEST(BoundedJson, MeasuresDepthOutsideStringsOnly) {
  EXPECT_EQ(json_nesting_depth("1"), 0u);
  EXPECT_EQ(json_nesting_depth(R"({"a": [1, {"b": []}]})"), 4u);
  EXPECT_EQ(json_nesting_depth(R"(["[[[[", "\"[[{"])"), 1u) << "brackets in strings, escaped quotes";
  EXPECT_EQ(json_nesting_depth(nested_arrays(100000)), 100000u);
  EXPECT_EQ(json_nesting_depth("]]]][[}"), 2u) << "unbalanced input is measured, not trusted";
}

TEST(BoundedJson, RefusesTooDeepAndMalformed) {
  EXPECT_TRUE(parse_bounded_json(nested_arrays(32)));
  EXPECT_FALSE(parse_bounded_json(nested_arrays(33)));
  EXPECT_FALSE(parse_bounded_json("{\"a\": "));
}

TEST(BoundedJson, PhrasesAreReadableAndBounded) {
  auto v = nlohmann::json::parse(R"(["Welder", {"city": "Leeds", "roles": ["Fitter", 3]}, true, null])");
  EXPECT_EQ(json_phrase(v), "Welder, city Leeds, roles Fitter, 3, true, ");
  EXPECT_EQ(json_phrase(nlohmann::json("plain")), "plain");
  auto wide = nlohmann::json::array();
  for (int i = 0; i < 100000; ++i) wide.push_back("role" + std::to_string(i));
  EXPECT_EQ(json_phrase(wide, 100).size(), 100u);
  std::string cut = json_phrase(nlohmann::json("\xC3\xA9\xC3\xA9\xC3\xA9"), 4);
  EXPECT_EQ(cut, "\xC3\xA9\xC3\xA9") << "never inside a UTF-8 character";
}

// Regression (issue 11.5): a lead nested 10,000 deep, stored before depths were bounded, made the
// offline researcher dump and re-parse per level (20 s, 3.3 GB per preview) and its JSON view recurse.
TEST(BoundedJson, ALeadStoredTooDeepIsDescribedAndShownAsText) {
  Lead lead;
  lead.name = "Deep Lead";
  lead.field(LeadField::hiring_positions) = nested_arrays(10000);
  OfflineResearcher researcher;
  auto insights = researcher.lead_insights(lead).get();
  ASSERT_EQ(insights.facts.size(), 1u);
  EXPECT_LE(insights.facts[0].fact.size(), 600u);
  auto view = to_json(lead);
  EXPECT_TRUE(view["hiring_positions"].is_string());
  lead.field(LeadField::hiring_positions) = R"(["Welder", "Fitter"])";
  EXPECT_EQ(researcher.lead_insights(lead).get().facts[0].fact, "their company is hiring: Welder, Fitter");
}

}  // namespace
}  // namespace reach
