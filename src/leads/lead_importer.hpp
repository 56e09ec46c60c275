// The lead-list import: an upload becomes a task and a `leads.import` job; the job streams the CSV from
// bucket leads-uploads, maps its headers, turns rows into leads (or skipped rows with their reasons)
// and writes them in batches. Each batch's leads, skipped rows and the task's checkpoint are written in
// the same transaction (committed about once a second), so an import killed at any point resumes after
// its last commit and ends with the same leads and counts as an uninterrupted one.
#pragma once
#include <chrono>
#include <functional>
#include <istream>
#include <string>
#include <string_view>

#include "domain/blob_store.hpp"
#include "domain/upload_task.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/lead_columns.hpp"
#include "ingest/phone_numbers.hpp"
#include "jobs/worker_pool.hpp"
#include "store/import_writes.hpp"
#include "store/job_store.hpp"
#include "store/lead_store.hpp"
#include "store/upload_task_store.hpp"

namespace reach {

inline constexpr const char* kLeadImportJob = "leads.import";

struct LeadImporterDeps {
  Database& db;
  UploadTaskStore& tasks;
  LeadStore& leads;
  JobStore& jobs;
  BlobStore& blobs;
  const Clock& clock;
  Rng& rng;
  PhoneNormalizer phones;
  std::size_t batch_rows = 5000;
  // Maps the columns the header rules left unmapped, given the first rows (writing/HeaderAdvisor: the
  // model). Empty: the rules alone.
  std::function<void(const std::string& company_id, const std::vector<std::string>& headers,
                     const std::vector<std::vector<std::string>>& sample_rows, HeaderMapping& mapping)>
      advise_headers;
  // How long the batches' transaction may stay open before it commits (a checkpoint; on SQLite the
  // write lock other writers wait for). Zero: every batch commits.
  std::chrono::milliseconds commit_every{1000};
};

class LeadImporter {
 public:
  explicit LeadImporter(LeadImporterDeps deps) : d_(std::move(deps)) {}

  // Stores the file, records a pending task and enqueues its job; returns the task.
  UploadTask start(const std::string& company_id, const std::string& user_id, const std::string& filename,
                   std::string_view csv);
  // The same from a stream (a local file: `reach import-leads`).
  UploadTask start(const std::string& company_id, const std::string& user_id, const std::string& filename,
                   std::istream& csv);
  // The job: idempotent and resumable. A file that cannot be imported ends the task as failed.
  void run(const std::string& task_id, JobContext& ctx);

  std::optional<UploadTask> task(const std::string& task_id) { return d_.tasks.find(task_id); }
  std::vector<SkippedRow> skipped(const std::string& task_id, long long limit, long long offset) {
    return d_.tasks.skipped(task_id, limit, offset);
  }
  long long count_skipped(const std::string& task_id) { return d_.tasks.count_skipped(task_id); }

 private:
  struct Batch;
  UploadTask record_upload(const std::string& company_id, const std::string& user_id, const std::string& filename,
                           const std::function<void(const std::string&)>& store);
  void flush(ImportWrites& tx, const UploadTask& task, Batch& batch, ImportProgress& progress);
  // The columns' fields: the rules, then the advisor; saved so that a resumed import maps the same way.
  HeaderMapping settle_mapping(const UploadTask& task, const std::vector<std::string>& headers,
                               const std::vector<CsvRecord>& first_rows);
  HeaderMapping saved_mapping(const UploadTask& task, const std::vector<std::string>& headers);
  LeadImporterDeps d_;
};

}  // namespace reach
