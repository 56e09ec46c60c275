// Sign-in attempts per key ("pair:<email>|<ip>", "email:<addr>", "ip:<addr>") in the shared database,
// so the limits hold across every server process. An attempt is counted before its password is
// checked, atomically, so concurrent guesses cannot slip past a limit.
#pragma once
#include <optional>
#include <string>

#include "store/database.hpp"
#include "util/clock.hpp"

namespace reach {

class LoginThrottleStore {
 public:
  explicit LoginThrottleStore(Database& db) : db_(db) {}

  // The lock's end when the key is locked at `now`, else nothing.
  std::optional<TimePoint> locked_until(const std::string& key, TimePoint now);
  // Counts one attempt in the window that started at window_start or later (an older window starts
  // over) and answers the count, this attempt included.
  long long count_attempt(const std::string& key, TimePoint now, TimePoint window_start);
  // Takes back one counted attempt (it succeeded).
  void forgive_attempt(const std::string& key);
  void lock(const std::string& key, TimePoint until);
  void clear(const std::string& key);

 private:
  Database& db_;
};

}  // namespace reach
