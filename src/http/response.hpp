// An HTTP response as handlers produce it; http/server.cpp writes it out.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace reach {

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(int status, const nlohmann::json& value) {
    return Response{
        status, "application/json", value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), {}};
  }
  static Response message(const std::string& text) { return json(200, {{"message", text}}); }
  static Response text(int status, std::string content_type, std::string body) {
    return Response{status, std::move(content_type), std::move(body), {}};
  }
};

}  // namespace reach
