// Files compiled into the binary at build time (cmake/embed.cmake): SQL migrations, openapi.json and
// the /docs page. The binary needs nothing from the source tree at run time.
#pragma once
#include <optional>
#include <string_view>
#include <vector>

namespace reach {

struct EmbeddedAsset {
  std::string_view name;
  std::string_view content;
};

const std::vector<EmbeddedAsset>& embedded_assets();

inline std::optional<std::string_view> find_embedded_asset(std::string_view name) {
  for (const auto& a : embedded_assets())
    if (a.name == name) return a.content;
  return std::nullopt;
}

}  // namespace reach
