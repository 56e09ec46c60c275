#include "store/login_throttle_store.hpp"

#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"
#include "util/time_format.hpp"

namespace reach {

std::optional<TimePoint> LoginThrottleStore::locked_until(const std::string& key, TimePoint now) {
  return db_.with_session([&](soci::session& s) -> std::optional<TimePoint> {
    std::optional<std::string> until;
    s << "SELECT locked_until FROM login_throttle WHERE throttle_key = :k", soci::use(key), soci::into(until);
    if (!s.got_data() || !until) return std::nullopt;
    auto end = parse_rfc3339(*until);
    if (!end || *end <= now) return std::nullopt;
    return end;
  });
}

long long LoginThrottleStore::count_attempt(const std::string& key, TimePoint now_time, TimePoint window_start_time) {
  std::string now = format_rfc3339(now_time);
  std::string window_start = format_rfc3339(window_start_time);
  return db_.with_session([&](soci::session& s) {
    // One statement: of any number of concurrent attempts, each gets its own count.
    long long count = 0;
    s << "INSERT INTO login_throttle (throttle_key, failures, window_started_at) VALUES (:k, 1, :now) "
         "ON CONFLICT (throttle_key) DO UPDATE SET "
         "failures = CASE WHEN login_throttle.window_started_at < :ws THEN 1 ELSE login_throttle.failures + 1 END, "
         "window_started_at = CASE WHEN login_throttle.window_started_at < :ws2 THEN :now2 "
         "ELSE login_throttle.window_started_at END RETURNING failures",
        soci::use(key), soci::use(now), soci::use(window_start), soci::use(window_start), soci::use(now),
        soci::into(count);
    return count;
  });
}

void LoginThrottleStore::forgive_attempt(const std::string& key) {
  db_.with_session([&](soci::session& s) {
    s << "UPDATE login_throttle SET failures = failures - 1 WHERE throttle_key = :k AND failures > 0", soci::use(key);
  });
}

void LoginThrottleStore::lock(const std::string& key, TimePoint until_time) {
  std::string until = format_rfc3339(until_time);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE login_throttle SET locked_until = :u WHERE throttle_key = :k", soci::use(until), soci::use(key);
  });
}

void LoginThrottleStore::clear(const std::string& key) {
  db_.with_session(
      [&](soci::session& s) { s << "DELETE FROM login_throttle WHERE throttle_key = :k", soci::use(key); });
}

}  // namespace reach
