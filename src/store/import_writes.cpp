#include "store/import_writes.hpp"

namespace reach {

ImportWrites::ImportWrites(Database& db, LeadStore& leads, UploadTaskStore& tasks)
    : tx_(db), leads_(leads), tasks_(tasks) {}

void ImportWrites::run(const std::function<void(Batch&)>& fn) {
  tx_.run([&](soci::session& s) {
    Batch batch(s, leads_, tasks_);
    fn(batch);
  });
}

std::optional<Lead> ImportWrites::Batch::find_duplicate(const Lead& lead) { return find_duplicate_lead(s_, lead); }

std::vector<std::optional<Lead>> ImportWrites::Batch::find_duplicates(const std::string& company_id,
                                                                      const std::vector<const Lead*>& leads) {
  return leads_.find_duplicates(s_, company_id, leads);
}

std::vector<bool> ImportWrites::Batch::insert(const std::string& company_id, const std::vector<Lead>& leads) {
  return leads_.insert_batch(s_, company_id, leads);
}

void ImportWrites::Batch::write_changes(const std::vector<LeadStore::Change>& changes, TimePoint now) {
  leads_.write_changes(s_, changes, now);
}

void ImportWrites::Batch::add_skipped(const std::string& task_id, const SkippedRow& row) {
  tasks_.add_skipped(s_, task_id, row);
}

void ImportWrites::Batch::save_progress(const std::string& task_id, const ImportProgress& progress, TimePoint now) {
  tasks_.save_progress(s_, task_id, progress, now);
}

}  // namespace reach
