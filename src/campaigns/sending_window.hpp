// Sending windows: when a campaign with a schedule may send, in the schedule's own time zone (IANA
// names, the system's tz database, daylight saving time included).
#pragma once
#include <optional>
#include <string>

#include "domain/campaign.hpp"

namespace reach {

// `now` when the window is open at `now`; otherwise the next moment it opens (within 8 days).
TimePoint next_sending_time(const SendingSchedule& schedule, TimePoint now);

// Reads a schedule as the API gives it ({timezone, days: [1..7], start: "HH:MM", end: "HH:MM"}); the
// message of std::invalid_argument says what is wrong.
SendingSchedule parse_schedule(const std::string& timezone, const std::vector<int>& days, const std::string& start,
                               const std::string& end);
std::string format_minute_of_day(int minute);

}  // namespace reach
