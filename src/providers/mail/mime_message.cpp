#include "providers/mail/mime_message.hpp"

#include <ctime>

#include "providers/mail/rfc5322.hpp"

namespace reach {
namespace {

std::string mailbox(const std::optional<std::string>& name, const std::string& address) {
  if (!name || name->empty()) return address;
  return encode_header_text(*name) + " <" + address + ">";
}

}  // namespace

std::string quoted_printable(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t line = 0;
  auto put = [&](const std::string& piece) {
    if (line + piece.size() > 75) {
      out += "=\r\n";
      line = 0;
    }
    out += piece;
    line += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r') continue;
    if (c == '\n') {
      out += "\r\n";
      line = 0;
      continue;
    }
    bool at_line_end = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    bool plain = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_line_end);
    if (c == '.' && line == 0) plain = false;
    if (plain)
      put(std::string(1, static_cast<char>(c)));
    else
      put(std::string{'=', kHex[c >> 4], kHex[c & 15]});
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

std::string build_mime_message(const OutgoingEmail& email, const std::string& boundary) {
  std::string m;
  m += "Date: " + rfc5322_date(email.date) + "\r\n";
  m += "From: " + mailbox(email.from_name, email.from_email) + "\r\n";
  m += "To: " + mailbox(email.to_name.empty() ? std::nullopt : std::optional(email.to_name), email.to_email) + "\r\n";
  m += "Subject: " + encode_header_text(email.subject) + "\r\n";
  m += "Message-ID: <" + email.message_id + ">\r\n";
  if (!email.unsubscribe_url.empty()) {
    m += "List-Unsubscribe: <" + email.unsubscribe_url + ">\r\n";
    m += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  m += "\r\n";
  for (const auto& [type, body] :
       {std::pair{"text/plain", &email.text_body}, std::pair{"text/html", &email.html_body}}) {
    m += "--" + boundary + "\r\n";
    m += std::string("Content-Type: ") + type + "; charset=UTF-8\r\n";
    m += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    m += quoted_printable(*body);
  }
  m += "--" + boundary + "--\r\n";
  return m;
}

}  // namespace reach
