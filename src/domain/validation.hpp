// Input rules shared by every entry point (API, CLI, import): pure functions, no I/O.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace reach {

// Trimmed, lower-cased address when it is a plausible single mailbox (local@domain.tld), else nothing.
// Non-ASCII addresses are in normal form C with the domain in IDNA ASCII form (xn--...); addresses with
// invisible or format characters (U+200B, ...), or scripts mixed to look like another address
// (a Cyrillic "а" among Latin letters), are refused.
std::optional<std::string> normalize_email(std::string_view text);

// Why a password is unacceptable, or nothing when it is fine.
std::optional<std::string> password_problem(std::string_view password);

// "example.com" → "https://example.com"; keeps http(s) URLs; nothing for anything else.
std::optional<std::string> normalize_website(std::string_view text);

std::string trim(std::string_view text);

}  // namespace reach
