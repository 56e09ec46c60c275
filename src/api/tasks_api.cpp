#include "api/tasks_api.hpp"

#include "api/caller.hpp"
#include "api/pagination.hpp"
#include "domain/api_error.hpp"
#include "http/multipart.hpp"
#include "ingest/document_text.hpp"
#include "util/time_format.hpp"

namespace reach::tasks_api {
namespace {

// The task, when the caller belongs to its company (404 otherwise, as for every other tenant's object).
UploadTask visible_task(const Request& req, Services& s) {
  auto caller = caller_of(req);
  auto task = s.imports.task(req.path_uuid("task_id"));
  if (!task) throw not_found("Task not found");
  try {
    s.access.require(caller, task->company_id, Permission::read_company);
  } catch (const ApiError&) {
    throw not_found("Task not found");
  }
  return *task;
}

nlohmann::json task_json(const UploadTask& t) {
  nlohmann::json result = nullptr;
  if (t.status == UploadStatus::completed)
    result = {{"leads_saved", t.leads_saved},
              {"leads_created", t.leads_created},
              {"leads_updated", t.leads_updated},
              {"leads_skipped", t.leads_skipped},
              {"unmapped_headers", nlohmann::json::parse(t.unmapped_headers.value_or("[]"), nullptr, false)}};
  return {{"id", t.id},
          {"company_id", t.company_id},
          {"user_id", t.user_id},
          {"file_name", t.file_name},
          {"status", upload_status_name(t.status)},
          {"result", result},
          {"rows_processed", t.rows_processed},
          {"failure_reason", t.failure_reason ? nlohmann::json(*t.failure_reason) : nlohmann::json(nullptr)},
          {"created_at", format_rfc3339(t.created_at)},
          {"updated_at", format_rfc3339(t.updated_at)}};
}

}  // namespace

Response upload_leads(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto form = parse_multipart(req);
  const auto* file = form.find("file");
  if (!file || !file->filename)
    throw ValidationError({{{"body", "file"}, "Field required: a CSV file upload", "missing"}});
  if (file->data.empty()) throw bad_request("The file is empty");
  auto task = s.imports.start(company_id, caller.user_id,
                              file->filename->empty() ? "leads.csv" : to_utf8_lenient(*file->filename), file->data);
  s.workers.notify();
  return Response::json(200,
                        {{"task_id", task.id}, {"message", "File upload started; processing runs in the background"}});
}

Response get_task(const Request& req, Services& s) { return Response::json(200, task_json(visible_task(req, s))); }

Response skipped_rows(const Request& req, Services& s) {
  auto task = visible_task(req, s);
  auto p = page_request(req);
  auto items = nlohmann::json::array();
  for (const auto& row : s.imports.skipped(task.id, p.page_size, (p.page - 1) * p.page_size)) {
    auto raw = nlohmann::json::parse(row.raw_data, nullptr, false);
    items.push_back({{"row_number", row.row_number},
                     {"reason", row.reason},
                     {"raw_data", raw.is_discarded() ? nlohmann::json(row.raw_data) : raw}});
  }
  return Response::json(200, paginated(std::move(items), s.imports.count_skipped(task.id), p));
}

}  // namespace reach::tasks_api
