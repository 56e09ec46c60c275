#include "store/lead_store.hpp"

#include <algorithm>
#include <cctype>

#include "domain/validation.hpp"
#include "store/lead_rows.hpp"
#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

// The words of a search as the search indexes split text: runs of letters and digits (bytes of
// non-ASCII characters count as letters), ASCII lower-cased.
std::vector<std::string> search_words(const std::string& search) {
  std::vector<std::string> out;
  std::string word;
  for (unsigned char c : search + " ") {
    if (std::isalnum(c) || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else if (!word.empty()) {
      out.push_back(word);
      word.clear();
    }
  }
  return out;
}

// A search that is a whole email address finds the lead with that address, through the unique index.
// As words it would also find another Ada at x.example, and slowly: "example" is in every address.
std::optional<std::string> whole_address(const std::string& search) {
  if (search.find('@') == std::string::npos) return std::nullopt;
  return normalize_email(search);
}

const std::string kByAddress = "FROM leads WHERE company_id = :c AND email = :e AND deleted = 0";

// Whether the search index holds anything a change rewrites.
bool changes_searched_columns(const Lead& before, const Lead& after) {
  return after.name != before.name || after.field(LeadField::email) != before.field(LeadField::email) ||
         after.field(LeadField::company) != before.field(LeadField::company) ||
         after.field(LeadField::job_title) != before.field(LeadField::job_title);
}

}  // namespace

std::unique_ptr<LeadSearch> LeadSearch::for_engine(Engine engine) {
  return engine == Engine::sqlite ? make_sqlite_lead_search() : make_postgres_lead_search();
}

std::unique_ptr<LeadBatches> LeadBatches::for_engine(Engine engine) {
  return engine == Engine::sqlite ? make_sqlite_lead_batches() : make_postgres_lead_batches();
}

std::optional<Lead> find_duplicate_lead(soci::session& s, const Lead& lead) {
  const auto& email = lead.field(LeadField::email);
  const auto& phone = lead.field(LeadField::phone_number);
  std::vector<Lead> found;
  if (email)
    found = select_leads(s, "SELECT " + lead_select_columns() + " FROM leads WHERE company_id = :c AND email = :e",
                         {lead.company_id, *email});
  else if (phone)
    found = select_leads(s,
                         "SELECT " + lead_select_columns() +
                             " FROM leads WHERE company_id = :c AND phone_number = :p AND name = :n "
                             "ORDER BY CASE WHEN email IS NULL THEN 0 ELSE 1 END, created_at LIMIT 1",
                         {lead.company_id, *phone, lead.name});
  if (found.empty()) return std::nullopt;
  return found.front();
}

LeadStore::LeadStore(Database& db)
    : db_(db), search_(LeadSearch::for_engine(db.engine())), batches_(LeadBatches::for_engine(db.engine())) {}

bool LeadStore::insert(const Lead& l) {
  return db_.in_transaction([&](soci::session& s) {
    bool inserted = insert_batch(s, l.company_id, {l}).front();  // a bool, not a reference into the temporary
    return inserted;
  });
}

std::vector<bool> LeadStore::insert_batch(soci::session& s, const std::string& company_id,
                                          const std::vector<Lead>& leads) {
  auto mark = search_->mark_before_insert(s);
  auto inserted = batches_->insert(s, leads);
  search_->index_inserted_since(s, mark);
  add_live_leads(s, company_id, static_cast<long long>(std::count(inserted.begin(), inserted.end(), true)));
  return inserted;
}

void LeadStore::write_changes(soci::session& s, const std::vector<Change>& changes, TimePoint now) {
  std::vector<std::string> reindexed;
  for (const auto& c : changes)
    if (changes_searched_columns(c.before, c.after)) reindexed.push_back(c.before.id);
  search_->unindex(s, reindexed);
  batches_->write_changes(s, changes, format_rfc3339(now));
  search_->index(s, reindexed);
}

void LeadStore::refresh_statistics() {
  db_.with_session([&](soci::session& s) { batches_->refresh_statistics(s); });
}

