#include "providers/provider_channel.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>

namespace reach {

struct ProviderChannel::Pending {
  HttpCall call;
  Done done;
  int attempts = 0;
};

Retry retry_decision(const HttpResult& r) {
  if (!r.answered()) return Retry::yes;  // refused, reset, timed out
  if (r.status == 429) return r.body.find("insufficient_quota") == std::string::npos ? Retry::yes : Retry::no;
  if (r.status == 408 || r.status == 409 || r.status >= 500) return Retry::yes;
  return Retry::no;
}

std::optional<std::chrono::milliseconds> retry_after(const HttpResult& r) {
  if (const auto* ms = r.header("retry-after-ms")) {
    try {
      return std::chrono::milliseconds(static_cast<long long>(std::stod(*ms)));
    } catch (const std::exception&) {
    }
  }
  const auto* v = r.header("retry-after");
  if (!v || v->empty()) return std::nullopt;
  if (std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; }) && v->size() < 9)
    return std::chrono::seconds(std::stol(*v));
  std::tm tm{};  // an HTTP date: "Wed, 21 Oct 2026 07:28:00 GMT"
  if (strptime(v->c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm)) {
    auto at = std::chrono::system_clock::from_time_t(timegm(&tm));
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(at - std::chrono::system_clock::now());
    return std::max(wait, std::chrono::milliseconds(0));
  }
  return std::nullopt;
}

ProviderChannel::ProviderChannel(HttpLoop& loop, std::string provider, ChannelPolicy policy, Rng& rng)
    : loop_(loop), provider_(std::move(provider)), policy_(policy), rng_(rng) {
  policy_.max_concurrency = std::max<std::size_t>(1, policy_.max_concurrency);
  tokens_ = burst();
  refilled_at_ = std::chrono::steady_clock::now();
}

void ProviderChannel::send(HttpCall call, Done done) {
  call.connect_timeout = policy_.connect_timeout;
  call.total_timeout = policy_.request_timeout;
  auto p = std::make_shared<Pending>(Pending{std::move(call), std::move(done)});
  std::unique_lock lock(mu_);
  waiting_.push_back(std::move(p));
  start_waiting(lock);
}

void ProviderChannel::start_waiting(std::unique_lock<std::mutex>& lock) {
  std::vector<std::pair<std::shared_ptr<Pending>, HttpLoop::SteadyTime>> ready;
  while (active_ < policy_.max_concurrency && !waiting_.empty()) {
    ++active_;
    ready.emplace_back(std::move(waiting_.front()), take_token());
    waiting_.pop_front();
  }
  lock.unlock();  // a send during shutdown completes at once and re-enters on_result
  for (auto& [p, at] : ready) attempt(std::move(p), at);
}

// The bucket holds one second's worth of requests (at least one): the limit is spread evenly over the
// minute instead of allowing a minute's worth at once, which providers' own limiters would refuse.
double ProviderChannel::burst() const { return std::max(1.0, static_cast<double>(policy_.requests_per_minute) / 60.0); }

HttpLoop::SteadyTime ProviderChannel::take_token() {
  auto now = std::chrono::steady_clock::now();
  if (policy_.requests_per_minute == 0) return now;
  double per_second = static_cast<double>(policy_.requests_per_minute) / 60.0;
  double elapsed = std::chrono::duration<double>(now - refilled_at_).count();
  tokens_ = std::min(burst(), tokens_ + elapsed * per_second);
  refilled_at_ = now;
  tokens_ -= 1;  // may go below zero: later requests queue up behind this one's start time
  if (tokens_ >= 0) return now;
  return now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                   std::chrono::duration<double>(-tokens_ / per_second));
}

void ProviderChannel::attempt(std::shared_ptr<Pending> p, HttpLoop::SteadyTime not_before) {
  ++p->attempts;
  HttpCall call = p->call;  // kept in Pending for a retry
  loop_.send(
      std::move(call), [this, p = std::move(p)](HttpResult r) { on_result(p, std::move(r)); }, not_before);
}

std::chrono::milliseconds ProviderChannel::backoff(int retry) {
  auto ceiling = std::min<long long>(policy_.backoff_cap.count(), policy_.backoff_base.count() << std::min(retry, 20));
  std::uint64_t x = 0;
  rng_.fill(reinterpret_cast<std::uint8_t*>(&x), sizeof x);
  return std::chrono::milliseconds(ceiling > 0 ? static_cast<long long>(x % static_cast<std::uint64_t>(ceiling + 1))
                                               : 0);
}

void ProviderChannel::on_result(std::shared_ptr<Pending> p, HttpResult r) {
  bool retry = retry_decision(r) == Retry::yes && p->attempts <= policy_.max_retries;
  std::chrono::milliseconds delay{0};
  if (retry) {
    auto asked = retry_after(r);
    if (asked && *asked > policy_.longest_retry_after) retry = false;
    delay = asked ? *asked : backoff(p->attempts - 1);
  }
  if (retry) {
    spdlog::warn("provider_retry provider={} status={} error=\"{}\" attempt={} delay_ms={}", provider_, r.status,
                 r.transport_error, p->attempts, delay.count());
    HttpLoop::SteadyTime at;
    {
      std::lock_guard lock(mu_);
      at = std::max(take_token(), std::chrono::steady_clock::now() + delay);
    }
    attempt(std::move(p), at);  // keeps its concurrency slot while it waits
    return;
  }
  p->done(std::move(r), p->attempts);
  std::unique_lock lock(mu_);
  --active_;
  start_waiting(lock);
}

}  // namespace reach
