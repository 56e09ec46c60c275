// reach_test_worker DB_URL NAME THREADS LEASE_SECONDS: a WorkerPool in its own process, as `reach worker`
// runs one, with job kinds for queue tests. Runs until SIGTERM.
//   test.effect       records (job_id, worker) in queue_test_effects
//   test.slow_effect  sleeps for the payload's "ms", then records
#include <nlohmann/json.hpp>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "app/app.hpp"
#include "jobs/worker_pool.hpp"
#include "store/job_store.hpp"
#include "store/migrations.hpp"

int main(int argc, char** argv) {
  if (argc != 5) return 2;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  spdlog::set_level(spdlog::level::warn);
  std::string name = argv[2];
  reach::Database db(argv[1], static_cast<std::size_t>(std::stoi(argv[3])) + 2);
  reach::apply_migrations(db);
  reach::JobStore store(db);
  reach::SystemClock clock;
  reach::SecureRng rng;
  reach::WorkerPool pool(store, clock, rng,
                         reach::WorkerOptions{.threads = static_cast<std::size_t>(std::stoi(argv[3])),
                                              .lease = std::chrono::seconds(std::stoi(argv[4])),
                                              .poll_interval = std::chrono::milliseconds(50),
                                              .name = name});
  auto record = [&db](const reach::Job& job, const std::string& worker) {
    db.with_session([&](soci::session& s) {
      s << "INSERT INTO queue_test_effects (job_id, worker) VALUES (:j, :w)", soci::use(job.id), soci::use(worker);
    });
  };
  pool.handle("test.effect", [&](const reach::Job& job, reach::JobContext&) { record(job, name); });
  pool.handle("test.slow_effect", [&](const reach::Job& job, reach::JobContext&) {
    auto ms = nlohmann::json::parse(job.payload).value("ms", 1000);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    record(job, name);
  });
  pool.start();
  reach::wait_for_shutdown_signal();
  pool.stop();
  return 0;
}
