// Unicode rules for what people type as identifiers (email addresses), through ICU: normal form C,
// characters that show nothing, IDNA for domains, and scripts mixed to imitate another address.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace reach {

// Normal form C of valid UTF-8; nothing for invalid UTF-8.
std::optional<std::string> to_nfc(std::string_view utf8);
// Full Unicode lower case of valid UTF-8.
std::optional<std::string> to_lower(std::string_view utf8);
// True when the text holds a character that shows nothing or changes how the others show: controls,
// format characters (U+200B, U+200D, U+202E, ...), other default-ignorable code points, and every
// space or separator. Invalid UTF-8 counts as invisible.
bool has_invisible(std::string_view utf8);
// UTS #46 (non-transitional) ASCII form of a domain, e.g. bücher.de → xn--bcher-kva.de; nothing when
// it is not a valid internationalised domain name.
std::optional<std::string> domain_to_ascii(std::string_view utf8);
// True when the text mixes scripts the way lookalike addresses do (ICU's spoof checker at the
// "moderately restrictive" level: Latin with Cyrillic or Greek, say; one script alone is fine).
bool mixes_lookalike_scripts(std::string_view utf8);

}  // namespace reach
