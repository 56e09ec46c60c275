// Leads on PostgreSQL: search through a stored tsvector under GIN (sql/0010, 0019: words prefixed with
// the company's tag, so a search reads its own tenant's entries; the database keeps it current itself:
// nothing to index here), and an import's batches as one statement each, the leads
// passed as one text array per column (round trips, not rows, are what cost over a network).
#include <algorithm>
#include <cstdlib>
#include <unordered_map>

#include "store/lead_engine.hpp"
#include "store/lead_rows.hpp"
#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"

namespace reach {
namespace {

// A tsquery of the words, the last one as a prefix (or, for an estimate's lower bound, every word whole).
// The index's words start with their company's tag, the first 8 characters of its id (sql/0019): so
// do the query's.
std::string tsquery(const std::string& company_id, const std::vector<std::string>& words, bool last_as_prefix) {
  std::string tenant = company_id.substr(0, 8);
  std::string q;
  for (std::size_t i = 0; i < words.size(); ++i)
    q += (i ? " & '" : "'") + tenant + words[i] + (last_as_prefix && i + 1 == words.size() ? "':*" : "'");
  return q;
}

// The planner's row estimate of `SELECT 1 <from_where>` with these parameters.
long long planned_rows(soci::session& s, const std::string& from_where, const std::vector<std::string>& binds) {
  std::string plan;
  soci::statement st(s);
  st.alloc();
  st.prepare("EXPLAIN (FORMAT JSON) SELECT 1 " + from_where);
  for (const auto& b : binds) st.exchange(soci::use(b));
  st.exchange(soci::into(plan));
  st.define_and_bind();
  st.execute(true);
  auto at = plan.find("\"Plan Rows\":");
  return at == std::string::npos ? 0 : std::atoll(plan.c_str() + at + 12);
}

class PostgresLeadSearch final : public LeadSearch {
 public:
  LeadSearchPlan plan(soci::session&, const std::string& company_id,
                      const std::vector<std::string>& words) const override {
    return {company_id,
            "FROM leads WHERE company_id = :c AND deleted = 0 AND search_vector @@ to_tsquery('simple', :q)",
            {company_id, tsquery(company_id, words, true)},
            {company_id, tsquery(company_id, words, false)}};
  }

  std::vector<Lead> page(soci::session& s, const LeadSearchPlan& plan, long long limit,
                         long long offset) const override {
    return select_leads(s,
                        "SELECT " + lead_select_columns() + " " + plan.from_where +
                            " ORDER BY created_at DESC, id DESC LIMIT :l OFFSET :o",
                        plan.binds, {limit, offset});
  }

  // Exact up to kExactCountLimit; past it the planner's estimate (marked so; also when that estimate is
  // over 5x the limit, without counting): an exact count of 100,000 word matches rechecks as many heap
  // rows (0.4-0.8 s at a million leads), while a page needs only its 20.
  LeadCount count(soci::session& s, const LeadSearchPlan& plan) const override {
    constexpr long long limit = LeadRecords::kExactCountLimit;
    // The planner's row estimate first (statistics kept fresh by refresh_statistics after imports):
    // far past the limit it is the answer, without building the bitmap of every match (a prefix such as
    // "lovelace" matches 55,000 address words: that bitmap alone took 60-115 ms at a million leads).
    // A prefix is estimated poorly (PostgreSQL 15 plans "lovelace:*" at 20,000 rows of a million, 2%,
    // whatever the word), a whole word from the statistics' common words ("lovelace": 107,735 of the
    // 108,300), and a prefix matches at least what its whole word matches: the larger one is the estimate.
    // The whole word is planned only when the prefix's own plan did not already settle it.
    long long estimate = planned_rows(s, plan.from_where, plan.binds);
    if (estimate <= 5 * limit) estimate = std::max(estimate, planned_rows(s, plan.from_where, plan.whole_word_binds));
    if (estimate > 5 * limit) return {estimate, true};
    long long n = select_number(s, "SELECT COUNT(*) FROM (SELECT 1 " + plan.from_where + " LIMIT :cap) capped",
                                plan.binds, {limit + 1});
    if (n <= limit) return {n, false};
    return {std::max(estimate, n), true};
  }

