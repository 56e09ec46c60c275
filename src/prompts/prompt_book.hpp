// Prompts are mustache files, one per task (prompts/<task>.mustache, compiled in); a file of the same
// name in the configured override directory wins. A prompt file holds a "[system]" part and a
// "[user]" part; the offline writer's templates (offline_<task>.mustache) are plain text.
#pragma once
#include "util/thread_safety.hpp"
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/llm.hpp"

namespace reach {

class PromptBook {
 public:
  explicit PromptBook(std::string override_dir = "") : override_dir_(std::move(override_dir)) {}

  // The chat messages of `task` rendered with `context`.
  std::vector<ChatMessage> messages(const std::string& task, const nlohmann::json& context) const;
  // One template (name without .mustache) rendered with `context`, without HTML escaping.
  std::string render(const std::string& name, const nlohmann::json& context) const;
  // Loads every named template now, so a broken override fails at start rather than mid-campaign.
  void check(const std::vector<std::string>& names) const;

 private:
  const std::string& source(const std::string& name) const;
  std::string override_dir_;
  mutable Mutex mu_;
  mutable std::map<std::string, std::string> sources_ REACH_GUARDED_BY(mu_);
};

}  // namespace reach
