#include "http/cookies.hpp"

namespace reach {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto end = header.find(';');
    auto pair = trim(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) continue;
    auto value = trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (value.empty()) return std::nullopt;
    return std::string(value);
  }
  return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value, std::chrono::seconds max_age, bool http_only,
                       bool secure) {
  std::string out = std::string(name) + "=" + std::string(value) +
                    "; Path=/; SameSite=Strict; Max-Age=" + std::to_string(max_age.count());
  if (http_only) out += "; HttpOnly";
  if (secure) out += "; Secure";
  return out;
}

std::string clear_cookie(std::string_view name, bool http_only, bool secure) {
  return set_cookie(name, "", std::chrono::seconds(0), http_only, secure);
}

}  // namespace reach
