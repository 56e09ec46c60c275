// The threads HTTP handlers run on, apart from the transport's polling threads: a connection's requests
// are polled by one thread, so a slow handler there (a model answering a preview for seconds) would
// stall every connection that thread polls. Here it only takes one of the pool's threads.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace reach {

class HandlerPool {
 public:
  explicit HandlerPool(std::size_t threads);
  ~HandlerPool() { stop(); }
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;
  // Once stopping, a task runs at once on the caller's thread: nothing may be left waiting.
  void submit(std::function<void()> task);
  // Runs what was submitted, then ends the threads.
  void stop();

 private:
  void run();
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace reach
