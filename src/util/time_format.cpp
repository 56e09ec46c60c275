#include "util/time_format.hpp"

#include <chrono>

namespace reach {
namespace {

// Calendar arithmetic of <chrono> (no locale, no time zone, no allocation besides the result): every
// stored time passes through here on its way to and from SQL, so a request reads several.
void put2(char* out, unsigned v) {
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
}

// The number of `n` digits at `text`, or -1 when one is not a digit.
int digits(std::string_view text, std::size_t at, std::size_t n) {
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

}  // namespace

std::string format_rfc3339(TimePoint t) {
  using namespace std::chrono;
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{t - day};
  int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) y = y < 0 ? 0 : 9999;  // outside RFC 3339's four digits: clamped, never garbled
  std::string out = "0000-00-00T00:00:00Z";
  put2(&out[0], static_cast<unsigned>(y / 100));
  put2(&out[2], static_cast<unsigned>(y % 100));
  put2(&out[5], static_cast<unsigned>(ymd.month()));
  put2(&out[8], static_cast<unsigned>(ymd.day()));
  put2(&out[11], static_cast<unsigned>(hms.hours().count()));
  put2(&out[14], static_cast<unsigned>(hms.minutes().count()));
  put2(&out[17], static_cast<unsigned>(hms.seconds().count()));
  return out;
}

std::optional<TimePoint> parse_rfc3339(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z')
    return std::nullopt;
  int y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  int h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return std::nullopt;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;  // February 30th is no time: only a time that exists reads back
  return TimePoint(sys_days(ymd)) + hours(h) + minutes(mi) + seconds(s);
}

}  // namespace reach
