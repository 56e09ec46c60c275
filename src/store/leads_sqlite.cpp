// Leads on SQLite: an FTS5 index for search, written by this class alone (sql/0017), and an import's
// batches through prepared statements (in process: no round trips to save).
#include <algorithm>
#include <utility>

#include <soci/sqlite3/soci-sqlite3.h>

#include "store/lead_engine.hpp"
#include "store/lead_rows.hpp"
#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"

namespace reach {
namespace {

// A statement prepared on the connection under a SOCI session, for the two paths that step SQLite
// themselves (an import's inserts, a search's matches): there SOCI's per-row work, copying every value
// into its own buffers, would be most of the time. Errors are thrown as SOCI's.
class RawStatement {
 public:
  RawStatement(soci::session& s, const std::string& sql)
      : db_(static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_) {
    if (sqlite_api::sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &st_, nullptr) != SQLITE_OK)
      fail();
  }
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;
  ~RawStatement() { sqlite_api::sqlite3_finalize(st_); }

  // SQLITE_STATIC: the value must outlive the step that reads it.
  void bind_text(int index, const std::string& value) {
    check(sqlite_api::sqlite3_bind_text(st_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC));
  }
  void bind_null(int index) { check(sqlite_api::sqlite3_bind_null(st_, index)); }
  void bind_int(int index, int value) { check(sqlite_api::sqlite3_bind_int(st_, index, value)); }
  // True while it yields rows; after the last one (or an error, thrown) it is reset for the next run.
  bool step() {
    int rc = sqlite_api::sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    std::string error = rc == SQLITE_DONE ? "" : sqlite_api::sqlite3_errmsg(db_);
    sqlite_api::sqlite3_reset(st_);
    if (!error.empty()) throw soci::soci_error(error);
    return false;
  }
  long long column_int64(int column) const { return sqlite_api::sqlite3_column_int64(st_, column); }
  // Rows the last run inserted, updated or deleted.
  long long changes() const { return sqlite_api::sqlite3_changes(db_); }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) fail();
  }
  [[noreturn]] void fail() const { throw soci::soci_error(sqlite_api::sqlite3_errmsg(db_)); }

  sqlite_api::sqlite3* db_;
  sqlite_api::sqlite3_stmt* st_ = nullptr;
};

// True when every live lead in the database is this company's (a single-company installation): its
// search need not intersect the company's token, a list as long as the index (half a search's time at
// a million leads). lead_counts changes in the transaction of every insert and delete.
bool holds_every_lead(soci::session& s, const std::string& company_id) {
  int all = 0;
  s << "SELECT CASE WHEN (SELECT live FROM lead_counts WHERE company_id = :c) = "
       "(SELECT SUM(live) FROM lead_counts) THEN 1 ELSE 0 END",
      soci::use(company_id), soci::into(all);
  return all == 1;
}

// The row of the search index for live leads (contentless FTS5: a delete repeats the indexed values).
// The company is one token, its id without dashes, so a search never leaves its tenant.
const char* kIndexColumns = "leads_search (rowid, tenant, name, email, company, job_title)";
const char* kIndexValues = "rowid, replace(company_id, '-', ''), name, email, company, job_title";

class SqliteLeadSearch final : public LeadSearch {
 public:
  // FTS5: every word, the last one as a prefix (it may be half typed), and the company's token unless
  // the company holds every lead.
  LeadSearchPlan plan(soci::session& s, const std::string& company_id,
                      const std::vector<std::string>& words) const override {
    std::string q = "{name email company job_title} : (";
    for (std::size_t i = 0; i < words.size(); ++i)
      q += (i ? " AND \"" : "\"") + words[i] + (i + 1 == words.size() ? "\" *" : "\"");
    q += ")";
    if (!holds_every_lead(s, company_id)) {
      std::string tenant = company_id;
      tenant.erase(std::remove(tenant.begin(), tenant.end(), '-'), tenant.end());
      q = "tenant : \"" + tenant + "\" AND " + q;
    }
    return {company_id, "FROM leads_search WHERE leads_search MATCH :q", {q}, {}};
  }

