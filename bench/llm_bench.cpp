// LLM throughput benchmark: N email generations through the production path (AiProviders → OpenAiLlm →
// ProviderChannel → HttpLoop) against an OpenAI-compatible server, every request started at once and
// the channel's concurrency limit doing the pacing. Prints one line of key=value figures:
// requests, failures, wall seconds, generations per second, CPU milliseconds per request (user+system of
// this process), peak RSS. bench/llm_bench.sh runs it against tests/support/fake_ai.py.
//   reach_llm_bench --base-url http://127.0.0.1:PORT --requests 1000 --concurrency 64
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <string>
#include <vector>

#include "app/ai_providers.hpp"
#include "writing/outreach_writer.hpp"

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return sec(u.ru_utime) + sec(u.ru_stime);
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// Leads differ in name, company, title and industry so every prompt is a different one.
reach::Lead bench_lead(int i) {
  static const char* industries[] = {"Logistics", "Bakery", "Dental care", "Software", "Construction"};
  static const char* titles[] = {"Head of Operations", "Owner", "Practice Manager", "CTO", "Site Lead"};
  reach::Lead lead{.name = "Lead " + std::to_string(i) + " Example"};
  lead.field(reach::LeadField::company) = "Company " + std::to_string(i);
  lead.field(reach::LeadField::industry) = industries[i % 5];
  lead.field(reach::LeadField::job_title) = titles[i % 5];
  lead.field(reach::LeadField::email) = "lead" + std::to_string(i) + "@example.com";
  return lead;
}

}  // namespace

int main(int argc, char** argv) {
  reach::Config config;
  int requests = 1000;
  CLI::App cli{"LLM throughput benchmark"};
  cli.add_option("--base-url", config.openai_base_url, "OpenAI-compatible server")->required();
  cli.add_option("--requests", requests, "Generations to run");
  cli.add_option("--concurrency", config.ai_concurrency, "Requests in flight");
  CLI11_PARSE(cli, argc, argv);
  config.llm = "openai";
  config.openai_api_key = "bench-key";
  reach::validate(config);

  reach::SecureRng rng;
  reach::AiProviders ai(config, rng);
  reach::Company sender{.id = "c", .user_id = "u", .name = "Fleet Labs"};
  reach::Product product{.product_name = "RouteIQ"};
  product.description =
      "RouteIQ plans delivery routes in minutes. Bakeries deliver bread before dawn with RouteIQ. Dental "
      "practices schedule home visits without phone tag. Software teams ship field-service features on our API. "
      "Construction sites get materials on the day they need them.";
  std::vector<reach::LlmRequest> prepared;
  prepared.reserve(static_cast<std::size_t>(requests));
  for (int i = 0; i < requests; ++i) {
    reach::Lead lead = bench_lead(i);
    prepared.push_back(reach::writing_request(ai.prompts(), "email", {sender, product, lead, {}, std::nullopt, ""}));
  }

  std::atomic<int> left{requests}, failures{0};
  std::promise<void> all_done;
  double cpu_before = cpu_seconds();
  auto started = std::chrono::steady_clock::now();
  for (auto& request : prepared)
    ai.writer().start(std::move(request), [&](std::exception_ptr error, reach::LlmAnswer answer) {
      bool written = false;
      try {
        written = !error && !reach::email_from(answer).body.empty();
      } catch (const std::exception&) {
      }
      if (!written) ++failures;
      if (--left == 0) all_done.set_value();
    });
  all_done.get_future().wait();
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  double cpu = cpu_seconds() - cpu_before;
  std::printf("requests=%d failures=%d wall_s=%.3f per_s=%.1f cpu_ms_per_request=%.3f peak_rss_mb=%.1f\n", requests,
              failures.load(), wall, requests / wall, cpu * 1000.0 / requests, peak_rss_kb() / 1024.0);
  return failures == 0 ? 0 : 1;
}
