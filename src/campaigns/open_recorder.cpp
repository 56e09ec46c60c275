#include "campaigns/open_recorder.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <vector>

namespace reach {

bool is_image_proxy(const std::string& user_agent) {
  static constexpr std::array<const char*, 6> kProxies = {"GoogleImageProxy", "YahooMailProxy", "Mimecast",
                                                          "Barracuda",        "Proofpoint",     "ggpht.com"};
  for (const char* p : kProxies)
    if (user_agent.find(p) != std::string::npos) return true;
  return false;
}

OpenRecorder::OpenRecorder(EmailLogStore& logs, const Clock& clock, std::chrono::milliseconds flush_every,
                           std::chrono::seconds machine_window)
    : logs_(logs), clock_(clock), flush_every_(flush_every), machine_window_(machine_window) {}

OpenRecorder::~OpenRecorder() { stop(); }

void OpenRecorder::start() {
  MutexLock lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void OpenRecorder::stop() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  flush();
}

void OpenRecorder::record(const std::string& email_log_id, const std::string& user_agent) {
  auto now = clock_.now();
  bool proxy = is_image_proxy(user_agent);
  MutexLock lock(mu_);
  auto it = pending_.find(email_log_id);
  if (it == pending_.end()) {
    if (pending_.size() >= kMaxPending) {
      ++dropped_;
      return;
    }
    it = pending_.emplace(email_log_id, OpenTally{email_log_id, 0, 0, now, now}).first;
  }
  ++it->second.opens;
  if (proxy) ++it->second.proxy_opens;
  it->second.last = now;
}

void OpenRecorder::flush() {
  std::lock_guard flushing(flush_mu_);
  std::map<std::string, OpenTally> batch;
  {
    MutexLock lock(mu_);
    batch.swap(pending_);
  }
  if (batch.empty()) return;
  std::vector<OpenTally> tallies;
  tallies.reserve(batch.size());
  for (auto& [id, t] : batch) tallies.push_back(std::move(t));
  try {
    recorded_ += logs_.add_opens(tallies, machine_window_);
  } catch (const std::exception& e) {
    // Put them back: the next flush tries again.
    MutexLock lock(mu_);
    for (auto& t : tallies) {
      auto& p = pending_[t.email_log_id];
      if (p.email_log_id.empty()) {
        p = t;
      } else {
        p.opens += t.opens;
        p.proxy_opens += t.proxy_opens;
        p.first = std::min(p.first, t.first);
      }
    }
    spdlog::error("open_flush_failed tallies={} error=\"{}\"", tallies.size(), e.what());
  }
}

void OpenRecorder::loop() {
  for (;;) {
    {
      MutexLock lock(mu_);
      wake_.wait_for(lock.native(), flush_every_, [this]() REACH_REQUIRES(mu_) { return stopping_; });
      if (stopping_) return;
    }
    flush();
  }
}

}  // namespace reach
