// The job queue on a real database (SQLite file, or PostgreSQL with REACH_TEST_DATABASE_URL): claims,
// leases, retries, dead jobs, and 1,000 jobs through 4 worker threads each run exactly once.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include <spdlog/spdlog.h>

#include "jobs/worker_pool.hpp"
#include "store/job_store.hpp"
#include "support/time_literal.hpp"
#include "store/test_database.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

class JobQueueTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    spdlog::set_level(spdlog::level::warn);  // one line per job is for operators, not test logs
    test_db_ = new TestDatabase("jobs", 8);
    db_ = &test_db_->db();
  }
  static void TearDownTestSuite() { delete test_db_; }
  void SetUp() override {
    // Each test starts from an empty queue (the database may be shared with other suites).
    db_->with_session([](soci::session& s) { s << "DELETE FROM jobs"; });
  }
  std::string enqueue(const std::string& kind, TimePoint at = time_at("2026-11-24T10:00:00Z"), int max_attempts = 5,
                      std::optional<std::string> key = std::nullopt) {
    NewJob j{kind, "{}", std::move(key), max_attempts, at};
    return jobs_.enqueue(new_uuid(rng_), j, time_at("2026-11-24T10:00:00Z"));
  }

  static TestDatabase* test_db_;
  static Database* db_;
  SecureRng rng_;
  JobStore jobs_{*db_};
};
TestDatabase* JobQueueTest::test_db_ = nullptr;
Database* JobQueueTest::db_ = nullptr;

TEST_F(JobQueueTest, EnqueueIsIdempotentByKey) {
  auto a = enqueue("import", time_at("2026-11-24T10:00:00Z"), 5, "upload:1");
  auto b = enqueue("import", time_at("2026-11-24T10:00:00Z"), 5, "upload:1");
  EXPECT_EQ(a, b);
  EXPECT_NE(enqueue("import", time_at("2026-11-24T10:00:00Z"), 5, "upload:2"), a);
  EXPECT_EQ(jobs_.count_by_status()["queued"], 2);
}

TEST_F(JobQueueTest, ClaimsReadyJobsOldestFirstAndNeverTwice) {
  auto later = enqueue("k", time_at("2026-11-24T12:00:00Z"));
  auto first = enqueue("k", time_at("2026-11-24T09:00:00Z"));
  auto second = enqueue("k", time_at("2026-11-24T09:30:00Z"));
  auto now = time_at("2026-11-24T10:00:00Z"), lease = time_at("2026-11-24T10:01:00Z");
  auto a = jobs_.claim("w1", {"k"}, now, lease);
  auto b = jobs_.claim("w2", {"k"}, now, lease);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->id, first);
  EXPECT_EQ(b->id, second);
  EXPECT_EQ(a->attempts, 1);
  EXPECT_FALSE(jobs_.claim("w3", {"k"}, now, lease)) << "the future job is not ready and the others are leased";
  EXPECT_TRUE(jobs_.claim("w3", {"k"}, time_at("2026-11-24T12:00:00Z"), time_at("2026-11-24T12:01:00Z"))) << later;
}

TEST_F(JobQueueTest, AnExpiredLeaseIsRetakenAndTheOldHolderCannotFinish) {
  auto id = enqueue("k");
  auto a = jobs_.claim("dead-worker", {"k"}, time_at("2026-11-24T10:00:00Z"), time_at("2026-11-24T10:01:00Z"));
  ASSERT_TRUE(a);
  EXPECT_FALSE(jobs_.claim("w2", {"k"}, time_at("2026-11-24T10:00:30Z"), time_at("2026-11-24T10:01:30Z")))
      << "lease still valid";
  EXPECT_TRUE(jobs_.extend_lease(id, "dead-worker", time_at("2026-11-24T10:02:00Z")));
  EXPECT_FALSE(jobs_.claim("w2", {"k"}, time_at("2026-11-24T10:01:30Z"), time_at("2026-11-24T10:02:30Z")))
      << "lease was extended";
  auto b = jobs_.claim("w2", {"k"}, time_at("2026-11-24T10:02:01Z"), time_at("2026-11-24T10:03:00Z"));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->id, id);
  EXPECT_EQ(b->attempts, 2);
  EXPECT_FALSE(jobs_.complete(id, "dead-worker", time_at("2026-11-24T10:02:02Z"))) << "lost its lease";
  EXPECT_TRUE(jobs_.complete(id, "w2", time_at("2026-11-24T10:02:03Z")));
  auto done = jobs_.find(id);
  EXPECT_EQ(done->status, JobStatus::done);
  EXPECT_EQ(done->locked_by, "w2") << "who finished it stays visible";
}

