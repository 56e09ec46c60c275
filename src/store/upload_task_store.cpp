#include "store/upload_task_store.hpp"

#include "store/row_values.hpp"
#include "util/time_format.hpp"
#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"

namespace reach {

void UploadTaskStore::insert(const UploadTask& t) {
  std::string status(upload_status_name(t.status));
  db_.with_session([&](soci::session& s) {
    s << "INSERT INTO upload_tasks (id, company_id, user_id, file_name, blob_key, status, created_at, updated_at) "
         "VALUES (:id, :c, :u, :f, :b, :s, :t, :t2)",
        soci::use(t.id), soci::use(t.company_id), soci::use(t.user_id), soci::use(t.file_name), soci::use(t.blob_key),
        soci::use(status), soci::use(t.created_at), soci::use(t.created_at);
  });
}

std::optional<UploadTask> UploadTaskStore::find(const std::string& task_id) {
  return db_.with_session([&](soci::session& s) -> std::optional<UploadTask> {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id, company_id, user_id, file_name, blob_key, status, rows_processed, leads_saved, "
                      "leads_skipped, unmapped_headers, failure_reason, created_at, updated_at, column_fields, "
                      "leads_created, "
                      "leads_updated "
                      "FROM upload_tasks "
                      "WHERE id = :id",
         soci::use(task_id));
    for (const auto& r : rows) {
      UploadTask t;
      t.id = r.get<std::string>(0);
      t.company_id = r.get<std::string>(1);
      t.user_id = r.get<std::string>(2);
      t.file_name = r.get<std::string>(3);
      t.blob_key = r.get<std::string>(4);
      auto status = r.get<std::string>(5);
      auto known = upload_status_named(status);
      if (!known) throw std::runtime_error("upload_tasks.status holds an unknown status: " + status);
      t.status = *known;
      t.rows_processed = integer_value(r, 6);
      t.leads_saved = integer_value(r, 7);
      t.leads_skipped = integer_value(r, 8);
      t.unmapped_headers = nullable_text(r, 9);
      t.failure_reason = nullable_text(r, 10);
      t.created_at = r.get<TimePoint>(11);
      t.updated_at = r.get<TimePoint>(12);
      t.column_fields = nullable_text(r, 13);
      t.leads_created = integer_value(r, 14);
      t.leads_updated = integer_value(r, 15);
      return t;
    }
    return std::nullopt;
  });
}

void UploadTaskStore::set_status(const std::string& task_id, UploadStatus to, const std::optional<std::string>& reason,
                                 TimePoint at) {
  std::string status(upload_status_name(to)), now = format_rfc3339(at);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE upload_tasks SET status = :s, failure_reason = :r, updated_at = :t WHERE id = :id", soci::use(status),
        soci::use(reason), soci::use(now), soci::use(task_id);
  });
}

void UploadTaskStore::save_mapping(const std::string& task_id, const std::string& column_fields,
                                   const std::string& unmapped_headers, TimePoint at) {
  std::string now = format_rfc3339(at);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE upload_tasks SET column_fields = :f, unmapped_headers = :h, updated_at = :t WHERE id = :id",
        soci::use(column_fields), soci::use(unmapped_headers), soci::use(now), soci::use(task_id);
  });
}

void UploadTaskStore::save_progress(soci::session& s, const std::string& task_id, const ImportProgress& p,
                                    TimePoint at) {
  long long saved = p.leads_saved();
  std::string now = format_rfc3339(at);
  s << "UPDATE upload_tasks SET rows_processed = :r, leads_saved = :sv, leads_created = :cr, leads_updated = :up, "
       "leads_skipped = :sk, updated_at = :t WHERE id = :id",
      soci::use(p.rows_processed), soci::use(saved), soci::use(p.leads_created), soci::use(p.leads_updated),
      soci::use(p.leads_skipped), soci::use(now), soci::use(task_id);
}

void UploadTaskStore::add_skipped(soci::session& s, const std::string& task_id, const SkippedRow& row) {
  s << "INSERT INTO upload_skipped_rows (task_id, row_number, reason, raw_data) VALUES (:t, :n, :r, :d) "
       "ON CONFLICT (task_id, row_number) DO NOTHING",
      soci::use(task_id), soci::use(row.row_number), soci::use(row.reason), soci::use(row.raw_data);
}

std::vector<SkippedRow> UploadTaskStore::skipped(const std::string& task_id, long long limit, long long offset) {
  return db_.with_session([&](soci::session& s) {
    std::vector<SkippedRow> out;
    soci::rowset<soci::row> rows = (s.prepare << "SELECT row_number, reason, raw_data FROM upload_skipped_rows "
                                                 "WHERE task_id = :t ORDER BY row_number LIMIT :l OFFSET :o",
                                    soci::use(task_id), soci::use(limit), soci::use(offset));
    for (const auto& r : rows) out.push_back({integer_value(r, 0), r.get<std::string>(1), r.get<std::string>(2)});
    return out;
  });
}

long long UploadTaskStore::count_skipped(const std::string& task_id) {
  return db_.with_session([&](soci::session& s) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM upload_skipped_rows WHERE task_id = :t", soci::use(task_id), soci::into(n);
    return n;
  });
}

bool UploadTaskStore::has_unfinished(const std::string& company_id) {
  return db_.with_session([&](soci::session& s) {
    long long n = 0;
    s << "SELECT count(*) FROM upload_tasks WHERE company_id = :c AND status IN ('pending', 'processing')",
        soci::use(company_id), soci::into(n);
    return n > 0;
  });
}

}  // namespace reach