std::optional<Lead> LeadStore::find(const std::string& company_id, const std::string& lead_id) {
  return db_.with_session([&](soci::session& s) -> std::optional<Lead> {
    auto found = select_leads(
        s, "SELECT " + lead_select_columns() + " FROM leads WHERE id = :id AND company_id = :c AND deleted = 0",
        {lead_id, company_id});
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

std::optional<Lead> LeadStore::find_duplicate(const Lead& lead) {
  return db_.with_session([&](soci::session& s) { return find_duplicate_lead(s, lead); });
}

std::vector<std::optional<Lead>> LeadStore::find_duplicates(soci::session& s, const std::string& company_id,
                                                            const std::vector<const Lead*>& leads) {
  return batches_->find_duplicates(s, company_id, leads);
}

std::vector<Lead> LeadStore::page(const std::string& company_id, const std::string& search, long long limit,
                                  long long offset) {
  auto words = search_words(search);
  if (!search.empty() && words.empty()) return {};  // nothing to look for: "%" finds nothing
  return db_.with_session([&](soci::session& s) -> std::vector<Lead> {
    if (auto address = whole_address(search)) {
      if (offset > 0) return {};
      return select_leads(s, "SELECT " + lead_select_columns() + " " + kByAddress, {company_id, *address});
    }
    if (words.empty())  // the page's ids come from the listing index alone; only those rows are read
      return select_leads(s,
                          "SELECT " + lead_select_columns() +
                              " FROM leads WHERE id IN (SELECT id FROM leads WHERE company_id = :c AND deleted = 0 "
                              "ORDER BY created_at DESC, id DESC LIMIT :l OFFSET :o) ORDER BY created_at DESC, id DESC",
                          {company_id}, {limit, offset});
    return search_->page(s, search_->plan(s, company_id, words), limit, offset);
  });
}

LeadCount LeadStore::count(const std::string& company_id, const std::string& search) {
  auto words = search_words(search);
  if (!search.empty() && words.empty()) return {};
  return db_.with_session([&](soci::session& s) -> LeadCount {
    if (auto address = whole_address(search))
      return {select_number(s, "SELECT COUNT(*) " + kByAddress, {company_id, *address}), false};
    if (words.empty())
      return {select_number(s, "SELECT COALESCE(SUM(live), 0) FROM lead_counts WHERE company_id = :c", {company_id}),
              false};
    return search_->count(s, search_->plan(s, company_id, words));
  });
}

LeadRecords::PageAndCount LeadStore::page_and_count(const std::string& company_id, const std::string& search,
                                                    long long limit, long long offset) {
  auto words = search_words(search);
  if (words.empty() || whole_address(search))
    return {page(company_id, search, limit, offset), count(company_id, search)};
  return db_.with_session([&](soci::session& s) {
    auto result = search_->page_and_count(s, search_->plan(s, company_id, words), limit, offset);
    return PageAndCount{std::move(result.first), result.second};
  });
}

void LeadStore::replace(const Lead& l, TimePoint at) {
  db_.in_transaction([&](soci::session& s) {
    bool was_deleted = select_number(s, "SELECT deleted FROM leads WHERE id = :id", {l.id}) != 0;
    search_->unindex(s, {l.id});
    std::string sql = "UPDATE leads SET name = :n";
    for (std::size_t i = 0; i < kLeadTextFields.size(); ++i)
      sql += std::string(", ") + kLeadTextFields[i] + " = :f" + std::to_string(i);
    sql += ", do_not_contact = :dnc, deleted = 0, updated_at = :t WHERE id = :id";
    Lead copy = l;  // bound by reference until execution
    int dnc = l.do_not_contact ? 1 : 0;
    std::string now = format_rfc3339(at);
    soci::statement st(s);
    st.alloc();
    st.prepare(sql);
    st.exchange(soci::use(copy.name));
    for (auto& f : copy.fields) st.exchange(soci::use(f));
    st.exchange(soci::use(dnc));
    st.exchange(soci::use(now));
    st.exchange(soci::use(copy.id));
    st.define_and_bind();
    st.execute(true);
    search_->index(s, {l.id});
    if (was_deleted) add_live_leads(s, l.company_id, 1);
  });
}

void LeadStore::soft_delete(const std::string& company_id, const std::string& lead_id, TimePoint at) {
  auto now = format_rfc3339(at);
  db_.in_transaction([&](soci::session& s) {
    // The index entry goes only when the update will happen: an id of another company's lead leaves it be.
    if (select_number(s, "SELECT COUNT(*) FROM leads WHERE id = :id AND company_id = :c AND deleted = 0",
                      {lead_id, company_id}) == 0)
      return;
    search_->unindex(s, {lead_id});
    if (execute_with(s,
                     "UPDATE leads SET deleted = 1, updated_at = :t WHERE id = :id AND company_id = :c AND deleted = 0",
                     {now, lead_id, company_id}) == 1)
      add_live_leads(s, company_id, -1);
  });
}

void LeadStore::set_enriched_data(const std::string& company_id, const std::string& lead_id, const std::string& json,
                                  TimePoint at) {
  db_.with_session([&](soci::session& s) {
    execute_with(s, "UPDATE leads SET enriched_data = :d, updated_at = :t WHERE id = :id AND company_id = :c",
                 {json, format_rfc3339(at), lead_id, company_id});
  });
}

}  // namespace reach
