// The lead import's unit of work: one transaction kept open across batches (Database::BulkTransaction,
// committed when the importer says), in which each batch writes its leads, its skipped rows and the
// task's checkpoint together. The importer sees leads, rows and progress, never a database type.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/lead.hpp"
#include "domain/upload_task.hpp"
#include "store/database.hpp"
#include "store/lead_store.hpp"
#include "store/upload_task_store.hpp"
#include "util/clock.hpp"

namespace reach {

class ImportWrites {
 public:
  ImportWrites(Database& db, LeadStore& leads, UploadTaskStore& tasks);

  // What one batch reads and writes, inside the open transaction.
  class Batch {
   public:
    std::optional<Lead> find_duplicate(const Lead& lead);
    std::vector<std::optional<Lead>> find_duplicates(const std::string& company_id,
                                                     const std::vector<const Lead*>& leads);
    // LeadStore::insert_batch and write_changes.
    std::vector<bool> insert(const std::string& company_id, const std::vector<Lead>& leads);
    void write_changes(const std::vector<LeadStore::Change>& changes, TimePoint now);
    void add_skipped(const std::string& task_id, const SkippedRow& row);
    void save_progress(const std::string& task_id, const ImportProgress& progress, TimePoint now);

   private:
    friend class ImportWrites;
    Batch(soci::session& s, LeadStore& leads, UploadTaskStore& tasks) : s_(s), leads_(leads), tasks_(tasks) {}
    soci::session& s_;
    LeadStore& leads_;
    UploadTaskStore& tasks_;
  };

  // Runs fn inside the open transaction, beginning one if none is open. When fn throws, everything not
  // yet committed is rolled back and the exception goes on.
  void run(const std::function<void(Batch&)>& fn);
  void commit() { tx_.commit(); }
  // How long the open transaction has held its locks (zero when none is open).
  std::chrono::steady_clock::duration age() const { return tx_.age(); }

 private:
  Database::BulkTransaction tx_;
  LeadStore& leads_;
  UploadTaskStore& tasks_;
};

}  // namespace reach
