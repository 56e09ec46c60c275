// Reads mail that reached a directory (Reach's outbox, or an aiosmtpd Maildir) and pulls out link tokens.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace reach::test {

// Raw messages under dir (recursively) addressed To: `to`, oldest first.
std::vector<std::string> messages_to(const std::string& dir, const std::string& to);
// The token of the newest link to `page` ("verify", "reset-password", "invite") in mail to `to`;
// waits up to timeout_ms for it to arrive.
std::optional<std::string> wait_for_token(const std::string& dir, const std::string& to, const std::string& page,
                                          int timeout_ms = 5000);

// The text of quoted-printable parts decoded (soft line breaks joined, =XX turned into bytes); other
// text passes through, so a whole message can be searched for what its parts say.
std::string decode_quoted_printable(const std::string& text);

}  // namespace reach::test
