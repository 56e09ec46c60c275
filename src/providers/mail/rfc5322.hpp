// Builds a plain-text RFC 5322 message (CRLF line ends, encoded headers) for system mail.
#pragma once
#include <string>

#include "domain/system_mailer.hpp"
#include "util/clock.hpp"

namespace reach {

std::string build_rfc5322(const SystemEmail& email, const std::string& from, const std::string& message_id,
                          TimePoint date);

}  // namespace reach