TEST_F(JobQueueTest, FailuresRetryLaterThenTheJobIsDead) {
  auto id = enqueue("k", time_at("2026-11-24T10:00:00Z"), 2);
  ASSERT_TRUE(jobs_.claim("w", {"k"}, time_at("2026-11-24T10:00:00Z"), time_at("2026-11-24T10:01:00Z")));
  EXPECT_TRUE(jobs_.fail(id, "w", "timeout talking to SMTP", false, time_at("2026-11-24T10:05:00Z"),
                         time_at("2026-11-24T10:00:10Z")));
  EXPECT_FALSE(jobs_.claim("w", {"k"}, time_at("2026-11-24T10:04:59Z"), time_at("2026-11-24T10:06:00Z")))
      << "backing off";
  auto again = jobs_.claim("w", {"k"}, time_at("2026-11-24T10:05:00Z"), time_at("2026-11-24T10:06:00Z"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->attempts, 2);
  EXPECT_TRUE(
      jobs_.fail(id, "w", "still failing", true, time_at("2026-11-24T10:10:00Z"), time_at("2026-11-24T10:05:10Z")));
  auto dead = jobs_.find(id);
  EXPECT_EQ(dead->status, JobStatus::dead);
  EXPECT_EQ(dead->last_error, "still failing");
  EXPECT_FALSE(jobs_.claim("w", {"k"}, time_at("2030-01-01T00:00:00Z"), time_at("2030-01-01T00:01:00Z")))
      << "dead jobs stay dead";
}

TEST_F(JobQueueTest, AReleasedJobIsReadyAgainWithoutUsingAnAttempt) {
  auto id = enqueue("k");
  ASSERT_TRUE(jobs_.claim("w", {"k"}, time_at("2026-11-24T10:00:00Z"), time_at("2026-11-24T10:01:00Z")));
  EXPECT_TRUE(jobs_.release(id, "w", time_at("2026-11-24T10:00:05Z")));
  auto j = jobs_.claim("w2", {"k"}, time_at("2026-11-24T10:00:05Z"), time_at("2026-11-24T10:01:05Z"));
  ASSERT_TRUE(j);
  EXPECT_EQ(j->attempts, 1);
}

TEST_F(JobQueueTest, AThousandJobsOnFourWorkersRunExactlyOnce) {
  SystemClock clock;
  std::vector<std::string> ids;
  for (int i = 0; i < 1000; ++i)
    ids.push_back(jobs_.enqueue(new_uuid(rng_), NewJob{"count", "{}", std::nullopt, 3, std::nullopt}, clock.now()));
  std::mutex mu;
  std::map<std::string, int> runs;
  WorkerPool pool(jobs_, clock, rng_, WorkerOptions{.threads = 4, .poll_interval = std::chrono::milliseconds(20)});
  pool.handle("count", [&](const Job& job, JobContext&) {
    std::lock_guard lock(mu);
    ++runs[job.id];
  });
  pool.start();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (jobs_.count_by_status()["done"] < 1000 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  pool.stop();
  EXPECT_EQ(runs.size(), 1000u);
  for (const auto& id : ids) EXPECT_EQ(runs[id], 1) << id;
  auto counts = jobs_.count_by_status();
  EXPECT_EQ(counts["done"], 1000);
  EXPECT_EQ(counts["queued"] + counts["running"] + counts["dead"], 0);
}

TEST_F(JobQueueTest, WorkersClaimOnlyKindsTheyHandle) {
  auto mail = enqueue("mail.send");
  enqueue("import.leads");
  auto j = jobs_.claim("w", {"mail.send"}, time_at("2026-11-24T10:00:00Z"), time_at("2026-11-24T10:01:00Z"));
  ASSERT_TRUE(j);
  EXPECT_EQ(j->id, mail);
  EXPECT_FALSE(jobs_.claim("w", {"mail.send"}, time_at("2026-11-24T10:00:00Z"), time_at("2026-11-24T10:01:00Z")));
  EXPECT_FALSE(jobs_.claim("w", {}, time_at("2026-11-24T10:00:00Z"), time_at("2026-11-24T10:01:00Z")));
  EXPECT_THROW(jobs_.claim("w", {"x') OR ('1'='1"}, time_at("2026-11-24T10:00:00Z"), time_at("2026-11-24T10:01:00Z")),
               std::invalid_argument);
}

TEST_F(JobQueueTest, HandlerFailuresRetryAndPermanentOnesDieAtOnce) {
  SystemClock clock;
  auto flaky = jobs_.enqueue(new_uuid(rng_), NewJob{"flaky", "{}", std::nullopt, 5, std::nullopt}, clock.now());
  auto broken = jobs_.enqueue(new_uuid(rng_), NewJob{"broken", "{}", std::nullopt, 5, std::nullopt}, clock.now());
  auto unknown =
      jobs_.enqueue(new_uuid(rng_), NewJob{"no-such-kind", "{}", std::nullopt, 5, std::nullopt}, clock.now());
  std::atomic<int> flaky_calls{0};
  WorkerPool pool(
      jobs_, clock, rng_,
      WorkerOptions{
          .threads = 2, .poll_interval = std::chrono::milliseconds(20), .retry_base = std::chrono::seconds(0)});
  pool.handle("flaky", [&](const Job&, JobContext&) {
    if (++flaky_calls < 3) throw std::runtime_error("temporary");
  });
  pool.handle("broken", [](const Job&, JobContext&) { throw PermanentJobError("the CSV is not a CSV"); });
  pool.start();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    auto c = jobs_.count_by_status();
    if (c["done"] == 1 && c["dead"] == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  pool.stop();
  EXPECT_EQ(jobs_.find(flaky)->status, JobStatus::done);
  EXPECT_EQ(flaky_calls.load(), 3);
  auto b = jobs_.find(broken);
  EXPECT_EQ(b->status, JobStatus::dead);
  EXPECT_EQ(b->attempts, 1) << "a permanent error is not retried";
  EXPECT_EQ(b->last_error, "the CSV is not a CSV");
  EXPECT_EQ(jobs_.find(unknown)->status, JobStatus::queued) << "left for a worker that knows the kind";
}

}  // namespace
}  // namespace reach
