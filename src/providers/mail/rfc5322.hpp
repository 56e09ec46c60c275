// Builds a plain-text RFC 5322 message (CRLF line ends, encoded headers) for system mail.
#pragma once
#include <string>

#include "domain/system_mailer.hpp"
#include "util/clock.hpp"

namespace reach {

// Header text as is when it is printable ASCII, else one RFC 2047 encoded-word (base64): never CR or LF.
std::string encode_header_text(const std::string& value);

// "Wed, 02 Dec 2026 15:00:00 +0000": the Date header's form.
std::string rfc5322_date(TimePoint date);

std::string build_rfc5322(const SystemEmail& email, const std::string& from, const std::string& message_id,
                          TimePoint date);

}  // namespace reach
