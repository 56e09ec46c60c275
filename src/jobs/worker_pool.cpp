#include "jobs/worker_pool.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>

#include "util/time_format.hpp"

namespace reach {

class WorkerPool::Context final : public JobContext {
 public:
  explicit Context(const std::atomic<bool>& stopping) : stopping_(stopping) {}
  bool stopping() const override { return stopping_.load(); }

 private:
  const std::atomic<bool>& stopping_;
};

std::string default_worker_name() {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(::getpid());
}

WorkerPool::WorkerPool(JobStore& store, const Clock& clock, Rng& rng, WorkerOptions options)
    : store_(store), clock_(clock), rng_(rng), options_(std::move(options)) {
  if (options_.name.empty()) options_.name = default_worker_name();
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::handle(const std::string& kind, JobHandler handler) { handlers_[kind] = std::move(handler); }

void WorkerPool::start() {
  stopping_ = false;
  kinds_.clear();
  for (const auto& [kind, handler] : handlers_) kinds_.push_back(kind);
  if (kinds_.empty()) {
    spdlog::info("workers_idle name={} reason=\"no job kinds registered\"", options_.name);
    return;
  }
  for (std::size_t i = 0; i < options_.threads; ++i) threads_.emplace_back([this, i] { work(i); });
  if (options_.threads > 0) lease_keeper_ = std::thread([this] { keep_leases(); });
  spdlog::info("workers_started name={} threads={} kinds={}", options_.name, options_.threads, handlers_.size());
}

void WorkerPool::notify() { wake_.notify_all(); }

void WorkerPool::stop() {
  if (threads_.empty()) return;  // never started, or no kinds to run
  stopping_ = true;
  wake_.notify_all();
  auto deadline = std::chrono::steady_clock::now() + options_.stop_grace;
  // Running jobs get the grace period; whatever is still running then is handed back to the queue.
  while (std::chrono::steady_clock::now() < deadline) {
    {
      MutexLock lock(mu_);
      if (running_.empty()) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  {
    MutexLock lock(mu_);
    for (const auto& [id, worker] : running_) {
      bool released = store_.release(id, worker, clock_.now());
      spdlog::warn("job_released id={} worker={} released={}", id, worker, released);
    }
  }
  for (auto& t : threads_) t.join();
  threads_.clear();
  if (lease_keeper_.joinable()) lease_keeper_.join();
  spdlog::info("workers_stopped name={} jobs_run={}", options_.name, jobs_run_.load());
}

std::chrono::seconds WorkerPool::retry_delay(int attempts) {
  auto delay = options_.retry_base.count() << std::min(attempts - 1, 20);
  delay = std::min<long long>(delay, options_.retry_max.count());
  // Full jitter keeps a burst of failures from retrying in lockstep.
  std::uint8_t r[4];
  rng_.fill(r, sizeof r);
  std::uint32_t x = (std::uint32_t{r[0]} << 24) | (r[1] << 16) | (r[2] << 8) | r[3];
  return std::chrono::seconds(
      std::max<long long>(1, static_cast<long long>(x % (static_cast<std::uint32_t>(delay) + 1))));
}

void WorkerPool::run(const Job& job, const std::string& worker) {
  auto started = std::chrono::steady_clock::now();
  const auto& handler = handlers_.at(job.kind);  // claims are limited to our kinds
  std::string error;
  bool permanent = false, interrupted = false;
  try {
    Context ctx(stopping_);
    handler(job, ctx);
  } catch (const JobInterrupted&) {
    interrupted = true;
  } catch (const PermanentJobError& e) {
    error = e.what();
    permanent = true;
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "unknown error";
  }
  {
    MutexLock lock(mu_);
    running_.erase(job.id);
  }
  auto now = clock_.now();
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  ++jobs_run_;
  if (interrupted) {
    store_.release(job.id, worker, now);
    spdlog::info("job_interrupted id={} kind={} ms={:.1f}", job.id, job.kind, ms);
    return;
  }
  if (error.empty()) {
    if (!store_.complete(job.id, worker, now))
      spdlog::warn("job_lease_lost id={} kind={} worker={}", job.id, job.kind, worker);
    spdlog::info("job_done id={} kind={} attempt={} ms={:.1f}", job.id, job.kind, job.attempts, ms);
    return;
  }
  bool dead = permanent || job.attempts >= job.max_attempts;
  auto retry_at = now + retry_delay(job.attempts);
  store_.fail(job.id, worker, error, dead, retry_at, now);
  spdlog::warn("job_failed id={} kind={} attempt={}/{} dead={} retry_at={} error=\"{}\"", job.id, job.kind,
               job.attempts, job.max_attempts, dead, dead ? "-" : format_rfc3339(retry_at), error);
}

void WorkerPool::work(std::size_t index) {
  std::string worker = options_.name + "/" + std::to_string(index);
  while (!stopping_) {
    std::optional<Job> job;
    try {
      auto now = clock_.now();
      job = store_.claim(worker, kinds_, now, now + options_.lease);
    } catch (const std::exception& e) {
      spdlog::error("job_claim_failed worker={} error=\"{}\"", worker, e.what());
    }
    if (!job) {
      MutexLock lock(mu_);
      wake_.wait_for(lock.native(), options_.poll_interval, [&] { return stopping_.load(); });
      continue;
    }
    {
      MutexLock lock(mu_);
      running_[job->id] = worker;
    }
    try {
      run(*job, worker);
    } catch (const std::exception& e) {  // the database failed while recording the outcome
      spdlog::error("job_outcome_not_recorded id={} error=\"{}\"", job->id, e.what());
      MutexLock lock(mu_);
      running_.erase(job->id);
    }
  }
}

void WorkerPool::keep_leases() {
  auto period = std::max(std::chrono::milliseconds(200),
                         std::chrono::duration_cast<std::chrono::milliseconds>(options_.lease) / 3);
  while (!stopping_) {
    {
      MutexLock lock(mu_);
      wake_.wait_for(lock.native(), period, [&] { return stopping_.load(); });
    }
    std::map<std::string, std::string> running;
    {
      MutexLock lock(mu_);
      running = running_;
    }
    auto until = clock_.now() + options_.lease;
    for (const auto& [id, worker] : running) {
      try {
        store_.extend_lease(id, worker, until);
      } catch (const std::exception& e) {
        spdlog::error("job_lease_extend_failed id={} error=\"{}\"", id, e.what());
      }
    }
  }
}

}  // namespace reach
