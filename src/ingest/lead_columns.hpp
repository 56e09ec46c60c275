// Which Lead field a CSV column holds, from its header: a synonym dictionary of the headers lead
// lists use ("E-mail Address", "Work Email", "Mobile Phone", "Company Name", "Title", ...), then
// keyword rules for headers it does not know. Each field is taken by its first column only.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/lead.hpp"

namespace reach {

// The field a column may hold, by the field's contract name ("job_title"): any field but those the
// system writes (enriched_data, upload_task_id); nothing for other names.
std::optional<LeadField> column_field_named(std::string_view name);

struct HeaderMapping {
  std::vector<std::optional<LeadField>> columns;  // per column
  std::vector<std::string> unmapped;              // headers (as written) no field took
  // True when names come from "First Name" + "Last Name" columns (no full-name column).
  bool name_from_parts() const;
  std::optional<std::size_t> column_of(LeadField field) const;
  // Columns with a header and no field (a field is taken by its first column only).
  std::vector<std::size_t> open_columns(const std::vector<std::string>& headers) const;
  // `unmapped` again, after columns changed.
  void recount_unmapped(const std::vector<std::string>& headers);
};

// The field a header means, from the dictionary and keyword rules; nothing for unknown headers.
std::optional<LeadField> field_for_header(std::string_view header);
HeaderMapping map_headers(const std::vector<std::string>& headers);

}  // namespace reach
