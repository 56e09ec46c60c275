#include "catalog/product_service.hpp"

#include <spdlog/spdlog.h>

#include "domain/api_error.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

std::string content_type_of(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::pdf:
      return "application/pdf";
    case DocumentKind::docx:
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case DocumentKind::text:
      return "text/plain; charset=utf-8";
  }
  return "application/octet-stream";
}

}  // namespace

Product ProductService::create(const std::string& company_id, const std::string& product_name,
                               const std::string& filename, std::string_view content) {
  ExtractedDocument doc;
  try {
    doc = extract_document_text(content, limits_);
  } catch (const DocumentError& e) {
    throw bad_request(std::string(e.what()) + " (file: " + filename + ")");
  }
  Product p;
  p.id = new_uuid(rng_);
  p.company_id = company_id;
  p.product_name = product_name;
  p.original_filename = filename;
  p.file_name = company_id + "/" + p.id + "/" + safe_file_name(filename);
  p.content_type = content_type_of(doc.kind);
  p.file_size = static_cast<long long>(content.size());
  p.description = std::move(doc.text);
  p.created_at = clock_.now();
  blobs_.put(kProductFilesBucket, p.file_name, content);
  store_.insert(p);
  spdlog::info("product_created company_id={} product_id={} kind={} bytes={} pages={} text_chars={} truncated={}",
               company_id, p.id, document_kind_name(doc.kind), content.size(), doc.pages, p.description->size(),
               doc.truncated);
  return p;
}

Product ProductService::get(const std::string& company_id, const std::string& product_id) {
  auto p = store_.find(company_id, product_id);
  if (!p) throw not_found("Product not found");
  return *p;
}

Product ProductService::update(const std::string& company_id, const std::string& product_id,
                               const ProductChange& change) {
  Product p = get(company_id, product_id);
  if (p.deleted) throw bad_request("The product is deleted and cannot be changed");
  if (change.product_name) p.product_name = *change.product_name;
  if (change.description) p.description = *change.description;
  if (change.product_url) p.product_url = change.product_url->empty() ? std::nullopt : change.product_url;
  store_.update(p, clock_.now());
  return p;
}

void ProductService::remove(const std::string& company_id, const std::string& product_id) {
  get(company_id, product_id);
  store_.soft_delete(company_id, product_id, clock_.now());
}

StoredFile ProductService::file(const std::string& company_id, const std::string& product_id) {
  Product p = get(company_id, product_id);
  auto content = blobs_.get(kProductFilesBucket, p.file_name);
  if (!content) throw not_found("The product's file is missing from storage");
  return {std::move(*content), p.content_type, p.original_filename};
}

}  // namespace reach
