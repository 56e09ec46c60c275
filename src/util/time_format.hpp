// RFC 3339 UTC timestamps ("2026-11-24T10:00:00Z"): the API's wire format and the database's
// storage format (fixed width, so text order is time order on every engine).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "util/clock.hpp"

namespace reach {

std::string format_rfc3339(TimePoint t);
std::optional<TimePoint> parse_rfc3339(std::string_view text);

}  // namespace reach