  long long mark_before_insert(soci::session&) const override { return 0; }
  void index_inserted_since(soci::session&, long long) const override {}
  void unindex(soci::session&, const std::vector<std::string>&) const override {}
  void index(soci::session&, const std::vector<std::string>&) const override {}
};

class PostgresLeadBatches final : public LeadBatches {
 public:
  // One array per column (parsed by PostgreSQL at about the speed of COPY; json_populate_recordset
  // took 30 us a row), zipped back into rows by unnest, in file order.
  std::vector<bool> insert(soci::session& s, const std::vector<Lead>& leads) const override {
    std::vector<bool> inserted(leads.size(), false);
    if (leads.empty()) return inserted;
    std::vector<ArrayLiteral> columns(3 + kLeadTextFields.size() + 2);
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < leads.size(); ++i) {
      const Lead& l = leads[i];
      std::size_t c = 0;
      columns[c++].add(l.id);
      columns[c++].add(l.company_id);
      columns[c++].add(l.name);
      for (const auto& f : l.fields) columns[c++].add(f);
      columns[c++].add(std::string(l.do_not_contact ? "1" : "0"));
      columns[c++].add(format_rfc3339(l.created_at));
      index.emplace(l.id, i);
    }
    std::vector<std::string> arrays;
    arrays.reserve(columns.size());
    for (auto& c : columns) arrays.push_back(c.finish());
    std::string names = "id, company_id, name" + lead_field_columns() + ", dnc, created_at";
    std::string unnest;
    for (std::size_t c = 0; c < arrays.size(); ++c)
      unnest += (c ? ", CAST(:a" : "CAST(:a") + std::to_string(c) + " AS text[])";
    soci::statement st(s);
    std::string id;
    st.alloc();
    st.prepare("INSERT INTO leads (id, company_id, name" + lead_field_columns() +
               ", do_not_contact, deleted, created_at, updated_at) SELECT id, company_id, name" + lead_field_columns() +
               ", CAST(dnc AS INTEGER), 0, created_at, created_at FROM unnest(" + unnest + ") WITH ORDINALITY AS r(" +
               names + ", ord) ORDER BY ord ON CONFLICT DO NOTHING RETURNING id");
    for (auto& a : arrays) st.exchange(soci::use(a));
    st.exchange(soci::into(id));
    st.define_and_bind();
    if (st.execute(true)) {
      do {
        if (auto it = index.find(id); it != index.end()) inserted[it->second] = true;
      } while (st.fetch());
    }
    return inserted;
  }

  // One UPDATE for the batch: every row's columns from one text array each, zipped by unnest (a
  // re-import of 200k known leads made 400k round trips, 192-257 s, one lookup and one UPDATE a row).
  void write_changes(soci::session& s, const std::vector<Change>& changes, const std::string& now) const override {
    std::vector<ArrayLiteral> columns(2 + kLeadTextFields.size());
    bool any = false;
    for (const auto& c : changes) {
      if (c.after.name == c.before.name && c.after.fields == c.before.fields) continue;
      any = true;
      columns[0].add(c.after.id);
      columns[1].add(c.after.name);
      for (std::size_t f = 0; f < kLeadTextFields.size(); ++f) columns[2 + f].add(c.after.fields[f]);
    }
    if (!any) return;
    std::vector<std::string> arrays{now};
    for (auto& c : columns) arrays.push_back(c.finish());
    std::string set = "name = v.name", unnest = "CAST(:a0 AS text[]), CAST(:a1 AS text[])", names = "id, name";
    for (std::size_t f = 0; f < kLeadTextFields.size(); ++f) {
      set += std::string(", ") + kLeadTextFields[f] + " = v." + kLeadTextFields[f];
      unnest += ", CAST(:a" + std::to_string(2 + f) + " AS text[])";
      names += std::string(", ") + kLeadTextFields[f];
    }
    execute_with(s,
                 "UPDATE leads SET " + set + ", updated_at = :t FROM unnest(" + unnest + ") AS v(" + names +
                     ") WHERE leads.id = v.id",
                 arrays);
  }

  // With an email, one query for the batch; phone and name (rare in a batch) one by one.
  std::vector<std::optional<Lead>> find_duplicates(soci::session& s, const std::string& company_id,
                                                   const std::vector<const Lead*>& leads) const override {
    std::vector<std::optional<Lead>> out(leads.size());
    ArrayLiteral emails;
    std::unordered_map<std::string, std::vector<std::size_t>> by_email;
    for (std::size_t i = 0; i < leads.size(); ++i) {
      if (const auto& email = leads[i]->field(LeadField::email)) {
        if (by_email[*email].empty()) emails.add(*email);
        by_email[*email].push_back(i);
      } else {
        out[i] = find_duplicate_lead(s, *leads[i]);
      }
    }
    if (by_email.empty()) return out;
    for (const auto& l : select_leads(s,
                                      "SELECT " + lead_select_columns() +
                                          " FROM leads WHERE company_id = :c AND email = ANY(CAST(:e AS text[]))",
                                      {company_id, emails.finish()}))
      if (auto it = by_email.find(l.field(LeadField::email).value_or("")); it != by_email.end())
        for (auto i : it->second) out[i] = l;
    return out;
  }

  // VACUUM as well: it marks the new rows' pages all-visible, so deep pages of the listing are read
  // from its index alone (page 5,000 of a million leads: 31 ms -> 8.5 ms; 1.7 s after such an import).
  void refresh_statistics(soci::session& s) const override { s << "VACUUM (ANALYZE) leads"; }
};

}  // namespace

std::unique_ptr<LeadSearch> make_postgres_lead_search() { return std::make_unique<PostgresLeadSearch>(); }
std::unique_ptr<LeadBatches> make_postgres_lead_batches() { return std::make_unique<PostgresLeadBatches>(); }

}  // namespace reach
