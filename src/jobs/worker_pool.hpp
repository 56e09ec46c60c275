// Workers that claim jobs from the shared queue and run them: N threads per process, in `reach serve`
// and in `reach worker`. A lease keeper extends the leases of running jobs, so a long job keeps its
// claim while its process lives and loses it soon after the process dies. stop() lets running jobs
// finish within a grace period and hands back the rest.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "domain/job.hpp"
#include "store/job_store.hpp"
#include "util/clock.hpp"
#include "util/random.hpp"
#include "util/thread_safety.hpp"

namespace reach {

// What a running handler may ask of the queue.
class JobContext {
 public:
  virtual ~JobContext() = default;
  // True once the pool is stopping: a long handler should save its progress and return (or throw).
  virtual bool stopping() const = 0;
};

using JobHandler = std::function<void(const Job&, JobContext&)>;

struct WorkerOptions {
  std::size_t threads = 2;
  std::chrono::seconds lease{60};
  std::chrono::milliseconds poll_interval{500};
  std::chrono::seconds retry_base{5};  // retry n waits base * 2^(n-1), at most retry_max
  std::chrono::seconds retry_max{3600};
  std::chrono::seconds stop_grace{20};  // how long stop() waits for running jobs before handing them back
  std::string name;                     // worker identity prefix; default host:pid
};

// "host:pid": how a process names its workers in jobs.locked_by.
std::string default_worker_name();

class WorkerPool {
 public:
  WorkerPool(JobStore& store, const Clock& clock, Rng& rng, WorkerOptions options);
  ~WorkerPool();

  void handle(const std::string& kind, JobHandler handler);  // before start()
  void start();
  void stop();
  // Wakes idle workers at once (after an enqueue in this process).
  void notify();

 private:
  class Context;
  void work(std::size_t index);
  void keep_leases();
  void run(const Job& job, const std::string& worker);
  std::chrono::seconds retry_delay(int attempts);

  JobStore& store_;
  const Clock& clock_;
  Rng& rng_;
  WorkerOptions options_;
  std::map<std::string, JobHandler> handlers_;
  std::vector<std::string> kinds_;  // the handlers' kinds: all this pool claims
  std::vector<std::thread> threads_;
  std::thread lease_keeper_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> jobs_run_{0};
  Mutex mu_;
  std::condition_variable wake_;
  std::map<std::string, std::string> running_ REACH_GUARDED_BY(mu_);  // job id → worker name
};

}  // namespace reach
