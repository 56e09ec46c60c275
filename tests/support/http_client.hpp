// A small blocking HTTP client for API tests (libcurl).
#pragma once
#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace reach::test {

struct HttpResult {
  long status = 0;                             // 0: no answer (connection refused or dropped)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url) : base_(std::move(base_url)) {}

  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                     std::map<std::string, std::string> headers = {}) const;
  HttpResult get(const std::string& path, const std::string& token = "") const;
  HttpResult del(const std::string& path, const std::string& token = "") const;
  HttpResult post_json(const std::string& path, const nlohmann::json& body, const std::string& token = "") const;
  HttpResult patch_json(const std::string& path, const nlohmann::json& body, const std::string& token = "") const;
  HttpResult post_form(const std::string& path, const std::string& form) const;
  // multipart/form-data with text fields and one file field named "file" (when filename is not empty).
  HttpResult post_multipart(const std::string& path, const std::map<std::string, std::string>& fields,
                            const std::string& filename, const std::string& file_content,
                            const std::string& token) const;
  const std::string& base() const { return base_; }

 private:
  std::string base_;
};

std::map<std::string, std::string> bearer(const std::string& token);

}  // namespace reach::test
