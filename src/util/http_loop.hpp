// One process-wide libcurl multi event loop on one thread: every outbound HTTP request to an AI provider
// goes through it, however many are in flight (no thread per request). Completion callbacks run on the
// loop thread, so they must be short: decide, schedule, fulfil a promise — never block.
#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace reach {

struct HttpCall {
  std::string method = "POST";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{60000};
};

struct HttpResult {
  long status = 0;  // 0 when no HTTP answer arrived
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased; the last value wins
  std::string transport_error;                 // set when status is 0: refused, reset, timed out, ...
  bool timed_out = false;

  bool answered() const { return status != 0; }
  const std::string* header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? nullptr : &it->second;
  }
};

class HttpLoop {
 public:
  using Done = std::function<void(HttpResult)>;
  using SteadyTime = std::chrono::steady_clock::time_point;

  HttpLoop();
  ~HttpLoop();  // stops: calls still waiting or in flight complete with a transport error
  HttpLoop(const HttpLoop&) = delete;
  HttpLoop& operator=(const HttpLoop&) = delete;

  // Starts `call` no earlier than `not_before`; `done` runs once, on the loop thread.
  void send(HttpCall call, Done done, SteadyTime not_before = {});
  void stop();

  static constexpr std::size_t kMaxBodyBytes = 16 << 20;  // larger answers fail instead of growing memory

 private:
  struct State;
  void run();
  std::unique_ptr<State> s_;
};

}  // namespace reach
