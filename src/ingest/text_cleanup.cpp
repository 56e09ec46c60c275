#include "ingest/document_text.hpp"

namespace reach {

std::string clean_text(std::string_view raw, std::size_t max_chars, bool* truncated) {
  std::string out;
  out.reserve(std::min(raw.size(), max_chars * 2));
  std::size_t chars = 0, newlines = 0, last_space_at = std::string::npos;
  bool pending_space = false, cut = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    auto c = static_cast<unsigned char>(raw[i]);
    if (c == '\n' || c == '\f' || c == '\v') {
      pending_space = false;
      if (!out.empty() && newlines < 2) {
        out += '\n';
        ++newlines;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' ||
        (c >= 0x80 && i + 1 < raw.size() && c == 0xC2 && static_cast<unsigned char>(raw[i + 1]) == 0xA0)) {
      if (c == 0xC2) ++i;  // no-break space
      pending_space = !out.empty() && newlines == 0;
      continue;
    }
    if (c < 0x20 || c == 0x7F) continue;  // other control characters
    if ((c & 0xC0) != 0x80) {             // a new code point starts
      if (chars >= max_chars) {
        cut = true;
        break;
      }
      if (pending_space) {
        last_space_at = out.size();
        out += ' ';
        ++chars;
      } else if (newlines > 0) {
        last_space_at = out.size();
      }
      pending_space = false;
      newlines = 0;
      ++chars;
    }
    out += static_cast<char>(c);
  }
  if (cut && last_space_at != std::string::npos && last_space_at > out.size() / 2) out.resize(last_space_at);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  if (truncated) *truncated = cut;
  return out;
}

}  // namespace reach
