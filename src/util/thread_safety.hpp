// Clang's thread-safety analysis for the mutex-guarded state (-Wthread-safety): a member declared
// REACH_GUARDED_BY(mu_) may only be touched while mu_ is held, and the compiler checks it.
// scripts/check-thread-safety.sh (run by `make test`) compiles every file that uses these with clang;
// under GCC the annotations are empty. Use Mutex and MutexLock instead of std::mutex and
// std::lock_guard for guarded state (libstdc++'s own types carry no annotations).
#pragma once
#include <mutex>

#if defined(__clang__)
#define REACH_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define REACH_THREAD_ANNOTATION(x)
#endif

#define REACH_CAPABILITY(x) REACH_THREAD_ANNOTATION(capability(x))
#define REACH_SCOPED_CAPABILITY REACH_THREAD_ANNOTATION(scoped_lockable)
#define REACH_GUARDED_BY(x) REACH_THREAD_ANNOTATION(guarded_by(x))
#define REACH_PT_GUARDED_BY(x) REACH_THREAD_ANNOTATION(pt_guarded_by(x))
#define REACH_REQUIRES(...) REACH_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define REACH_EXCLUDES(...) REACH_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define REACH_ACQUIRE(...) REACH_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define REACH_RELEASE(...) REACH_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define REACH_NO_THREAD_SAFETY_ANALYSIS REACH_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace reach {

class REACH_CAPABILITY("mutex") Mutex {
 public:
  void lock() REACH_ACQUIRE() { mu_.lock(); }
  void unlock() REACH_RELEASE() { mu_.unlock(); }
  std::mutex& native() { return mu_; }

 private:
  std::mutex mu_;
};

// Holds a Mutex for its scope. native() is the std::unique_lock a std::condition_variable waits on
// (the wait releases and retakes the mutex inside; to the analysis it stays held, as it is on return).
class REACH_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) REACH_ACQUIRE(mu) : lock_(mu.native()) {}
  ~MutexLock() REACH_RELEASE() = default;
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;
  std::unique_lock<std::mutex>& native() { return lock_; }

 private:
  std::unique_lock<std::mutex> lock_;
};

}  // namespace reach
