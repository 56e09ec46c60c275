#include "writing/outreach_writer.hpp"

#include <cctype>

#include "writing/sentence_match.hpp"

namespace reach {
namespace {

std::string text_or_empty(const std::optional<std::string>& v) { return v.value_or(""); }

nlohmann::json string_list_schema(std::size_t max_items) {
  return {{"type", "array"}, {"items", {{"type", "string"}}}, {"minItems", 1}, {"maxItems", max_items}};
}

nlohmann::json schema_for(const std::string& task) {
  if (task == "email")
    return {{"type", "object"},
            {"properties", {{"subject", {{"type", "string"}}}, {"body", {{"type", "string"}}}}},
            {"required", {"subject", "body"}},
            {"additionalProperties", false}};
  if (task == "call_script")
    return {{"type", "object"},
            {"properties", {{"script", {{"type", "string"}}}}},
            {"required", {"script"}},
            {"additionalProperties", false}};
  return {{"type", "object"},
          {"properties",
           {{"pain_points", string_list_schema(6)},
            {"value_gains", string_list_schema(6)},
            {"key_messages", string_list_schema(6)}}},
          {"required", {"pain_points", "value_gains", "key_messages"}},
          {"additionalProperties", false}};
}

std::string first_word(const std::string& s) { return s.substr(0, s.find(' ')); }

// "Metal Fabrication" reads "metal fabrication" inside a sentence; "SaaS" and "IT services" keep
// their capitals (a word with a capital after its first letter is a name or an acronym).
std::string in_sentence(const std::string& phrase) {
  bool word_start = true;
  for (char c : phrase) {
    if (!word_start && std::isupper(static_cast<unsigned char>(c))) return phrase;
    word_start = c == ' ' || c == '-' || c == '/';
  }
  std::string out = phrase;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

nlohmann::json writing_context(const WritingInput& in) {
  const Lead& l = in.lead;
  nlohmann::json lead = {{"name", l.name}};
  for (std::size_t i = 0; i < kLeadTextFields.size(); ++i)
    if (!is_json_lead_field(lead_text_field(i)) && l.fields[i]) lead[kLeadTextFields[i]] = *l.fields[i];
  std::string first = text_or_empty(l.field(LeadField::first_name));
  lead["first_name"] = first.empty() ? first_word(l.name) : first;
  if (l.field(LeadField::industry)) lead["industry_phrase"] = in_sentence(*l.field(LeadField::industry));

  std::string description = text_or_empty(in.product.description);
  std::vector<std::string> terms = {text_or_empty(l.field(LeadField::industry)),
                                    text_or_empty(l.field(LeadField::job_title)),
                                    text_or_empty(l.field(LeadField::company))};
  nlohmann::json relevant = best_sentences(description, terms, 3);
  constexpr std::size_t kDescriptionChars = 6000;  // prompts carry the start of long documents only
  nlohmann::json ctx = {{"sender",
                         {{"name", in.sender.name},
                          {"website", text_or_empty(in.sender.website)},
                          {"industry", text_or_empty(in.sender.industry)},
                          {"overview", text_or_empty(in.sender.overview)},
                          {"products_services", text_or_empty(in.sender.products_services)},
                          {"calendar_link", text_or_empty(in.sender.custom_calendar_link)}}},
                        {"product",
                         {{"name", in.product.product_name},
                          {"url", text_or_empty(in.product.product_url)},
                          {"description", description.substr(0, kDescriptionChars)},
                          {"relevant_sentences", relevant},
                          {"has_relevant", !relevant.empty()},
                          {"top_sentence", relevant.empty() ? "" : relevant[0].get<std::string>()}}},
                        {"lead", lead},
                        {"guidance", in.guidance}};
  nlohmann::json insights = nlohmann::json::array();
  for (const auto& i : in.insights) insights.push_back({{"fact", i.fact}, {"source", i.source}});
  ctx["insights"] = insights;
  ctx["has_insights"] = !in.insights.empty();
  ctx["top_insight"] = in.insights.empty() ? "" : in.insights.front().fact;
  ctx["enrichment"] = in.enrichment ? to_json(*in.enrichment) : nlohmann::json(nullptr);
  return ctx;
}

LlmRequest writing_request(const PromptBook& prompts, const std::string& task, const WritingInput& in) {
  LlmRequest r;
  r.task = task;
  r.context = writing_context(in);
  r.messages = prompts.messages(task, r.context);
  r.schema = schema_for(task);
  r.max_tokens = task == "call_script" ? 1500 : 900;
  return r;
}

EmailDraft email_from(const LlmAnswer& a) { return {a.json.at("subject"), a.json.at("body")}; }

std::string script_from(const LlmAnswer& a) { return a.json.at("script"); }

LeadEnrichment enrichment_from(const LlmAnswer& a) { return enrichment_from_json(a.json); }

nlohmann::json to_json(const LeadEnrichment& e) {
  return {{"pain_points", e.pain_points}, {"value_gains", e.value_gains}, {"key_messages", e.key_messages}};
}

LeadEnrichment enrichment_from_json(const nlohmann::json& j) {
  return {j.at("pain_points").get<std::vector<std::string>>(), j.at("value_gains").get<std::vector<std::string>>(),
          j.at("key_messages").get<std::vector<std::string>>()};
}

}  // namespace reach
