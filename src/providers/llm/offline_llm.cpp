#include "providers/llm/offline_llm.hpp"

#include <sstream>

#include "util/json_schema.hpp"

namespace reach {
namespace {

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Collapses the blank lines left by skipped template sections to at most one.
std::string tidy(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  bool blank = false;
  while (std::getline(in, line)) {
    bool now_blank = trim(line).empty();
    if (now_blank && (blank || out.empty())) continue;
    out += (now_blank ? "" : line) + "\n";
    blank = now_blank;
  }
  return trim(out);
}

// "field: text" lines into {"field": ["text", ...]}, duplicates dropped.
nlohmann::json list_lines(const std::string& text) {
  nlohmann::json out = nlohmann::json::object();
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
    if (value.empty()) continue;
    auto& list = out[key];
    if (list.is_null()) list = nlohmann::json::array();
    if (std::find(list.begin(), list.end(), value) == list.end() && list.size() < 6) list.push_back(value);
  }
  return out;
}

}  // namespace

nlohmann::json OfflineLlm::write(const LlmRequest& r) const {
  if (r.task == "header_mapping") return {{"mapping", nlohmann::json::object()}};  // the heuristics already ran
  std::string text = tidy(prompts_.render("offline_" + r.task, r.context));
  if (r.task == "email") {
    auto newline = text.find('\n');
    return {{"subject", trim(text.substr(0, newline))},
            {"body", newline == std::string::npos ? "" : trim(text.substr(newline + 1))}};
  }
  if (r.task == "call_script") return {{"script", text}};
  if (r.task == "lead_enrichment") return list_lines(text);
  throw ProviderError("offline", "there is no offline writer for the task '" + r.task + "'", true);
}

void OfflineLlm::start(LlmRequest request, Done done) {
  LlmAnswer a;
  try {
    a.json = write(request);
    a.text = a.json.dump();
    a.provider = a.model = "offline";
    a.usage.requests = 1;  // the ledger counts offline generations, at no tokens
    if (request.schema)
      if (auto bad = schema_violation(a.json, *request.schema))
        throw ProviderError("offline", "the offline template for '" + request.task + "' produced " + *bad, true);
  } catch (...) {
    done(std::current_exception(), {});
    return;
  }
  done(nullptr, std::move(a));
}

}  // namespace reach
