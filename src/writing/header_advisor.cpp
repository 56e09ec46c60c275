#include "writing/header_advisor.hpp"

#include <spdlog/spdlog.h>

namespace reach {
namespace {

constexpr std::size_t kSamplesPerColumn = 3;
constexpr std::size_t kSampleChars = 80;

nlohmann::json answer_schema() {
  return {{"type", "object"}, {"properties", {{"mapping", {{"type", "object"}}}}}, {"required", {"mapping"}}};
}

}  // namespace

void HeaderAdvisor::advise(const std::string& company_id, const std::vector<std::string>& headers,
                           const std::vector<std::vector<std::string>>& sample_rows, HeaderMapping& mapping) {
  if (mapping.unmapped.empty() || llm_.provider() == "offline") return;  // offline: the rules are all there is
  auto open = mapping.open_columns(headers);
  nlohmann::json fields = nlohmann::json::array(), columns = nlohmann::json::array();
  for (std::size_t f = 0; f <= kLeadTextFields.size(); ++f) {
    auto field = static_cast<LeadField>(f);
    if (!is_system_lead_field(field) && !mapping.column_of(field)) fields.push_back(lead_field_name(field));
  }
  for (auto i : open) {
    nlohmann::json samples = nlohmann::json::array();
    for (const auto& row : sample_rows)
      if (i < row.size() && !row[i].empty() && samples.size() < kSamplesPerColumn)
        samples.push_back(row[i].substr(0, kSampleChars));
    columns.push_back({{"header", headers[i]}, {"samples", samples}});
  }
  nlohmann::json context = {{"fields", fields}, {"columns", columns}};
  LlmRequest request{"header_mapping", context, prompts_.messages("header_mapping", context),
                     answer_schema(),  512,     0.0};
  LlmAnswer answer;
  try {
    answer = llm_.complete(std::move(request)).get();
  } catch (const std::exception& e) {
    spdlog::warn("header_mapping_skipped company_id={} reason=\"{}\"", company_id, e.what());
    return;
  }
  usage_.record(company_id, llm_.provider(), answer.usage);
  const auto& said = answer.json["mapping"];
  for (auto i : open) {
    auto it = said.find(headers[i]);
    if (it == said.end() || !it->is_string()) continue;
    auto field = column_field_named(it->get<std::string>());
    if (field && !mapping.column_of(*field)) mapping.columns[i] = field;  // "none" and taken fields stay unmapped
  }
  mapping.recount_unmapped(headers);
  spdlog::info("header_mapping_advised company_id={} columns={} still_unmapped={}", company_id, open.size(),
               mapping.unmapped.size());
}

}  // namespace reach
