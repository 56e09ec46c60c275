// Checks a JSON value against the subset of JSON Schema that Reach's prompts use: type (one or a
// list), properties, required, additionalProperties: false, items, enum, minItems, maxItems.
#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace reach {

// The first violation, as "at $.pain_points[2]: expected string", or nothing when valid.
std::optional<std::string> schema_violation(const nlohmann::json& value, const nlohmann::json& schema);

}  // namespace reach
