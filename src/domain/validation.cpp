#include "domain/validation.hpp"

#include <algorithm>
#include <cctype>

#include "util/unicode_text.hpp"

namespace reach {
namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

bool valid_domain(std::string_view d) {
  if (d.empty() || d.size() > 253 || d.find('.') == std::string_view::npos) return false;
  if (d.front() == '.' || d.back() == '.' || d.front() == '-' || d.find("..") != std::string_view::npos) return false;
  return std::all_of(d.begin(), d.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
  });
}

bool valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  return std::none_of(local.begin(), local.end(), [](char c) {
    return is_space(c) || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '<' ||
           c == '>' || c == '[' || c == ']' || c == '\\';
  });
}

// Non-ASCII addresses: one normal form (NFC), nothing invisible, no scripts mixed to imitate another
// address, the domain in its IDNA ASCII form. Two addresses that look alike are then one, or refused.
std::optional<std::string> normalize_unicode_email(const std::string& raw) {
  auto e = to_nfc(raw);
  if (!e || has_invisible(*e)) return std::nullopt;
  auto at = e->find('@');
  if (at == std::string::npos || at == 0 || e->find('@', at + 1) != std::string::npos) return std::nullopt;
  std::string local = e->substr(0, at), domain = e->substr(at + 1);
  if (mixes_lookalike_scripts(local) || mixes_lookalike_scripts(domain)) return std::nullopt;
  auto ascii_domain = domain_to_ascii(domain);
  auto lower_local = to_lower(local);
  if (!ascii_domain || !lower_local || !valid_local_part(*lower_local) || !valid_domain(*ascii_domain))
    return std::nullopt;
  std::string out = *lower_local + "@" + *ascii_domain;  // UTS #46 already lower-cased the domain
  if (out.size() > 254) return std::nullopt;
  return out;
}

}  // namespace

std::string trim(std::string_view t) {
  while (!t.empty() && is_space(t.front())) t.remove_prefix(1);
  while (!t.empty() && is_space(t.back())) t.remove_suffix(1);
  return std::string(t);
}

std::optional<std::string> normalize_email(std::string_view text) {
  std::string e = trim(text);
  if (e.size() < 3 || e.size() > 254) return std::nullopt;
  if (std::any_of(e.begin(), e.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; })) return std::nullopt;
  if (std::any_of(e.begin(), e.end(), [](unsigned char c) { return c >= 0x80; })) return normalize_unicode_email(e);
  auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return std::nullopt;
  std::string_view local(e.data(), at), domain(e.data() + at + 1, e.size() - at - 1);
  if (!valid_local_part(local) || !valid_domain(domain)) return std::nullopt;
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

std::optional<std::string> password_problem(std::string_view p) {
  if (p.size() < 8) return "Password must be at least 8 characters long";
  if (p.size() > 256) return "Password must be at most 256 characters long";
  return std::nullopt;
}

std::optional<std::string> normalize_website(std::string_view text) {
  std::string w = trim(text);
  if (w.empty() || w.size() > 2048) return std::nullopt;
  std::string lower = w;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::size_t host_start = 0;
  if (lower.rfind("https://", 0) == 0)
    host_start = 8;
  else if (lower.rfind("http://", 0) == 0)
    host_start = 7;
  else if (lower.find("://") != std::string::npos)
    return std::nullopt;
  else {
    w = "https://" + w;
    host_start = 8;
  }
  std::string_view rest(w);
  rest.remove_prefix(host_start);
  auto host = rest.substr(0, rest.find_first_of("/?#"));
  auto colon = host.find(':');
  if (colon != std::string_view::npos) host = host.substr(0, colon);
  if (!valid_domain(host) || std::any_of(w.begin(), w.end(), is_space)) return std::nullopt;
  return w;
}

}  // namespace reach
