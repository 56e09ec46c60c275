// Input rules shared by every entry point (API, CLI, import): pure functions, no I/O.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace reach {

// Trimmed, lower-cased address when it is a plausible single mailbox (local@domain.tld), else nothing.
std::optional<std::string> normalize_email(std::string_view text);

// Why a password is unacceptable, or nothing when it is fine.
std::optional<std::string> password_problem(std::string_view password);

// "example.com" → "https://example.com"; keeps http(s) URLs; nothing for anything else.
std::optional<std::string> normalize_website(std::string_view text);

std::string trim(std::string_view text);

}  // namespace reach
