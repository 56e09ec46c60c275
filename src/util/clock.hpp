// Time comes from an injected Clock so schedules, expiries and tests are deterministic.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>

namespace reach {

using TimePoint = std::chrono::sys_seconds;

inline std::int64_t unix_millis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }
};

// The system clock plus an offset that can be set and moved while the process runs: the clock of a
// `reach serve --test-clock` (REACH_TEST_CLOCK), which functional tests move over HTTP to test sending
// windows, delays and expiries through the real binary without sleeping. Time keeps flowing.
class MovableClock final : public Clock {
 public:
  TimePoint now() const override { return SystemClock().now() + std::chrono::seconds(offset_.load()); }
  void set(TimePoint t) { offset_ = (t - SystemClock().now()).count(); }
  void advance(std::chrono::seconds d) { offset_ += d.count(); }

 private:
  std::atomic<long long> offset_{0};
};

// A clock tests move by hand.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(std::chrono::seconds(now_.load())); }
  void advance(std::chrono::seconds d) { now_ += d.count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace reach
