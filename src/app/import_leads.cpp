#include "app/import_leads.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/app.hpp"
#include "util/random.hpp"

namespace reach {

int run_import_leads(Config config, const std::string& company_id, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    fmt::print(stderr, "reach: cannot read {}\n", path);
    return 1;
  }
  if (!is_uuid(company_id)) {
    fmt::print(stderr, "reach: --company-id must be a company's UUID\n");
    return 2;
  }
  if (config.workers == 0) config.workers = 1;
  App app(std::move(config));
  auto& s = app.services();
  Company company;
  try {
    company = s.companies.get(company_id);
  } catch (const std::exception&) {
    fmt::print(stderr, "reach: no company {}\n", company_id);
    return 2;
  }
  auto started = std::chrono::steady_clock::now();
  auto task = s.imports.start(company.id, company.user_id, std::filesystem::path(path).filename().string(), file);
  app.start_workers();
  s.workers.notify();
  long long last_report = -1;
  while (true) {
    task = *s.imports.task(task.id);
    if (finished(task.status)) break;
    if (task.rows_processed / 100000 != last_report) {
      last_report = task.rows_processed / 100000;
      fmt::print(stderr, "  {} rows...\n", task.rows_processed);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  app.stop_workers();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("task {} {}: {} rows, {} leads saved ({} created, {} updated), {} skipped in {:.2f} s{}\n", task.id,
             upload_status_name(task.status), task.rows_processed, task.leads_saved, task.leads_created,
             task.leads_updated, task.leads_skipped, seconds,
             task.failure_reason ? " (" + *task.failure_reason + ")" : std::string());
  return task.status == UploadStatus::completed ? 0 : 1;
}

}  // namespace reach
