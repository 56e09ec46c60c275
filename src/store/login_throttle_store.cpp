#include "store/login_throttle_store.hpp"

#include "store/soci_optional.hpp"

namespace reach {

std::optional<std::string> LoginThrottleStore::locked_until(const std::string& key, const std::string& now) {
  return db_.with_session([&](soci::session& s) -> std::optional<std::string> {
    std::optional<std::string> until;
    s << "SELECT locked_until FROM login_throttle WHERE throttle_key = :k", soci::use(key), soci::into(until);
    if (!s.got_data() || !until || *until <= now) return std::nullopt;
    return until;
  });
}

void LoginThrottleStore::record_failure(const std::string& key, const std::string& now,
                                        const std::string& window_start, int max_failures,
                                        const std::string& lock_until) {
  db_.in_transaction([&](soci::session& s) {
    // A window older than window_start starts over at one failure.
    s << "INSERT INTO login_throttle (throttle_key, failures, window_started_at) VALUES (:k, 1, :now) "
         "ON CONFLICT (throttle_key) DO UPDATE SET "
         "failures = CASE WHEN login_throttle.window_started_at < :ws THEN 1 ELSE login_throttle.failures + 1 END, "
         "window_started_at = CASE WHEN login_throttle.window_started_at < :ws2 THEN :now2 "
         "ELSE login_throttle.window_started_at END",
        soci::use(key), soci::use(now), soci::use(window_start), soci::use(window_start), soci::use(now);
    s << "UPDATE login_throttle SET locked_until = :until WHERE throttle_key = :k AND failures >= :max",
        soci::use(lock_until), soci::use(key), soci::use(max_failures);
  });
}

void LoginThrottleStore::clear(const std::string& key) {
  db_.with_session([&](soci::session& s) { s << "DELETE FROM login_throttle WHERE throttle_key = :k", soci::use(key); });
}

}  // namespace reach
