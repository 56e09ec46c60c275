#include "prompts/prompt_book.hpp"

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "assets/embedded_assets.hpp"

namespace reach {
namespace {

// Empty strings and nulls are false, so {{#field}}...{{/field}} skips what the lead does not have.
kainjow::mustache::data to_data(const nlohmann::json& j) {
  using kainjow::mustache::data;
  if (j.is_object()) {
    data d{data::type::object};
    for (const auto& [k, v] : j.items()) d.set(k, to_data(v));
    return d;
  }
  if (j.is_array()) {
    data list{data::type::list};
    for (const auto& v : j) list.push_back(to_data(v));
    return list;
  }
  if (j.is_string()) return j.get<std::string>().empty() ? data(false) : data(j.get<std::string>());
  if (j.is_boolean()) return data(j.get<bool>());
  if (j.is_null()) return data(false);
  return data(j.dump());
}

}  // namespace

const std::string& PromptBook::source(const std::string& name) const {
  MutexLock lock(mu_);
  if (auto it = sources_.find(name); it != sources_.end()) return it->second;
  std::string file = name + ".mustache";
  std::string text;
  if (!override_dir_.empty() && std::filesystem::exists(std::filesystem::path(override_dir_) / file)) {
    std::ifstream in(std::filesystem::path(override_dir_) / file);
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  } else if (auto built_in = find_embedded_asset(file)) {
    text = std::string(*built_in);
  } else {
    throw std::runtime_error("no prompt template " + file);
  }
  kainjow::mustache::mustache parsed(text);
  if (!parsed.is_valid()) throw std::runtime_error("prompt template " + file + ": " + parsed.error_message());
  return sources_.emplace(name, std::move(text)).first->second;
}

std::string PromptBook::render(const std::string& name, const nlohmann::json& context) const {
  kainjow::mustache::mustache tmpl(source(name));
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  std::string out = tmpl.render(to_data(context));
  if (!tmpl.is_valid()) throw std::runtime_error("prompt template " + name + ": " + tmpl.error_message());
  return out;
}

std::vector<ChatMessage> PromptBook::messages(const std::string& task, const nlohmann::json& context) const {
  std::string text = render(task, context);
  std::vector<ChatMessage> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line == "[system]" || line == "[user]") {
      out.push_back({line == "[system]" ? "system" : "user", ""});
    } else if (!out.empty()) {
      out.back().content += line + "\n";
    }
  }
  for (auto& m : out)
    while (!m.content.empty() && (m.content.back() == '\n' || m.content.back() == ' ')) m.content.pop_back();
  if (out.empty()) throw std::runtime_error("prompt template " + task + " has no [system] or [user] part");
  return out;
}

void PromptBook::check(const std::vector<std::string>& names) const {
  for (const auto& n : names) source(n);
}

}  // namespace reach
