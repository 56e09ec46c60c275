#include "support/fake_ai.hpp"

namespace reach::test {

FakeAi::FakeAi(std::string key) : port_(free_port()), key_(std::move(key)) {
  std::string log = make_temp_dir("reach-fake-ai") + "/fake_ai.log";
  // Plain /usr/bin/python3: the fake uses the standard library only.
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{"/usr/bin/python3", std::string(REACH_SOURCE_DIR) + "/tests/support/fake_ai.py",
                               "--port", std::to_string(port_), "--key", key_},
      std::map<std::string, std::string>{}, log);
  wait_until_listening(port_, *process_, "fake_ai.py");
  http_ = std::make_unique<HttpClient>(base_url());
}

void FakeAi::script(const nlohmann::json& steps) { http_->post_json("/_fake/script", steps); }

void FakeAi::latency_ms(int ms) { http_->post_json("/_fake/config", {{"latency_ms", ms}}); }

nlohmann::json FakeAi::requests() { return http_->get("/_fake/requests").json(); }

void FakeAi::reset() { http_->post_json("/_fake/reset", nlohmann::json::object()); }

}  // namespace reach::test
