// `reach import-leads --company-id ID FILE`: a lead list from a local file, imported through the same
// queue and job as an upload (so a running `reach serve` may take it too); waits and prints the result.
#pragma once
#include <string>

#include "app/config.hpp"

namespace reach {

int run_import_leads(Config config, const std::string& company_id, const std::string& path);

}  // namespace reach
