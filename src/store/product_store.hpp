// Products of a company. find() also returns soft-deleted products; list() does not.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/product.hpp"
#include "store/database.hpp"
#include "util/clock.hpp"

namespace reach {

class ProductStore {
 public:
  explicit ProductStore(Database& db) : db_(db) {}

  void insert(const Product& p);
  std::optional<Product> find(const std::string& company_id, const std::string& product_id);
  std::vector<Product> list(const std::string& company_id);
  void update(const Product& p, TimePoint now);
  void soft_delete(const std::string& company_id, const std::string& product_id, TimePoint now);

 private:
  Database& db_;
};

}  // namespace reach
