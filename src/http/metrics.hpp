// Prometheus metrics for HTTP: a request counter and a latency histogram per method, route pattern
// and status. Route patterns (not raw paths) keep the label set small and bounded.
#pragma once
#include "util/thread_safety.hpp"
#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace reach {

class HttpMetrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

  void observe(const std::string& method, const std::string& route, int status, double seconds);
  // The Prometheus text exposition of everything observed so far.
  std::string render() const;

 private:
  struct Series {
    std::array<unsigned long long, kBuckets.size()> buckets{};
    unsigned long long count = 0;
    double sum = 0;
  };
  mutable Mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, Series> series_ REACH_GUARDED_BY(mu_);
};

}  // namespace reach
