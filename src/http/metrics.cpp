#include "http/metrics.hpp"

#include <fmt/format.h>

namespace reach {

void HttpMetrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  MutexLock lock(mu_);
  auto& s = series_[{method, route, status}];
  ++s.count;
  s.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
}

std::string HttpMetrics::render() const {
  MutexLock lock(mu_);
  std::string out;
  out += "# HELP reach_http_requests_total HTTP requests answered, by method, route and status.\n";
  out += "# TYPE reach_http_requests_total counter\n";
  for (const auto& [key, s] : series_) {
    const auto& [method, route, status] = key;
    out += fmt::format("reach_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", method, route,
                       status, s.count);
  }
  out += "# HELP reach_http_request_duration_seconds Time from request parsed to response produced.\n";
  out += "# TYPE reach_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : series_) {
    const auto& [method, route, status] = key;
    auto labels = fmt::format("method=\"{}\",route=\"{}\",status=\"{}\"", method, route, status);
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format("reach_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, kBuckets[i],
                         s.buckets[i]);
    out += fmt::format("reach_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, s.count);
    out += fmt::format("reach_http_request_duration_seconds_sum{{{}}} {:.6f}\n", labels, s.sum);
    out += fmt::format("reach_http_request_duration_seconds_count{{{}}} {}\n", labels, s.count);
  }
  return out;
}

}  // namespace reach
