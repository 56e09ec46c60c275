// The contract's paginated lists: query `page` (from 1) and `page_size` (default 20, at most 100);
// answer {items, total, page, page_size, total_pages}.
#pragma once
#include <nlohmann/json.hpp>

#include "http/request.hpp"

namespace reach {

struct PageRequest {
  long long page = 1;
  long long page_size = 20;
};

// 422 naming the query parameter when page or page_size is not a number in range.
PageRequest page_request(const Request& req);
nlohmann::json paginated(nlohmann::json items, long long total, const PageRequest& p);

}  // namespace reach
