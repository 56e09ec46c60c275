// Upload tasks and their skipped rows. The import records a batch's progress in the transaction that
// writes the batch's leads (ImportWrites), so the checkpoint and the leads never disagree.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/upload_task.hpp"
#include "store/database.hpp"
#include "util/clock.hpp"

namespace reach {

struct ImportProgress {
  long long rows_processed = 0, leads_created = 0, leads_updated = 0, leads_skipped = 0;
  long long leads_saved() const { return leads_created + leads_updated; }
};

class UploadTaskStore {
 public:
  explicit UploadTaskStore(Database& db) : db_(db) {}

  void insert(const UploadTask& task);
  std::optional<UploadTask> find(const std::string& task_id);
  void set_status(const std::string& task_id, UploadStatus status, const std::optional<std::string>& reason,
                  TimePoint now);
  // The column mapping an import settled on (JSON arrays), before its first row.
  void save_mapping(const std::string& task_id, const std::string& column_fields, const std::string& unmapped_headers,
                    TimePoint now);
  // Inside the batch's transaction.
  void save_progress(soci::session& s, const std::string& task_id, const ImportProgress& p, TimePoint now);
  void add_skipped(soci::session& s, const std::string& task_id, const SkippedRow& row);
  std::vector<SkippedRow> skipped(const std::string& task_id, long long limit, long long offset);
  long long count_skipped(const std::string& task_id);
  // True while an upload of the company is pending or processing.
  bool has_unfinished(const std::string& company_id);

 private:
  Database& db_;
};

}  // namespace reach
