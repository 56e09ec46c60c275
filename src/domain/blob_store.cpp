#include "domain/blob_store.hpp"

#include <cctype>

namespace reach {

bool valid_blob_key(std::string_view key) {
  if (key.empty() || key.size() > 1024) return false;
  std::size_t start = 0;
  while (start <= key.size()) {
    auto slash = key.find('/', start);
    auto seg = key.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    for (char c : seg)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

std::string safe_file_name(std::string_view original) {
  auto slash = original.find_last_of("/\\");
  if (slash != std::string_view::npos) original.remove_prefix(slash + 1);
  std::string out;
  for (char c : original) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
    if (ok)
      out += c;
    else if (out.empty() || out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.front() == '.') out.erase(0, 1);
  if (out.size() > 120) out = out.substr(out.size() - 120);
  return out.empty() ? "file" : out;
}

}  // namespace reach
