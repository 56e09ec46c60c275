// What leads do differently on each engine, in one class per engine and concern, picked once by
// LeadStore: searching (and keeping the search index current), and writing an import's batches.
// Nothing outside these classes asks which engine it runs on.
#pragma once
#include <soci/soci.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/lead.hpp"
#include "store/database.hpp"
#include "store/lead_records.hpp"

namespace reach {

// A search for words, planned once and run by both the page and the count: `from_where` is
// "FROM ... WHERE ..." over the engine's index, its parameters `binds` in order.
struct LeadSearchPlan {
  std::string company_id;
  std::string from_where;
  std::vector<std::string> binds;
  // The same match with every word whole, where the engine estimates from it (PostgreSQL); else empty.
  std::vector<std::string> whole_word_binds;
};

class LeadSearch {
 public:
  static std::unique_ptr<LeadSearch> for_engine(Engine engine);
  virtual ~LeadSearch() = default;

  // words: as search_words() splits a search, at least one; the last one may be cut short.
  virtual LeadSearchPlan plan(soci::session& s, const std::string& company_id,
                              const std::vector<std::string>& words) const = 0;
  // Newest first.
  virtual std::vector<Lead> page(soci::session& s, const LeadSearchPlan& plan, long long limit,
                                 long long offset) const = 0;
  virtual LeadCount count(soci::session& s, const LeadSearchPlan& plan) const = 0;
  // Both, where the engine can in one pass; else one after the other.
  virtual std::pair<std::vector<Lead>, LeadCount> page_and_count(soci::session& s, const LeadSearchPlan& plan,
                                                                 long long limit, long long offset) const {
    return {page(s, plan, limit, offset), count(s, plan)};
  }

  // Keeping the index current, in the writing transaction. LeadStore is the only writer of `leads`
  // and calls these around every write of a searched column (name, email, company, job_title) or of
  // `deleted`; nothing else (no trigger) maintains the index.
  // Before inserting: a mark; after: every lead inserted since the mark enters the index.
  virtual long long mark_before_insert(soci::session& s) const = 0;
  virtual void index_inserted_since(soci::session& s, long long mark) const = 0;
  // Before updating these leads: they leave the index; after: the live ones enter it as they are now.
  virtual void unindex(soci::session& s, const std::vector<std::string>& lead_ids) const = 0;
  virtual void index(soci::session& s, const std::vector<std::string>& lead_ids) const = 0;
};

// An import's writes, batch by batch, inside its transaction.
class LeadBatches {
 public:
  static std::unique_ptr<LeadBatches> for_engine(Engine engine);
  virtual ~LeadBatches() = default;

  // Inserts the leads that collide with no stored lead and none earlier in the batch; per lead,
  // whether it was inserted.
  virtual std::vector<bool> insert(soci::session& s, const std::vector<Lead>& leads) const = 0;
  // Each lead's new name and fields over its stored ones (pairs of {as stored, as it should be}).
  struct Change {
    Lead before, after;
  };
  virtual void write_changes(soci::session& s, const std::vector<Change>& changes, const std::string& now) const = 0;
  // find_duplicate (LeadRecords) for many leads of one company.
  virtual std::vector<std::optional<Lead>> find_duplicates(soci::session& s, const std::string& company_id,
                                                           const std::vector<const Lead*>& leads) const = 0;
  // Fresh planner statistics after many leads arrived at once; not inside a transaction.
  virtual void refresh_statistics(soci::session& s) const = 0;
};

// The engines' classes (leads_sqlite.cpp, leads_postgresql.cpp), for the factories above.
std::unique_ptr<LeadSearch> make_sqlite_lead_search();
std::unique_ptr<LeadSearch> make_postgres_lead_search();
std::unique_ptr<LeadBatches> make_sqlite_lead_batches();
std::unique_ptr<LeadBatches> make_postgres_lead_batches();

// One lead's duplicate (LeadRecords::find_duplicate), on any engine.
std::optional<Lead> find_duplicate_lead(soci::session& s, const Lead& lead);

}  // namespace reach
