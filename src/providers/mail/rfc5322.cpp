#include "providers/mail/rfc5322.hpp"

#include <sodium.h>

#include <ctime>

namespace reach {
namespace {

bool is_ascii_printable(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

}  // namespace

// RFC 2047 encoded-word for non-ASCII header text; CR/LF never reach a header either way.
std::string encode_header_text(const std::string& value) {
  if (is_ascii_printable(value)) return value;
  std::string b64(sodium_base64_ENCODED_LEN(value.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(value.data()), value.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  b64.resize(b64.size() - 1);
  return "=?UTF-8?B?" + b64 + "?=";
}

namespace {

std::string crlf_body(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') continue;
    if (c == '\n') {
      out += "\r\n";
      continue;
    }
    // No dot-stuffing here: libcurl stuffs a line that starts with "." on the wire (measured against
    // aiosmtpd: ".x" arrives as ".x"), and the outbox keeps the message as the recipient reads it.
    out += c;
  }
  if (out.size() < 2 || out.substr(out.size() - 2) != "\r\n") out += "\r\n";
  return out;
}

}  // namespace

std::string rfc5322_date(TimePoint date) {
  std::time_t t = date.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

std::string build_rfc5322(const SystemEmail& email, const std::string& from, const std::string& message_id,
                          TimePoint date) {
  std::string msg;
  msg += "Date: " + rfc5322_date(date) + "\r\n";
  msg += "From: " + encode_header_text(from) + "\r\n";
  msg += "To: " + encode_header_text(email.to) + "\r\n";
  msg += "Subject: " + encode_header_text(email.subject) + "\r\n";
  msg += "Message-ID: <" + message_id + ">\r\n";
  msg += "MIME-Version: 1.0\r\n";
  msg += "Content-Type: text/plain; charset=UTF-8\r\n";
  msg += "Content-Transfer-Encoding: 8bit\r\n";
  msg += "\r\n";
  msg += crlf_body(email.text_body);
  return msg;
}

}  // namespace reach
