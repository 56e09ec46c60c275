// The job queue's SQL. Claiming is one atomic statement: FOR UPDATE SKIP LOCKED on PostgreSQL (workers
// on many machines never wait for or double-claim a row), a single UPDATE ... RETURNING on SQLite
// (which serialises writers). A running job whose lease has expired is claimable again.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/job.hpp"
#include "store/database.hpp"
#include "util/clock.hpp"

namespace reach {

class JobStore {
 public:
  explicit JobStore(Database& db) : db_(db) {}

  // The new job's id, or the existing job's id when the idempotency key is taken.
  std::string enqueue(const std::string& id, const NewJob& job, TimePoint now);
  // The oldest ready job of one of `kinds` (a worker never takes work it has no handler for, so old
  // and new versions can share a queue during an upgrade).
  std::optional<Job> claim(const std::string& worker, const std::vector<std::string>& kinds, TimePoint now,
                           TimePoint lease_until);
  // Only the current lease holder may finish, fail, release or extend; false when the lease was lost.
  bool complete(const std::string& id, const std::string& worker, TimePoint now);
  bool fail(const std::string& id, const std::string& worker, const std::string& error, bool dead, TimePoint retry_at,
            TimePoint now);
  bool release(const std::string& id, const std::string& worker, TimePoint now);
  bool extend_lease(const std::string& id, const std::string& worker, TimePoint until);
  std::optional<Job> find(const std::string& id);
  std::map<std::string, long long> count_by_status();

 private:
  Database& db_;
};

}  // namespace reach
