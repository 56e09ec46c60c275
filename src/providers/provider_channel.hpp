// Resilience for every HTTP provider, in one place: a per-provider concurrency limit and
// requests-per-minute token bucket, and retries of 408/409/429/5xx and connection errors with
// exponential backoff and full jitter that honour Retry-After. 400/401/403/404 and
// `insufficient_quota` are never retried. All waiting happens on the HttpLoop's timers, not in threads.
#pragma once
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "util/http_loop.hpp"
#include "util/random.hpp"

namespace reach {

struct ChannelPolicy {
  std::size_t max_concurrency = 16;             // requests in flight (or backing off) at once
  std::size_t requests_per_minute = 0;          // 0: no limit
  int max_retries = 2;                          // after the first attempt
  std::chrono::milliseconds backoff_base{500};  // retry n waits random(0, min(cap, base * 2^n))
  std::chrono::milliseconds backoff_cap{20000};
  std::chrono::milliseconds longest_retry_after{60000};  // a longer Retry-After fails instead of waiting
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds request_timeout{60000};  // per attempt
};

// What a provider's answer means for retrying.
enum class Retry { no, yes };
Retry retry_decision(const HttpResult& result);
// Delay asked for by Retry-After (seconds or HTTP date) or retry-after-ms, if any.
std::optional<std::chrono::milliseconds> retry_after(const HttpResult& result);

class ProviderChannel {
 public:
  // The final answer (success or the last failure) and how many attempts it took.
  using Done = std::function<void(HttpResult, int attempts)>;

  ProviderChannel(HttpLoop& loop, std::string provider, ChannelPolicy policy, Rng& rng);
  ProviderChannel(const ProviderChannel&) = delete;

  void send(HttpCall call, Done done);
  const std::string& provider() const { return provider_; }
  const ChannelPolicy& policy() const { return policy_; }

 private:
  struct Pending;
  void start_waiting(std::unique_lock<std::mutex>& lock);  // takes mu_ held, returns it released
  void attempt(std::shared_ptr<Pending> p, HttpLoop::SteadyTime not_before);
  void on_result(std::shared_ptr<Pending> p, HttpResult result);
  HttpLoop::SteadyTime take_token();  // with mu_ held: when the next request may start
  std::chrono::milliseconds backoff(int retry);
  double burst() const;

  HttpLoop& loop_;
  std::string provider_;
  ChannelPolicy policy_;
  Rng& rng_;
  std::mutex mu_;
  std::size_t active_ = 0;
  std::deque<std::shared_ptr<Pending>> waiting_;
  double tokens_ = 0;
  HttpLoop::SteadyTime refilled_at_{};
};

}  // namespace reach
