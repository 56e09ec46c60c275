#include "providers/llm/openai_llm.hpp"

namespace reach {

HttpCall OpenAiLlm::build(const LlmRequest& r) const {
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& m : r.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
  nlohmann::json body = {
      {"model", endpoint_.model}, {"messages", messages}, {"temperature", r.temperature}, {"max_tokens", r.max_tokens}};
  if (r.schema) {
    const std::string& mode = endpoint_.json_mode;
    if (mode == "schema")
      body["response_format"] = {{"type", "json_schema"},
                                 {"json_schema", {{"name", r.task}, {"schema", *r.schema}, {"strict", true}}}};
    else if (mode == "object")
      body["response_format"] = {{"type", "json_object"}};
    // One message object: insert() with a brace list would add each pair as its own (array) element.
    if (mode != "schema")
      body["messages"].insert(body["messages"].begin(),
                              nlohmann::json::object({{"role", "system"}, {"content", schema_instruction(*r.schema)}}));
  }
  HttpCall call;
  call.url = join_url(endpoint_.base_url, path_);
  call.headers = {"Content-Type: application/json"};
  if (!endpoint_.api_key.empty()) call.headers.push_back("Authorization: Bearer " + endpoint_.api_key);
  call.body = body.dump();
  return call;
}

HttpLlm::Reply OpenAiLlm::read(const nlohmann::json& body) const {
  Reply reply;
  const auto& choice = body.at("choices").at(0);
  const auto& content = choice.at("message").at("content");
  if (!content.is_string()) throw std::runtime_error("message.content is not text");
  reply.text = content.get<std::string>();
  reply.cut = choice.value("finish_reason", nlohmann::json()) == "length";
  if (auto u = body.find("usage"); u != body.end() && u->is_object()) {
    reply.usage.prompt_tokens = u->value("prompt_tokens", 0);
    reply.usage.completion_tokens = u->value("completion_tokens", 0);
  }
  if (auto c = body.find("citations"); c != body.end() && c->is_array())
    for (const auto& url : *c)
      if (url.is_string()) reply.citations.push_back(url.get<std::string>());
  if (auto s = body.find("search_results"); reply.citations.empty() && s != body.end() && s->is_array())
    for (const auto& result : *s)
      if (result.is_object() && result.contains("url")) reply.citations.push_back(result.value("url", ""));
  return reply;
}

}  // namespace reach
