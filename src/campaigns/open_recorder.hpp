// Opens of the tracking pixel, recorded without making the pixel wait: each open is tallied in memory
// and a background thread adds the tallies to the database about once a second, in one transaction.
// stop() (a graceful shutdown) writes what is left, so no open is lost then. At most kMaxPending
// different emails are tallied between two flushes; opens beyond that are counted as dropped (a flood
// of made-up ids must not grow memory without bound).
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "store/email_log_store.hpp"
#include "util/clock.hpp"
#include "util/thread_safety.hpp"

namespace reach {

// Image proxies and mail scanners that fetch images without a person opening the mail.
bool is_image_proxy(const std::string& user_agent);

class OpenRecorder {
 public:
  static constexpr std::size_t kMaxPending = 100000;

  OpenRecorder(EmailLogStore& logs, const Clock& clock, std::chrono::milliseconds flush_every = std::chrono::seconds(1),
               std::chrono::seconds machine_window = std::chrono::seconds(10));
  ~OpenRecorder();

  void start();
  void stop();  // flushes every tally
  // Never waits for the database.
  void record(const std::string& email_log_id, const std::string& user_agent);
  void flush();
  long long recorded() const { return recorded_.load(); }
  long long dropped() const { return dropped_.load(); }

 private:
  void loop();

  EmailLogStore& logs_;
  const Clock& clock_;
  std::chrono::milliseconds flush_every_;
  std::chrono::seconds machine_window_;
  Mutex mu_;
  std::condition_variable wake_;
  std::map<std::string, OpenTally> pending_ REACH_GUARDED_BY(mu_);
  std::mutex flush_mu_;  // one flush at a time (guards no data: the store writes are its critical section)
  bool stopping_ REACH_GUARDED_BY(mu_) = false;
  std::thread thread_;
  std::atomic<long long> recorded_{0}, dropped_{0};
};

}  // namespace reach
