#include "providers/llm/http_llm.hpp"

#include <spdlog/spdlog.h>

#include "util/bounded_json.hpp"
#include "util/json_schema.hpp"

namespace reach {

struct HttpLlm::Exchange {
  LlmRequest request;
  Llm::Done done;
  LlmUsage usage;
  bool repaired = false;
};

std::string join_url(std::string base, const std::string& path) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (path.rfind("/v1/", 0) == 0 && base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0)
    return base + path.substr(3);
  return base + path;
}

std::string schema_instruction(const nlohmann::json& schema) {
  return "Answer with one JSON object and nothing else. It must match this JSON Schema: " + schema.dump();
}

nlohmann::json parse_model_json(const std::string& text) {
  std::string_view t = text;
  if (auto fence = t.find("```"); fence != std::string_view::npos) {
    auto start = t.find('\n', fence);
    auto end = start == std::string_view::npos ? start : t.find("```", start);
    if (end != std::string_view::npos) t = t.substr(start + 1, end - start - 1);
  }
  if (json_nesting_depth(t) > kMaxJsonDepth)
    throw std::runtime_error("the answer nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  return nlohmann::json::parse(t);
}

void HttpLlm::start(LlmRequest request, Done done) {
  auto x = std::make_shared<Exchange>();
  x->request = std::move(request);
  x->done = std::move(done);
  send(std::move(x));
}

void HttpLlm::send(std::shared_ptr<Exchange> x) {
  HttpCall call = build(x->request);
  channel_.send(std::move(call), [this, x = std::move(x)](const HttpResult& r, int attempts) {
    try {
      on_answer(x, r, attempts);
    } catch (...) {
      x->done(std::current_exception(), {});
    }
  });
}

namespace {

std::string error_message(const HttpResult& r) {
  try {  // OpenAI: {"error": {"message", "code"}}; Anthropic: {"type": "error", "error": {"type", "message"}}
    auto body = nlohmann::json::parse(r.body);
    const auto& e = body.at("error");
    std::string code = e.value("code", nlohmann::json()).is_string() ? e.value("code", "") : e.value("type", "");
    return (code.empty() ? "" : code + ": ") + e.value("message", "");
  } catch (const std::exception&) {
    return r.body.substr(0, 200);
  }
}

}  // namespace

void HttpLlm::on_answer(const std::shared_ptr<Exchange>& x, const HttpResult& r, int attempts) {
  const std::string& name = endpoint_.provider;
  std::string tries = attempts == 1 ? "" : " after " + std::to_string(attempts) + " attempts";
  if (!r.answered())
    throw ProviderError(name, (r.timed_out ? "no answer in time" : "no answer") + tries, false, r.timed_out,
                        r.transport_error);
  x->usage.requests += attempts;
  if (r.status < 200 || r.status > 299) {
    bool permanent = retry_decision(r) == Retry::no;
    throw ProviderError(name, "HTTP " + std::to_string(r.status) + tries, permanent, false, error_message(r));
  }
  std::string problem;
  Reply reply;
  try {
    reply = read(nlohmann::json::parse(r.body));
    x->usage += reply.usage;
  } catch (const std::exception& e) {
    problem = std::string("malformed answer: ") + e.what();
  }
  LlmAnswer answer{reply.text, nullptr, reply.citations, x->usage, name, endpoint_.model};
  if (problem.empty() && !x->request.schema) {
    x->done(nullptr, std::move(answer));
    return;
  }
  if (problem.empty() && reply.cut) problem = "the answer was cut off at the token limit";
  if (problem.empty()) {
    try {
      answer.json = parse_model_json(reply.text);
      if (auto bad = schema_violation(answer.json, *x->request.schema))
        problem = "the JSON does not match the schema " + *bad;
    } catch (const std::exception& e) {
      problem = std::string("the answer is not JSON: ") + e.what();
    }
  }
  if (problem.empty()) {
    x->done(nullptr, std::move(answer));
    return;
  }
  if (x->repaired) throw ProviderError(name, "unusable answer after one repair request: " + problem, false);
  spdlog::warn("llm_repair provider={} task={} problem=\"{}\"", name, x->request.task, problem);
  x->repaired = true;
  if (!reply.text.empty()) x->request.messages.push_back({"assistant", reply.text});
  x->request.messages.push_back(
      {"user", "That answer was not usable (" + problem + "). " + schema_instruction(*x->request.schema)});
  send(x);
}

}  // namespace reach
