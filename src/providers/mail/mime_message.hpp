// Builds a campaign email as RFC 5322 text: multipart/alternative with a text and an HTML part, both
// quoted-printable (so no line is too long and no line starts with a dot, whatever the model wrote),
// headers encoded (RFC 2047) and free of CR/LF, our own Message-ID, and the RFC 8058 unsubscribe headers.
#pragma once
#include <string>

#include "domain/mailbox.hpp"

namespace reach {

std::string build_mime_message(const OutgoingEmail& email, const std::string& boundary);

// Quoted-printable (RFC 2045 §6.7) of UTF-8 text with CRLF line ends; a dot that starts a line is
// encoded as well.
std::string quoted_printable(const std::string& text);

}  // namespace reach
