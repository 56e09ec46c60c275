// The job queue across processes sharing one database (PostgreSQL, or one SQLite file): 1,000 jobs on
// two worker processes run exactly once, and a worker killed with SIGKILL mid-job has its job
// finished by another process once the lease runs out.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "store/job_store.hpp"
#include "store/migrations.hpp"
#include "support/eventually.hpp"
#include "support/process.hpp"
#include "util/random.hpp"
#include "util/time_format.hpp"

namespace reach::test {
namespace {

class QueueProcesses : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = make_temp_dir("reach-queue");
    const char* pg = std::getenv("REACH_TEST_DATABASE_URL");
    url_ = pg && *pg ? pg : "sqlite://" + dir_ + "/reach.db";
    db_ = std::make_unique<Database>(url_, 2);
    apply_migrations(*db_);
    db_->with_session([](soci::session& s) {
      s << "CREATE TABLE IF NOT EXISTS queue_test_effects (job_id TEXT NOT NULL, worker TEXT NOT NULL)";
      s << "DELETE FROM queue_test_effects";
      s << "DELETE FROM jobs";
    });
    jobs_ = std::make_unique<JobStore>(*db_);
  }
  std::unique_ptr<ChildProcess> start_worker(const std::string& name, int threads, int lease_seconds) {
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{REACH_TEST_WORKER, url_, name, std::to_string(threads), std::to_string(lease_seconds)},
        std::map<std::string, std::string>{}, dir_ + "/" + name + ".log");
  }
  std::string enqueue(const std::string& kind, const std::string& payload = "{}") {
    return jobs_->enqueue(new_uuid(rng_), NewJob{kind, payload, std::nullopt, 5, std::nullopt}, SystemClock().now());
  }
  bool wait_done(long long n, int seconds) {
    return eventually([&] { return jobs_->count_by_status()["done"] >= n; }, std::chrono::seconds(seconds),
                      std::chrono::milliseconds(100));
  }

  std::string dir_, url_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<JobStore> jobs_;
  SecureRng rng_;
};

TEST_F(QueueProcesses, AThousandJobsOnTwoProcessesRunExactlyOnce) {
  for (int i = 0; i < 1000; ++i) enqueue("test.effect");
  auto a = start_worker("worker-a", 2, 30);
  auto b = start_worker("worker-b", 2, 30);
  ASSERT_TRUE(wait_done(1000, 120)) << a->log() << b->log();
  a->signal(SIGTERM);
  b->signal(SIGTERM);
  EXPECT_EQ(a->wait(20000), 0) << a->log();
  EXPECT_EQ(b->wait(20000), 0) << b->log();
  long long effects = 0, distinct = 0, by_a = 0, by_b = 0;
  db_->with_session([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM queue_test_effects", soci::into(effects);
    s << "SELECT COUNT(DISTINCT job_id) FROM queue_test_effects", soci::into(distinct);
    s << "SELECT COUNT(*) FROM queue_test_effects WHERE worker = 'worker-a'", soci::into(by_a);
    s << "SELECT COUNT(*) FROM queue_test_effects WHERE worker = 'worker-b'", soci::into(by_b);
  });
  EXPECT_EQ(effects, 1000) << "a job ran twice or not at all";
  EXPECT_EQ(distinct, 1000);
  EXPECT_GT(by_a, 0) << "both processes took work";
  EXPECT_GT(by_b, 0) << "both processes took work";
  std::printf("[ queue ] worker-a ran %lld jobs, worker-b %lld\n", by_a, by_b);
}

TEST_F(QueueProcesses, AJobOfAKilledWorkerIsFinishedElsewhereAfterItsLease) {
  auto id = enqueue("test.slow_effect", R"({"ms": 4000})");
  auto doomed = start_worker("doomed", 1, 2);
  eventually(
      [&] {
        auto j = jobs_->find(id);
        return j->status == JobStatus::running && j->locked_by && j->locked_by->rfind("doomed", 0) == 0;
      },
      std::chrono::seconds(20));
  ASSERT_EQ(jobs_->find(id)->status, JobStatus::running) << doomed->log();
  doomed->signal(SIGKILL);
  EXPECT_EQ(doomed->wait(5000), 128 + SIGKILL);
  auto started = std::chrono::steady_clock::now();
  auto rescuer = start_worker("rescuer", 1, 2);
  ASSERT_TRUE(wait_done(1, 60)) << rescuer->log();
  auto waited = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count();
  auto job = jobs_->find(id);
  EXPECT_EQ(job->locked_by->rfind("rescuer", 0), 0u) << *job->locked_by;
  EXPECT_EQ(job->attempts, 2);
  long long effects = 0;
  std::string worker;
  db_->with_session([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM queue_test_effects", soci::into(effects);
    s << "SELECT worker FROM queue_test_effects", soci::into(worker);
  });
  EXPECT_EQ(effects, 1);
  EXPECT_EQ(worker, "rescuer");
  EXPECT_LE(waited, 15) << "the lease (2 s) bounds how long a dead worker holds a job";
  rescuer->signal(SIGTERM);
  EXPECT_EQ(rescuer->wait(10000), 0);
}

}  // namespace
}  // namespace reach::test
