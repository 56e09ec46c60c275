#include "util/bounded_json.hpp"

#include <vector>

namespace reach {

std::size_t json_nesting_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

std::optional<nlohmann::json> parse_bounded_json(std::string_view text, std::size_t max_depth) {
  if (json_nesting_depth(text) > max_depth) return std::nullopt;
  auto value = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

std::string json_phrase(const nlohmann::json& value, std::size_t max_chars) {
  // Pieces to write, last first: a value, or a literal separator.
  struct Piece {
    const nlohmann::json* value;
    std::string text;
  };
  std::string out;
  std::vector<Piece> todo{{&value, {}}};
  while (!todo.empty() && out.size() < max_chars) {
    Piece p = std::move(todo.back());
    todo.pop_back();
    if (!p.value) {
      out += p.text;
      continue;
    }
    const auto& v = *p.value;
    if (v.is_string()) {
      out += v.get_ref<const std::string&>();
    } else if (v.is_array() || v.is_object()) {
      std::vector<Piece> parts;
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) parts.push_back({nullptr, ", "});
        first = false;
        if (v.is_object()) parts.push_back({nullptr, it.key() + " "});
        parts.push_back({&*it, {}});
        if (parts.size() > max_chars) break;  // more than could ever be written
      }
      todo.insert(todo.end(), std::make_move_iterator(parts.rbegin()), std::make_move_iterator(parts.rend()));
    } else if (!v.is_null()) {
      out += v.dump();  // a number or a boolean: no nesting
    }
  }
  if (out.size() > max_chars) {
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    out.resize(cut);
  }
  return out;
}

}  // namespace reach
