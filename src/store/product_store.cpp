#include "store/product_store.hpp"

#include "store/row_values.hpp"
#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

constexpr const char* kColumns =
    "id, company_id, product_name, file_name, original_filename, content_type, file_size, description, "
    "product_url, enriched_information, created_at, deleted";

Product from_row(const soci::row& r) {
  Product p;
  p.id = r.get<std::string>(0);
  p.company_id = r.get<std::string>(1);
  p.product_name = r.get<std::string>(2);
  p.file_name = r.get<std::string>(3);
  p.original_filename = r.get<std::string>(4);
  p.content_type = r.get<std::string>(5);
  p.file_size = integer_value(r, 6);
  p.description = nullable_text(r, 7);
  p.product_url = nullable_text(r, 8);
  p.enriched_information = nullable_text(r, 9);
  p.created_at = r.get<TimePoint>(10);
  p.deleted = integer_value(r, 11) != 0;
  return p;
}

}  // namespace

void ProductStore::insert(const Product& p) {
  db_.with_session([&](soci::session& s) {
    s << "INSERT INTO products (id, company_id, product_name, file_name, original_filename, content_type, file_size, "
         "description, product_url, enriched_information, deleted, created_at, updated_at) VALUES (:id, :c, :n, :f, "
         ":o, "
         ":ct, :sz, :d, :u, :e, 0, :t, :t2)",
        soci::use(p.id), soci::use(p.company_id), soci::use(p.product_name), soci::use(p.file_name),
        soci::use(p.original_filename), soci::use(p.content_type), soci::use(p.file_size), soci::use(p.description),
        soci::use(p.product_url), soci::use(p.enriched_information), soci::use(p.created_at), soci::use(p.created_at);
  });
}

std::optional<Product> ProductStore::find(const std::string& company_id, const std::string& product_id) {
  return db_.with_session([&](soci::session& s) -> std::optional<Product> {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT " + std::string(kColumns) + " FROM products WHERE id = :id AND company_id = :c",
         soci::use(product_id), soci::use(company_id));
    for (const auto& r : rows) return from_row(r);
    return std::nullopt;
  });
}

std::vector<Product> ProductStore::list(const std::string& company_id) {
  return db_.with_session([&](soci::session& s) {
    std::vector<Product> out;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT " + std::string(kColumns) +
                          " FROM products WHERE company_id = :c AND deleted = 0 ORDER BY created_at, id",
         soci::use(company_id));
    for (const auto& r : rows) out.push_back(from_row(r));
    return out;
  });
}

void ProductStore::update(const Product& p, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE products SET product_name = :n, description = :d, product_url = :u, enriched_information = :e, "
         "updated_at = :t WHERE id = :id AND company_id = :c",
        soci::use(p.product_name), soci::use(p.description), soci::use(p.product_url),
        soci::use(p.enriched_information), soci::use(now), soci::use(p.id), soci::use(p.company_id);
  });
}

void ProductStore::soft_delete(const std::string& company_id, const std::string& product_id, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE products SET deleted = 1, updated_at = :t WHERE id = :id AND company_id = :c", soci::use(now),
        soci::use(product_id), soci::use(company_id);
  });
}

}  // namespace reach
