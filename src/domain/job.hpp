// A unit of background work: a kind (which handler runs it), a JSON payload, and its place in the
// queue's life cycle.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "util/clock.hpp"

namespace reach {

enum class JobStatus { queued, running, done, dead };

struct Job {
  std::string id;
  std::string kind;
  std::string payload;  // JSON text
  JobStatus status = JobStatus::queued;
  int attempts = 0;  // claims so far, this one included
  int max_attempts = 5;
  TimePoint run_at;
  std::optional<std::string> locked_by, last_error;
  std::optional<TimePoint> locked_until, finished_at;
};

struct NewJob {
  std::string kind;
  std::string payload = "{}";
  std::optional<std::string> idempotency_key;  // a second enqueue with the same key returns the first job
  int max_attempts = 5;
  std::optional<TimePoint> run_at;  // default: now
};

// Thrown by a handler that stopped early because the pool is stopping (JobContext::stopping()) after
// saving its progress: the job goes back to the queue without using an attempt.
class JobInterrupted : public std::runtime_error {
 public:
  JobInterrupted() : std::runtime_error("interrupted by shutdown") {}
};

// Thrown by a handler for a failure that retrying cannot fix: the job goes straight to dead.
class PermanentJobError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace reach
