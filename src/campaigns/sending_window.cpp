#include "campaigns/sending_window.hpp"

#include <date/tz.h>

#include <algorithm>
#include <stdexcept>

namespace reach {
namespace {

int parse_hh_mm(const std::string& text, const char* what) {
  auto bad = [&] { return std::invalid_argument(std::string(what) + " must be a time of day as HH:MM, e.g. 09:00"); };
  if (text.size() != 5 || text[2] != ':') throw bad();
  for (int i : {0, 1, 3, 4})
    if (text[i] < '0' || text[i] > '9') throw bad();
  int h = (text[0] - '0') * 10 + (text[1] - '0'), m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) throw bad();
  return h * 60 + m;
}

}  // namespace

std::string format_minute_of_day(int minute) {
  std::string out = "00:00";
  out[0] = static_cast<char>('0' + minute / 600 % 10);
  out[1] = static_cast<char>('0' + minute / 60 % 10);
  out[3] = static_cast<char>('0' + minute % 60 / 10);
  out[4] = static_cast<char>('0' + minute % 10);
  return out;
}

SendingSchedule parse_schedule(const std::string& timezone, const std::vector<int>& days, const std::string& start,
                               const std::string& end) {
  try {
    date::locate_zone(timezone);
  } catch (const std::exception&) {
    throw std::invalid_argument("timezone must be an IANA time zone name such as Europe/Berlin or America/New_York");
  }
  if (days.empty())
    throw std::invalid_argument("days must list at least one day of the week (1 = Monday .. 7 = Sunday)");
  std::vector<int> sorted = days;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  if (sorted.front() < 1 || sorted.back() > 7)
    throw std::invalid_argument("days are numbered 1 (Monday) to 7 (Sunday)");
  int s = parse_hh_mm(start, "start"), e = parse_hh_mm(end, "end");
  if (e <= s) throw std::invalid_argument("end must be later in the day than start");
  return SendingSchedule{timezone, sorted, s, e};
}

TimePoint next_sending_time(const SendingSchedule& schedule, TimePoint now) {
  const date::time_zone* zone = date::locate_zone(schedule.timezone);
  auto local_now = zone->to_local(now);
  auto today = date::floor<date::days>(local_now);
  // Today's window and the next seven days': the first one that is open at or after now.
  for (int d = 0; d <= 8; ++d) {
    auto day = today + date::days(d);
    unsigned weekday = date::weekday(date::local_days(day)).iso_encoding();  // 1 = Monday
    if (std::find(schedule.days.begin(), schedule.days.end(), static_cast<int>(weekday)) == schedule.days.end())
      continue;
    auto open = day + std::chrono::minutes(schedule.start_minute);
    auto close = day + std::chrono::minutes(schedule.end_minute);
    // A local time skipped or repeated by a clock change resolves to the earlier instant.
    auto open_at = date::floor<std::chrono::seconds>(zone->to_sys(open, date::choose::earliest));
    auto close_at = date::floor<std::chrono::seconds>(zone->to_sys(close, date::choose::earliest));
    if (now >= close_at) continue;
    return std::max(now, TimePoint(open_at));
  }
  return now;  // unreachable with at least one day listed
}

}  // namespace reach
