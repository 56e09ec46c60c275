// The one policy for a request or a CSV row that matches an existing lead (api-contract.md "Leads"),
// pure, used by LeadService and LeadImporter alike:
// - through the API, a live match is a conflict; a deleted one comes back, holding the request's values;
// - from an import, a live match takes the row's non-empty fields (empty ones keep what is there; the
//   importer applies it to every matching row in file order, in memory, and writes only the result);
//   a deleted one stays deleted (an import must not bring back someone removed on purpose): the row is
//   skipped.
#pragma once
#include "domain/lead.hpp"

namespace reach {

// `existing` with `incoming`'s non-empty name and fields written over it (id, company, creation kept).
Lead merged_lead(Lead existing, const Lead& incoming);

enum class LeadArrival { request, import_row };

struct LeadMatchOutcome {
  enum class Kind { conflict, restore, update, skip } kind;
  Lead lead;  // restore, update: the lead as it is to be written (the existing lead's id and creation)
};

LeadMatchOutcome on_match(Lead existing, const Lead& incoming, LeadArrival arrival);

}  // namespace reach
