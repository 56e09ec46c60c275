#include "store/enrichment_store.hpp"

namespace reach {

void EnrichmentStore::put(const StoredEnrichment& e) {
  db_.with_session([&](soci::session& s) {
    s << "INSERT INTO lead_enrichments (lead_id, product_id, company_id, data, provider, created_at) "
         "VALUES (:l, :p, :c, :d, :pr, :t) ON CONFLICT (lead_id, product_id) DO UPDATE SET "
         "data = excluded.data, provider = excluded.provider, created_at = excluded.created_at",
        soci::use(e.lead_id), soci::use(e.product_id), soci::use(e.company_id), soci::use(e.data),
        soci::use(e.provider), soci::use(e.created_at);
  });
}

namespace {

constexpr const char* kColumns =
    "SELECT lead_id, product_id, company_id, data, provider, created_at FROM lead_enrichments ";

StoredEnrichment enrichment_from(const soci::row& r) {
  return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
          r.get<std::string>(3), r.get<std::string>(4), r.get<std::string>(5)};
}

}  // namespace

std::optional<StoredEnrichment> EnrichmentStore::find(const std::string& lead_id, const std::string& product_id) {
  return db_.with_session([&](soci::session& s) -> std::optional<StoredEnrichment> {
    soci::rowset<soci::row> rows = (s.prepare << std::string(kColumns) + "WHERE lead_id = :l AND product_id = :p",
                                    soci::use(lead_id), soci::use(product_id));
    for (const auto& r : rows) return enrichment_from(r);
    return std::nullopt;
  });
}

std::vector<StoredEnrichment> EnrichmentStore::for_lead(const std::string& company_id, const std::string& lead_id) {
  return db_.with_session([&](soci::session& s) {
    std::vector<StoredEnrichment> out;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kColumns) + "WHERE lead_id = :l AND company_id = :c ORDER BY created_at DESC",
         soci::use(lead_id), soci::use(company_id));
    for (const auto& r : rows) out.push_back(enrichment_from(r));
    return out;
  });
}

}  // namespace reach
