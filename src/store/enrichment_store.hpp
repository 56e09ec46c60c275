// Lead-product enrichments (JSON text), one per lead and product; a new one replaces the old.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace reach {

struct StoredEnrichment {
  std::string lead_id, product_id, company_id;
  std::string data;  // JSON: {pain_points, value_gains, key_messages}
  std::string provider;
  std::string created_at;
};

class EnrichmentStore {
 public:
  explicit EnrichmentStore(Database& db) : db_(db) {}
  void put(const StoredEnrichment& e);
  std::optional<StoredEnrichment> find(const std::string& lead_id, const std::string& product_id);
  // The lead's enrichments for the company's products, newest first.
  std::vector<StoredEnrichment> for_lead(const std::string& company_id, const std::string& lead_id);

 private:
  Database& db_;
};

}  // namespace reach
