// A product a company sells, described by an uploaded document. Soft-deleted products stay
// readable (campaigns already using them keep working) but leave listings.
#pragma once
#include <optional>
#include <string>

#include "util/clock.hpp"

namespace reach {

struct Product {
  std::string id;
  std::string company_id;
  std::string product_name;
  std::string file_name;          // the blob key in bucket product-files
  std::string original_filename;  // as uploaded
  std::string content_type;
  long long file_size = 0;
  std::optional<std::string> description;  // the document's cleaned text
  std::optional<std::string> product_url;
  std::optional<std::string> enriched_information;  // JSON text, filled when an LLM is configured
  TimePoint created_at;
  bool deleted = false;
};

}  // namespace reach
