// Failed sign-in counts per key ("email:<addr>", "ip:<addr>") in the shared database, so the limit
// holds across every server process.
#pragma once
#include <optional>
#include <string>

#include "store/database.hpp"

namespace reach {

class LoginThrottleStore {
 public:
  explicit LoginThrottleStore(Database& db) : db_(db) {}

  // The lock's end (RFC 3339) when the key is locked at `now`, else nothing.
  std::optional<std::string> locked_until(const std::string& key, const std::string& now);
  // Counts one failure in the window that started at window_start or later; locks the key until
  // lock_until once max_failures is reached.
  void record_failure(const std::string& key, const std::string& now, const std::string& window_start,
                      int max_failures, const std::string& lock_until);
  void clear(const std::string& key);

 private:
  Database& db_;
};

}  // namespace reach
