#include "util/time_format.hpp"

#include <ctime>
#include <cstdio>

namespace reach {

std::string format_rfc3339(TimePoint t) {
  std::time_t secs = t.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<TimePoint> parse_rfc3339(std::string_view text) {
  if (text.size() != 20) return std::nullopt;
  std::tm tm{};
  std::string s(text);
  char* end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  TimePoint t(std::chrono::seconds(timegm(&tm)));
  // strptime takes February 30th and timegm moves it to March: only a time that exists reads back as written.
  if (format_rfc3339(t) != text) return std::nullopt;
  return t;
}

}  // namespace reach
