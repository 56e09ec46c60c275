// A lead list upload and its background import: pending → processing → completed | failed.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "util/clock.hpp"

namespace reach {

enum class UploadStatus { pending, processing, completed, failed };
// The contract's names: "pending", "processing", "completed", "failed".
std::string_view upload_status_name(UploadStatus s);
std::optional<UploadStatus> upload_status_named(std::string_view name);
inline bool finished(UploadStatus s) { return s == UploadStatus::completed || s == UploadStatus::failed; }

struct UploadTask {
  std::string id;
  std::string company_id;
  std::string user_id;
  std::string file_name;
  std::string blob_key;  // in bucket leads-uploads
  UploadStatus status = UploadStatus::pending;
  long long rows_processed = 0;  // data rows done (the checkpoint)
  long long leads_saved = 0;     // created + updated
  long long leads_created = 0;
  long long leads_updated = 0;
  long long leads_skipped = 0;
  std::optional<std::string> unmapped_headers;  // JSON array text
  std::optional<std::string> column_fields;     // JSON array: the lead field of each column, or null
  std::optional<std::string> failure_reason;
  TimePoint created_at, updated_at;
};

struct SkippedRow {
  long long row_number = 0;  // as a spreadsheet numbers it: the header is row 1
  std::string reason;
  std::string raw_data;  // JSON object of header → value, or the raw fields
};

}  // namespace reach
