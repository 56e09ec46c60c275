#include "api/pagination.hpp"

#include "domain/api_error.hpp"

namespace reach {
namespace {

long long query_int(const Request& req, const std::string& name, long long fallback, long long min, long long max,
                    std::vector<FieldError>& errors) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return fallback;
  const std::string& v = it->second;
  bool digits = v.size() <= 9 && v.find_first_not_of("0123456789") == std::string::npos;
  long long n = digits ? std::stoll(v) : -1;
  if (!digits || n < min || n > max) {
    errors.push_back({{"query", name},
                      "Input should be an integer from " + std::to_string(min) + " to " + std::to_string(max),
                      digits ? "less_than_equal" : "int_parsing"});
    return fallback;
  }
  return n;
}

}  // namespace

PageRequest page_request(const Request& req) {
  std::vector<FieldError> errors;
  PageRequest p{query_int(req, "page", 1, 1, 100000000, errors), query_int(req, "page_size", 20, 1, 100, errors)};
  if (!errors.empty()) throw ValidationError(errors);
  return p;
}

nlohmann::json paginated(nlohmann::json items, long long total, const PageRequest& p) {
  return {{"items", std::move(items)},
          {"total", total},
          {"page", p.page},
          {"page_size", p.page_size},
          {"total_pages", (total + p.page_size - 1) / p.page_size}};
}

}  // namespace reach
