// Waiting for what a server does in the background (a job, a mail, an import), in one place: poll a
// condition until it holds or a generous deadline passes. Nothing here asserts how fast it happened.
#pragma once
#include <chrono>
#include <thread>

namespace reach::test {

// True as soon as `done()` is; false when `timeout` passed first.
template <class Done>
bool eventually(Done done, std::chrono::milliseconds timeout = std::chrono::seconds(30),
                std::chrono::milliseconds step = std::chrono::milliseconds(20)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(step);
  }
  return true;
}

}  // namespace reach::test