  std::vector<Lead> page(soci::session& s, const LeadSearchPlan& plan, long long limit,
                         long long offset) const override {
    // The page's rowids from the index, newest first; `+company_id`: a check on the page's rows only
    // (as an index it would walk the company's leads).
    std::vector<std::string> texts{plan.company_id};
    texts.insert(texts.end(), plan.binds.begin(), plan.binds.end());
    return select_leads(s,
                        "SELECT " + lead_select_columns() +
                            " FROM leads WHERE +company_id = :c AND rowid IN "
                            "(SELECT rowid " +
                            plan.from_where +
                            " ORDER BY rowid DESC LIMIT :l OFFSET :o) "
                            "ORDER BY rowid DESC",
                        texts, {limit, offset});
  }

  LeadCount count(soci::session& s, const LeadSearchPlan& plan) const override {
    // FTS5 counts from its index alone: exact at any size (108,000 matches of a million in ~18 ms).
    return {select_number(s, "SELECT COUNT(*) " + plan.from_where, plan.binds), false};
  }

  // One pass: every match's rowid, newest first, counted, and the page's kept. FTS5 answers a prefix
  // by merging the entries of every word it starts ("lovelace": 55,000 "lovelaceN" email words, 14 ms
  // at a million leads), which a page and a count would each pay. Stepped through SQLite's own API
  // (SOCI's per-row work would be most of the time past 100,000 matches); counted exactly, as count().
  std::pair<std::vector<Lead>, LeadCount> page_and_count(soci::session& s, const LeadSearchPlan& plan, long long limit,
                                                         long long offset) const override {
    RawStatement matching(s, "SELECT rowid " + plan.from_where + " ORDER BY rowid DESC");
    for (std::size_t i = 0; i < plan.binds.size(); ++i) matching.bind_text(static_cast<int>(i + 1), plan.binds[i]);
    long long matches = 0;
    std::string page_rowids;
    for (; matching.step(); ++matches)
      if (matches >= offset && matches - offset < limit)
        page_rowids += (page_rowids.empty() ? "" : ",") + std::to_string(matching.column_int64(0));
    std::vector<Lead> leads;
    if (!page_rowids.empty())  // `+company_id`: a check on the page's rows only, as in page()
      leads = select_leads(s,
                           "SELECT " + lead_select_columns() + " FROM leads WHERE +company_id = :c AND rowid IN (" +
                               page_rowids + ") ORDER BY rowid DESC",
                           {plan.company_id});
    return std::make_pair(std::move(leads), LeadCount{matches, false});
  }

  long long mark_before_insert(soci::session& s) const override {
    long long id = 0;
    s << "SELECT COALESCE(MAX(rowid), 0) FROM leads", soci::into(id);
    return id;
  }

  void index_inserted_since(soci::session& s, long long mark) const override {
    // One statement for a batch: FTS5 takes many rows at once far faster than one per row.
    s << std::string("INSERT INTO ") + kIndexColumns + " SELECT " + kIndexValues +
             " FROM leads WHERE rowid > :r AND deleted = 0",
        soci::use(mark);
  }

  void unindex(soci::session& s, const std::vector<std::string>& lead_ids) const override {
    for_each_id(s, lead_ids,
                std::string("INSERT INTO leads_search (leads_search, rowid, tenant, name, email, company, job_title) "
                            "SELECT 'delete', ") +
                    kIndexValues + " FROM leads WHERE id = :id AND deleted = 0");
  }

  void index(soci::session& s, const std::vector<std::string>& lead_ids) const override {
    for_each_id(s, lead_ids,
                std::string("INSERT INTO ") + kIndexColumns + " SELECT " + kIndexValues +
                    " FROM leads WHERE id = :id AND deleted = 0");
  }

 private:
  static void for_each_id(soci::session& s, const std::vector<std::string>& ids, const std::string& sql) {
    if (ids.empty()) return;
    std::string id;
    soci::statement st = (s.prepare << sql, soci::use(id));
    for (const auto& each : ids) {
      id = each;
      st.execute(true);
    }
  }
};

