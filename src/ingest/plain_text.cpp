#include <cstdint>

#include "ingest/document_text.hpp"

namespace reach {
namespace {

// Windows-1252 bytes 0x80-0x9F; 0 marks the five unassigned ones.
constexpr char16_t kCp1252High[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // No overlong forms, surrogates or code points past U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

std::string decode_utf16(std::string_view s, bool big_endian) {
  std::string out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
    auto unit = [&](std::size_t at) -> std::uint32_t {
      auto a = static_cast<unsigned char>(s[at]), b = static_cast<unsigned char>(s[at + 1]);
      return big_endian ? (a << 8 | b) : (b << 8 | a);
    };
    std::uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < s.size()) {
      std::uint32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    append_utf8(out, (u >= 0xD800 && u <= 0xDFFF) ? 0xFFFD : u);
  }
  return out;
}

// A file whose bytes are mostly control characters is not text, whatever its name says.
bool looks_binary(std::string_view s) {
  std::size_t control = 0, sample = std::min<std::size_t>(s.size(), 64 * 1024);
  for (std::size_t i = 0; i < sample; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return control * 20 > sample;  // more than 5 %
}

}  // namespace

std::optional<std::string_view> utf8_text_view(std::string_view data) {
  if (data.substr(0, 2) == "\xFF\xFE" || data.substr(0, 2) == "\xFE\xFF") return std::nullopt;
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  if (looks_binary(data) || !valid_utf8(data)) return std::nullopt;
  return data;
}

std::string decode_plain_text(std::string_view data) {
  if (data.substr(0, 2) == "\xFF\xFE") return decode_utf16(data.substr(2), false);
  if (data.substr(0, 2) == "\xFE\xFF") return decode_utf16(data.substr(2), true);
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  if (looks_binary(data))
    throw DocumentError(
        "Unsupported file type: the file is binary, not text. Supported types are .pdf, .docx and .txt (UTF-8 or "
        "Windows-1252)");
  return to_utf8_lenient(data);
}

std::string to_utf8_lenient(std::string_view data) {
  if (valid_utf8(data)) return std::string(data);
  std::string out;
  out.reserve(data.size() + data.size() / 8);
  for (unsigned char c : data) {
    if (c < 0x80)
      out += static_cast<char>(c);
    else if (c < 0xA0)
      append_utf8(out, kCp1252High[c - 0x80] ? kCp1252High[c - 0x80] : 0xFFFD);
    else
      append_utf8(out, c);  // Latin-1 range maps to itself
  }
  return out;
}

}  // namespace reach
