// Leads of a company. Soft-deleted leads are invisible to every read here.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/lead.hpp"
#include "store/database.hpp"
#include "store/lead_records.hpp"

namespace reach {

// LeadRecords over SQL, plus what the importer and the writing service use inside their transactions.
class LeadStore final : public LeadRecords {
 public:
  explicit LeadStore(Database& db) : db_(db) {}

  bool insert(const Lead& lead) override;
  // An import batch, inside its transaction: inserts the leads that collide with no lead (as insert()
  // does, within the batch too: the first one wins) and counts them as live; answers, per lead,
  // whether it was inserted. SQLite: one prepared statement per lead (in process, no round trips);
  // PostgreSQL: one statement for the whole batch, the leads passed as one text array per column.
  std::vector<bool> insert_batch(soci::session& s, const std::string& company_id, const std::vector<Lead>& leads);
  // Writes each lead's new state over its stored one (pairs of {as stored, as it should be}), in one
  // statement on PostgreSQL; on SQLite only the columns whose value changes, nothing when none does.
  struct Change {
    Lead before, after;
  };
  void write_changes(soci::session& s, const std::vector<Change>& changes, const std::string& now);
  // After many leads arrived at once (an import): fresh planner statistics, so searches pick the
  // search index at once instead of after autovacuum's next visit (PostgreSQL: VACUUM (ANALYZE), which
  // also lets the listing be read from its index alone; SQLite: optimize). Not inside a transaction.
  void refresh_statistics();
  std::optional<Lead> find(const std::string& company_id, const std::string& lead_id) override;
  std::optional<Lead> find_duplicate(const Lead& lead) override;
  std::optional<Lead> find_duplicate(soci::session& s, const Lead& lead);
  // find_duplicate for many leads of one company; with an email, one query for them all on PostgreSQL.
  std::vector<std::optional<Lead>> find_duplicates(soci::session& s, const std::string& company_id,
                                                   const std::vector<const Lead*>& leads);
  std::vector<Lead> page(const std::string& company_id, const std::string& search, long long limit,
                         long long offset) override;
  // Exact up to kExactCountLimit; past it, on PostgreSQL, the planner's estimate (marked so; also when
  // that estimate is over 5x the limit, without counting): an exact count of 100,000 word matches
  // rechecks as many heap rows (0.4-0.8 s at a million leads), while a page needs only its 20.
  LeadCount count(const std::string& company_id, const std::string& search) override;
  void soft_delete(const std::string& company_id, const std::string& lead_id, TimePoint now) override;
  // Research about the lead (JSON text), kept so it is paid for once.
  void set_enriched_data(const std::string& company_id, const std::string& lead_id, const std::string& json,
                         const std::string& now);
  void replace(const Lead& lead, TimePoint now) override;

 private:
  // Every column takes the lead's value (and the lead is live again).
  static void write_fields(soci::session& s, const std::string& id, const Lead& lead, const std::string& now);
  Database& db_;
};

}  // namespace reach
