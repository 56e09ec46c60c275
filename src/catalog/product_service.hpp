// Products: upload (text extracted first, so a bad file is refused before anything is stored), read,
// update, soft delete, and the original file back.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/blob_store.hpp"
#include "domain/product.hpp"
#include "ingest/document_text.hpp"
#include "store/product_store.hpp"
#include "util/clock.hpp"
#include "util/random.hpp"

namespace reach {

struct ProductChange {
  std::optional<std::string> product_name, description, product_url;
};

struct StoredFile {
  std::string content;
  std::string content_type;
  std::string filename;
};

class ProductService {
 public:
  ProductService(ProductStore& store, BlobStore& blobs, const Clock& clock, Rng& rng, ExtractionLimits limits = {})
      : store_(store), blobs_(blobs), clock_(clock), rng_(rng), limits_(limits) {}

  // 400 when the file is of an unsupported type or cannot be read; the message says why.
  Product create(const std::string& company_id, const std::string& product_name, const std::string& filename,
                 std::string_view content);
  std::vector<Product> list(const std::string& company_id) { return store_.list(company_id); }
  // Also soft-deleted ones (with deleted: true); 404 for none.
  Product get(const std::string& company_id, const std::string& product_id);
  Product update(const std::string& company_id, const std::string& product_id, const ProductChange& change);
  void remove(const std::string& company_id, const std::string& product_id);
  StoredFile file(const std::string& company_id, const std::string& product_id);

 private:
  ProductStore& store_;
  BlobStore& blobs_;
  const Clock& clock_;
  Rng& rng_;
  ExtractionLimits limits_;
};

}  // namespace reach
