#include "store/lead_rows.hpp"

#include "store/row_values.hpp"
#include "store/soci_time.hpp"

namespace reach {

const std::string& lead_field_columns() {
  static const std::string cols = [] {
    std::string out;
    for (const char* f : kLeadTextFields) out += std::string(", ") + f;
    return out;
  }();
  return cols;
}

const std::string& lead_select_columns() {
  static const std::string cols =
      "id, company_id, name" + lead_field_columns() + ", do_not_contact, deleted, created_at";
  return cols;
}

Lead from_lead_row(const soci::row& r) {
  Lead l;
  l.id = r.get<std::string>(0);
  l.company_id = r.get<std::string>(1);
  l.name = r.get<std::string>(2);
  for (std::size_t i = 0; i < kLeadTextFields.size(); ++i) l.fields[i] = nullable_text(r, 3 + i);
  l.do_not_contact = integer_value(r, 3 + kLeadTextFields.size()) != 0;
  l.deleted = integer_value(r, 4 + kLeadTextFields.size()) != 0;
  l.created_at = r.get<TimePoint>(5 + kLeadTextFields.size());
  return l;
}

void add_live_leads(soci::session& s, const std::string& company_id, long long delta) {
  if (delta == 0) return;
  s << "INSERT INTO lead_counts (company_id, live) VALUES (:c, :d) "
       "ON CONFLICT (company_id) DO UPDATE SET live = lead_counts.live + excluded.live",
      soci::use(company_id), soci::use(delta);
}

namespace {

// `sql` prepared with `texts` then `numbers` bound in order, and `into` (an output, or none).
template <typename Into>
void prepare(soci::statement& st, const std::string& sql, const std::vector<std::string>& texts,
             const std::vector<long long>& numbers, Into* into) {
  st.alloc();
  st.prepare(sql);
  for (const auto& t : texts) st.exchange(soci::use(t));
  for (const auto& n : numbers) st.exchange(soci::use(n));
  if (into) st.exchange(soci::into(*into));
  st.define_and_bind();
}

}  // namespace

std::vector<Lead> select_leads(soci::session& s, const std::string& sql, const std::vector<std::string>& texts,
                               const std::vector<long long>& numbers) {
  std::vector<Lead> out;
  soci::row r;
  soci::statement st(s);
  prepare(st, sql, texts, numbers, &r);
  if (st.execute(true)) {
    do {
      out.push_back(from_lead_row(r));
    } while (st.fetch());
  }
  return out;
}

long long select_number(soci::session& s, const std::string& sql, const std::vector<std::string>& texts,
                        const std::vector<long long>& numbers) {
  long long n = 0;
  soci::statement st(s);
  prepare(st, sql, texts, numbers, &n);
  st.execute(true);
  return n;
}

long long execute_with(soci::session& s, const std::string& sql, const std::vector<std::string>& texts,
                       const std::vector<long long>& numbers) {
  soci::statement st(s);
  prepare(st, sql, texts, numbers, static_cast<long long*>(nullptr));
  st.execute(true);
  return st.get_affected_rows();
}

void ArrayLiteral::add(const std::optional<std::string>& value) {
  out_ += out_.empty() ? "{" : ",";
  if (!value) {
    out_ += "NULL";
    return;
  }
  out_ += '"';
  for (char ch : *value) {
    if (ch == '"' || ch == '\\') out_ += '\\';
    out_ += ch;
  }
  out_ += '"';
}

}  // namespace reach
