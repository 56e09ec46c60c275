// A time written as tests read it: time_at("2026-12-01T10:00:00Z").
#pragma once
#include <string_view>

#include "util/clock.hpp"
#include "util/time_format.hpp"

namespace reach {

inline TimePoint time_at(std::string_view rfc3339) { return parse_rfc3339(rfc3339).value(); }

}  // namespace reach
