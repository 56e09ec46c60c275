// How a lead is a row of `leads`, shared by LeadStore and the engines' lead classes (lead_engine.hpp):
// the column list, reading a row back, the per-company live count, PostgreSQL array literals.
#pragma once
#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/lead.hpp"

namespace reach {

// ", first_name, last_name, ...": every optional text column, in kLeadTextFields order.
const std::string& lead_field_columns();
// The columns from_lead_row reads, in its order.
const std::string& lead_select_columns();
Lead from_lead_row(const soci::row& r);
// lead_counts.live += delta for the company (its row created on first use); in the caller's transaction.
void add_live_leads(soci::session& s, const std::string& company_id, long long delta);

// Runs `sql` with `texts` then `numbers` bound in order: the leads it selects (lead_select_columns()).
std::vector<Lead> select_leads(soci::session& s, const std::string& sql, const std::vector<std::string>& texts,
                               const std::vector<long long>& numbers = {});
// Runs `sql` with `texts` then `numbers` bound in order: its one integer.
long long select_number(soci::session& s, const std::string& sql, const std::vector<std::string>& texts,
                        const std::vector<long long>& numbers = {});
// Runs `sql` (a write) with `texts` then `numbers` bound in order; answers the rows it changed.
long long execute_with(soci::session& s, const std::string& sql, const std::vector<std::string>& texts,
                       const std::vector<long long>& numbers = {});

// A PostgreSQL array literal of text values: {"a","say \"hi\"",NULL}.
class ArrayLiteral {
 public:
  void add(const std::optional<std::string>& value);
  std::string finish() const { return out_.empty() ? "{}" : out_ + "}"; }

 private:
  std::string out_;
};

}  // namespace reach
