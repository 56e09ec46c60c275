// Leads of a company. Soft-deleted leads are invisible to every read here. LeadStore is the only
// writer of `leads`: the live counts and the search index follow every write made here.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/lead.hpp"
#include "store/database.hpp"
#include "store/lead_engine.hpp"
#include "store/lead_records.hpp"

namespace reach {

// LeadRecords over SQL, plus what the importer and the writing service use inside their transactions.
// What differs between the engines is in LeadSearch and LeadBatches (lead_engine.hpp).
class LeadStore final : public LeadRecords {
 public:
  explicit LeadStore(Database& db);

  bool insert(const Lead& lead) override;
  // An import batch, inside its transaction: inserts the leads that collide with no lead (as insert()
  // does, within the batch too: the first one wins) and counts them as live; answers, per lead,
  // whether it was inserted.
  std::vector<bool> insert_batch(soci::session& s, const std::string& company_id, const std::vector<Lead>& leads);
  // Writes each lead's new state over its stored one (pairs of {as stored, as it should be}); only
  // what changes, nothing when nothing does.
  using Change = LeadBatches::Change;
  void write_changes(soci::session& s, const std::vector<Change>& changes, TimePoint now);
  // After many leads arrived at once (an import): fresh planner statistics, so searches pick the
  // search index at once instead of after autovacuum's next visit. Not inside a transaction.
  void refresh_statistics();
  std::optional<Lead> find(const std::string& company_id, const std::string& lead_id) override;
  std::optional<Lead> find_duplicate(const Lead& lead) override;
  // find_duplicate for many leads of one company.
  std::vector<std::optional<Lead>> find_duplicates(soci::session& s, const std::string& company_id,
                                                   const std::vector<const Lead*>& leads);
  // page_and_count's two halves, apart: the page (newest first), and the count.
  std::vector<Lead> page(const std::string& company_id, const std::string& search, long long limit, long long offset);
  // Exact up to kExactCountLimit; past it the engine may estimate (LeadSearch::count).
  LeadCount count(const std::string& company_id, const std::string& search);
  // Both; a search for words from one pass over the index where the engine can (SQLite: a broad
  // prefix costs most of both queries' time, merging its words' entries).
  PageAndCount page_and_count(const std::string& company_id, const std::string& search, long long limit,
                              long long offset) override;
  void soft_delete(const std::string& company_id, const std::string& lead_id, TimePoint now) override;
  // Research about the lead (JSON text), kept so it is paid for once.
  void set_enriched_data(const std::string& company_id, const std::string& lead_id, const std::string& json,
                         TimePoint now);
  void replace(const Lead& lead, TimePoint now) override;

 private:
  Database& db_;
  std::unique_ptr<LeadSearch> search_;
  std::unique_ptr<LeadBatches> batches_;
};

}  // namespace reach
