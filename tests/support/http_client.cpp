#include "support/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>

namespace reach::test {
namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon), value = line.substr(colon + 1);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of("\r\n \t") + 1);
    (*static_cast<std::map<std::string, std::string>*>(user))[name] = value;
  }
  return size * n;
}

}  // namespace

std::map<std::string, std::string> bearer(const std::string& token) {
  if (token.empty()) return {};
  return {{"Authorization", "Bearer " + token}};
}

HttpResult HttpClient::request(const std::string& method, const std::string& path, const std::string& body,
                               std::map<std::string, std::string> headers) const {
  HttpResult r;
  CURL* c = curl_easy_init();
  std::string url = base_ + path;
  curl_slist* list = nullptr;
  for (const auto& [k, v] : headers) list = curl_slist_append(list, (k + ": " + v).c_str());
  list = curl_slist_append(list, "Expect:");
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(c);
  return r;
}

HttpResult HttpClient::get(const std::string& path, const std::string& token) const {
  return request("GET", path, "", bearer(token));
}

HttpResult HttpClient::del(const std::string& path, const std::string& token) const {
  return request("DELETE", path, "", bearer(token));
}

HttpResult HttpClient::post_json(const std::string& path, const nlohmann::json& body, const std::string& token) const {
  auto h = bearer(token);
  h["Content-Type"] = "application/json";
  return request("POST", path, body.dump(), h);
}

HttpResult HttpClient::patch_json(const std::string& path, const nlohmann::json& body, const std::string& token) const {
  auto h = bearer(token);
  h["Content-Type"] = "application/json";
  return request("PATCH", path, body.dump(), h);
}

HttpResult HttpClient::post_multipart(const std::string& path, const std::map<std::string, std::string>& fields,
                                      const std::string& filename, const std::string& file_content,
                                      const std::string& token) const {
  const std::string boundary = "----reach-test-boundary-7MA4YWxkTrZu0gW";
  std::string body;
  for (const auto& [name, value] : fields)
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  std::string quoted;  // escaped as curl does
  for (char c : filename) quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  if (!filename.empty())
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + quoted +
            "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file_content + "\r\n";
  body += "--" + boundary + "--\r\n";
  auto h = bearer(token);
  h["Content-Type"] = "multipart/form-data; boundary=" + boundary;
  return request("POST", path, body, h);
}

HttpResult HttpClient::post_form(const std::string& path, const std::string& form) const {
  return request("POST", path, form, {{"Content-Type", "application/x-www-form-urlencoded"}});
}

}  // namespace reach::test
