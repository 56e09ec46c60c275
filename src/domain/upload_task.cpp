#include "domain/upload_task.hpp"

namespace reach {

std::string_view upload_status_name(UploadStatus s) {
  switch (s) {
    case UploadStatus::pending:
      return "pending";
    case UploadStatus::processing:
      return "processing";
    case UploadStatus::completed:
      return "completed";
    case UploadStatus::failed:
      return "failed";
  }
  return "pending";  // not reached: the switch names every status
}

std::optional<UploadStatus> upload_status_named(std::string_view name) {
  for (auto s : {UploadStatus::pending, UploadStatus::processing, UploadStatus::completed, UploadStatus::failed})
    if (upload_status_name(s) == name) return s;
  return std::nullopt;
}

}  // namespace reach
