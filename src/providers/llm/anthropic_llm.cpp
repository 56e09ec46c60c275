#include "providers/llm/anthropic_llm.hpp"

namespace reach {

HttpCall AnthropicLlm::build(const LlmRequest& r) const {
  std::string system;
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& m : r.messages) {
    if (m.role == "system")
      system += (system.empty() ? "" : "\n\n") + m.content;
    else
      messages.push_back({{"role", m.role}, {"content", m.content}});
  }
  if (r.schema) system += (system.empty() ? "" : "\n\n") + schema_instruction(*r.schema);
  nlohmann::json body = {{"model", endpoint_.model},
                         {"max_tokens", r.max_tokens},
                         {"messages", messages},
                         {"temperature", std::min(r.temperature, 1.0)}};
  if (!system.empty()) body["system"] = system;
  HttpCall call;
  call.url = join_url(endpoint_.base_url, "/v1/messages");
  call.headers = {"Content-Type: application/json", "x-api-key: " + endpoint_.api_key, "anthropic-version: 2023-06-01"};
  call.body = body.dump();
  return call;
}

HttpLlm::Reply AnthropicLlm::read(const nlohmann::json& body) const {
  Reply reply;
  for (const auto& block : body.at("content"))
    if (block.value("type", "") == "text") reply.text += block.at("text").get<std::string>();
  reply.cut = body.value("stop_reason", nlohmann::json()) == "max_tokens";
  if (auto u = body.find("usage"); u != body.end() && u->is_object()) {
    reply.usage.prompt_tokens = u->value("input_tokens", 0);
    reply.usage.completion_tokens = u->value("output_tokens", 0);
  }
  return reply;
}

}  // namespace reach
