// JSON that came from outside (request bodies, stored free-form lead fields, provider answers) is parsed
// only within bounds: nesting depth, checked by one linear scan before nlohmann (whose dump and
// comparison recurse per level) ever sees it. Also a linear, bounded flattening of JSON into a phrase.
#pragma once
#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace reach {

// Deep enough for any honest payload (the contract's deepest is 3), shallow enough for every recursive walk.
constexpr std::size_t kMaxJsonDepth = 32;

// The deepest nesting of arrays and objects in `text` (brackets inside strings do not count); one
// pass, no recursion, valid or not.
std::size_t json_nesting_depth(std::string_view text);

// The parsed value, or nothing when `text` is not JSON or nests deeper than max_depth.
std::optional<nlohmann::json> parse_bounded_json(std::string_view text, std::size_t max_depth = kMaxJsonDepth);

// A JSON value as one readable phrase: strings as they are, arrays joined by ", ", objects as
// "key value" pairs; walked iteratively and cut at max_chars.
std::string json_phrase(const nlohmann::json& value, std::size_t max_chars = 2000);

}  // namespace reach