// Inserts leads one by one through one statement, bound straight from each lead: SOCI copied every
// field of every row into its own buffers first (a million leads: the import 17.5 -> 15.9 s, medians
// of three alternating runs; a statement of 64 rows measured slower than one row per step).
class LeadInserter {
 public:
  explicit LeadInserter(soci::session& s);
  // False when the company already has this lead (a unique index says so).
  bool insert(const Lead& lead);

 private:
  static std::string insert_sql();

  RawStatement st_;
  TimePoint time_{};                               // the last lead's creation time,
  std::string time_text_ = format_rfc3339(time_);  // as column text (a batch's leads share one)
};

std::string LeadInserter::insert_sql() {
  std::string placeholders;
  for (std::size_t i = 0; i < kLeadTextFields.size(); ++i) placeholders += ", ?";
  return "INSERT INTO leads (id, company_id, name" + lead_field_columns() +
         ", do_not_contact, deleted, created_at, updated_at) VALUES (?, ?, ?" + placeholders +
         ", ?, 0, ?, ?) ON CONFLICT DO NOTHING";
}

LeadInserter::LeadInserter(soci::session& s) : st_(s, insert_sql()) {}

bool LeadInserter::insert(const Lead& lead) {
  if (lead.created_at != time_) {
    time_ = lead.created_at;
    time_text_ = format_rfc3339(time_);
  }
  int i = 0;
  st_.bind_text(++i, lead.id);
  st_.bind_text(++i, lead.company_id);
  st_.bind_text(++i, lead.name);
  for (const auto& f : lead.fields) {
    if (f)
      st_.bind_text(++i, *f);
    else
      st_.bind_null(++i);
  }
  st_.bind_int(++i, lead.do_not_contact ? 1 : 0);
  st_.bind_text(++i, time_text_);
  st_.bind_text(++i, time_text_);
  st_.step();  // no rows: an INSERT without RETURNING
  return st_.changes() == 1;
}

class SqliteLeadBatches final : public LeadBatches {
 public:
  std::vector<bool> insert(soci::session& s, const std::vector<Lead>& leads) const override {
    std::vector<bool> inserted(leads.size(), false);
    LeadInserter inserter(s);
    for (std::size_t i = 0; i < leads.size(); ++i) inserted[i] = inserter.insert(leads[i]);
    return inserted;
  }

  // Only the columns that change are written, so a re-imported lead that changed nothing but the
  // upload it came from touches no index and no search entry (200k known leads: 40 -> 18 s).
  void write_changes(soci::session& s, const std::vector<Change>& changes, const std::string& now) const override {
    for (const auto& c : changes) {
      std::string sql;
      std::vector<std::string> values;
      auto set = [&](const char* column, const std::string& value) {
        sql +=
            (sql.empty() ? "UPDATE leads SET " : ", ") + std::string(column) + " = :v" + std::to_string(values.size());
        values.push_back(value);
      };
      if (c.after.name != c.before.name) set("name", c.after.name);
      for (std::size_t f = 0; f < kLeadTextFields.size(); ++f)
        if (c.after.fields[f] && c.after.fields[f] != c.before.fields[f]) set(kLeadTextFields[f], *c.after.fields[f]);
      if (values.empty()) continue;
      sql += ", updated_at = :t WHERE id = :id";
      values.push_back(now);
      values.push_back(c.before.id);
      execute_with(s, sql, values);
    }
  }

  // In process: a lookup a row costs microseconds.
  std::vector<std::optional<Lead>> find_duplicates(soci::session& s, const std::string&,
                                                   const std::vector<const Lead*>& leads) const override {
    std::vector<std::optional<Lead>> out(leads.size());
    for (std::size_t i = 0; i < leads.size(); ++i) out[i] = find_duplicate_lead(s, *leads[i]);
    return out;
  }

  void refresh_statistics(soci::session& s) const override { s << "PRAGMA optimize"; }
};

}  // namespace

std::unique_ptr<LeadSearch> make_sqlite_lead_search() { return std::make_unique<SqliteLeadSearch>(); }
std::unique_ptr<LeadBatches> make_sqlite_lead_batches() { return std::make_unique<SqliteLeadBatches>(); }

}  // namespace reach
