#include "http/request.hpp"

#include <algorithm>
#include <cctype>

#include "domain/api_error.hpp"
#include "util/random.hpp"

namespace reach {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+')
      out += ' ';
    else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else
      out += s[i];
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> parse_urlencoded(std::string_view text) {
  std::map<std::string, std::string> out;
  while (!text.empty()) {
    auto amp = text.find('&');
    auto pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq));
    auto value = eq == std::string_view::npos ? std::string{} : percent_decode(pair.substr(eq + 1));
    out.emplace(std::move(key), std::move(value));  // the first of repeated keys wins
  }
  return out;
}

std::optional<std::string> Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::string Request::path_uuid(const std::string& name) const {
  auto it = path_params.find(name);
  std::string value = it == path_params.end() ? "" : it->second;
  if (!is_uuid(value)) throw ValidationError({{{"path", name}, "Input should be a valid UUID", "uuid_parsing"}});
  std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
  return value;
}

std::string Request::media_type() const {
  auto ct = header("content-type").value_or("");
  auto semi = ct.find(';');
  std::string mt = ct.substr(0, semi);
  mt.erase(std::remove_if(mt.begin(), mt.end(), [](unsigned char c) { return std::isspace(c); }), mt.end());
  std::transform(mt.begin(), mt.end(), mt.begin(), [](unsigned char c) { return std::tolower(c); });
  return mt;
}

}  // namespace reach
