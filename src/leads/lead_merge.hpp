// The one rule for a row or request that matches an existing lead: its non-empty fields win, empty ones
// keep what is there. Pure: the importer applies it to every matching row in file order, in memory,
// and writes only the result.
#pragma once
#include "domain/lead.hpp"

namespace reach {

// `existing` with `incoming`'s non-empty name and fields written over it (id, company, creation kept).
Lead merged_lead(Lead existing, const Lead& incoming);

}  // namespace reach
