#include "util/http_loop.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <mutex>
#include <queue>
#include <set>
#include <thread>

namespace reach {
namespace {

struct Transfer {
  HttpCall call;
  HttpLoop::Done done;
  HttpResult result;
  curl_slist* header_list = nullptr;
  bool too_large = false;
};

struct Waiting {
  HttpLoop::SteadyTime not_before;
  std::uint64_t order;  // keeps equal start times in submission order
  std::unique_ptr<Transfer> transfer;
  bool operator>(const Waiting& o) const {
    return not_before != o.not_before ? not_before > o.not_before : order > o.order;
  }
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t bytes = size * n;
  if (t->result.body.size() + bytes > HttpLoop::kMaxBodyBytes) {
    t->too_large = true;
    return 0;  // aborts the transfer
  }
  t->result.body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {
    t->result.headers.clear();  // a new response (after 100 Continue or a redirect) starts over
    return size * n;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
    value.remove_suffix(1);
  t->result.headers[name] = std::string(value);
  return size * n;
}

}  // namespace

struct HttpLoop::State {
  CURLM* multi = nullptr;
  std::mutex mu;
  std::vector<Waiting> submitted;  // guarded by mu; moved into `timers` by the loop thread
  bool stopping = false;
  std::uint64_t next_order = 0;
  // Loop thread only:
  std::priority_queue<Waiting, std::vector<Waiting>, std::greater<>> timers;
  std::set<CURL*> in_flight;
  std::thread thread;
};

HttpLoop::HttpLoop() : s_(std::make_unique<State>()) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  s_->multi = curl_multi_init();
  curl_multi_setopt(s_->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 0L);
  curl_multi_setopt(s_->multi, CURLMOPT_MAXCONNECTS, 256L);  // keep-alive connections for reuse
  s_->thread = std::thread([this] { run(); });
}

HttpLoop::~HttpLoop() {
  stop();
  curl_multi_cleanup(s_->multi);
}

void HttpLoop::send(HttpCall call, Done done, SteadyTime not_before) {
  auto t = std::make_unique<Transfer>();
  t->call = std::move(call);
  t->done = std::move(done);
  {
    std::lock_guard lock(s_->mu);
    if (!s_->stopping) {
      s_->submitted.push_back(Waiting{not_before, s_->next_order++, std::move(t)});
      curl_multi_wakeup(s_->multi);
      return;
    }
  }
  t->result.transport_error = "the HTTP client is shutting down";
  t->done(std::move(t->result));
}

void HttpLoop::stop() {
  {
    std::lock_guard lock(s_->mu);
    if (s_->stopping) return;
    s_->stopping = true;
  }
  curl_multi_wakeup(s_->multi);
  if (s_->thread.joinable()) s_->thread.join();
}

void HttpLoop::run() {
  auto start = [this](std::unique_ptr<Transfer> t) {
    CURL* easy = curl_easy_init();
    const HttpCall& c = t->call;
    curl_easy_setopt(easy, CURLOPT_URL, c.url.c_str());
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, c.method.c_str());
    if (c.method != "GET") {
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, c.body.data());
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(c.body.size()));
    }
    for (const auto& h : c.headers) t->header_list = curl_slist_append(t->header_list, h.c_str());
    t->header_list = curl_slist_append(t->header_list, "Expect:");  // no 100-continue round trip
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->header_list);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(c.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(c.total_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, t.get());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, t.get());
    curl_multi_add_handle(s_->multi, easy);
    s_->in_flight.insert(easy);
    [[maybe_unused]] auto* owned = t.release();  // the easy handle's PRIVATE pointer owns it until it completes
  };
  auto finish = [this](CURL* easy, CURLcode code) {
    Transfer* raw = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &raw);
    std::unique_ptr<Transfer> t(raw);
    curl_multi_remove_handle(s_->multi, easy);
    s_->in_flight.erase(easy);
    if (code == CURLE_OK) {
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &t->result.status);
    } else {
      t->result.status = 0;
      t->result.timed_out = code == CURLE_OPERATION_TIMEDOUT;
      t->result.transport_error = t->too_large ? "answer larger than 16 MiB" : curl_easy_strerror(code);
    }
    curl_easy_cleanup(easy);
    curl_slist_free_all(t->header_list);
    try {
      t->done(std::move(t->result));
    } catch (const std::exception& e) {
      spdlog::error("http_loop_callback_failed error=\"{}\"", e.what());
    }
  };

  bool stopping = false;
  while (!stopping) {
    {
      std::lock_guard lock(s_->mu);
      stopping = s_->stopping;
      for (auto& w : s_->submitted) s_->timers.push(std::move(w));
      s_->submitted.clear();
    }
    auto now = std::chrono::steady_clock::now();
    while (!s_->timers.empty() && s_->timers.top().not_before <= now) {
      auto t = std::move(const_cast<Waiting&>(s_->timers.top()).transfer);
      s_->timers.pop();
      start(std::move(t));
    }
    int running = 0;
    curl_multi_perform(s_->multi, &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(s_->multi, &left))
      if (msg->msg == CURLMSG_DONE) finish(msg->easy_handle, msg->data.result);
    if (stopping) break;
    int wait_ms = 1000;
    if (!s_->timers.empty()) {
      auto until = std::chrono::duration_cast<std::chrono::milliseconds>(s_->timers.top().not_before - now).count();
      wait_ms = static_cast<int>(std::clamp<long long>(until, 0, 1000));
    }
    curl_multi_poll(s_->multi, nullptr, 0, wait_ms, nullptr);
  }

  // Shutting down: whatever is in flight or waiting completes with an error.
  std::vector<CURL*> easies(s_->in_flight.begin(), s_->in_flight.end());
  for (CURL* e : easies) finish(e, CURLE_ABORTED_BY_CALLBACK);
  while (!s_->timers.empty()) {
    auto t = std::move(const_cast<Waiting&>(s_->timers.top()).transfer);
    s_->timers.pop();
    t->result.transport_error = "the HTTP client is shutting down";
    t->done(std::move(t->result));
  }
}

}  // namespace reach
