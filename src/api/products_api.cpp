#include "api/products_api.hpp"

#include "api/caller.hpp"
#include "api/json_views.hpp"
#include "domain/validation.hpp"
#include "http/json_input.hpp"
#include "http/multipart.hpp"
#include "ingest/document_text.hpp"

namespace reach::products_api {
namespace {

// The filename of a download, safe inside a quoted Content-Disposition value.
std::string disposition_name(const std::string& name) {
  std::string out;
  for (unsigned char c : name) out += (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f) ? '_' : static_cast<char>(c);
  return out.empty() ? "file" : out;
}

}  // namespace

Response create(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto form = parse_multipart(req);
  std::vector<FieldError> errors;
  const auto* name = form.find("product_name");
  // Form fields are bytes: read as UTF-8, else Windows-1252, as text files are (stored invalid UTF-8
  // made every later JSON answer about the product fail).
  std::string product_name = name ? trim(to_utf8_lenient(name->data)) : "";
  if (product_name.empty())
    errors.push_back({{"body", "product_name"}, "Field required", "missing"});
  else if (product_name.size() > 200)
    errors.push_back({{"body", "product_name"}, "String should have at most 200 characters", "string_too_long"});
  const auto* file = form.find("file");
  if (!file || !file->filename) errors.push_back({{"body", "file"}, "Field required: a file upload", "missing"});
  if (!errors.empty()) throw ValidationError(errors);
  auto filename = file->filename->empty() ? std::string("upload") : to_utf8_lenient(*file->filename);
  return Response::json(200, to_json(s.products.create(company_id, product_name, filename, file->data)));
}

Response list(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  return Response::json(200, to_json_array(s.products.list(company_id)));
}

Response get(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  return Response::json(200, to_json(s.products.get(company_id, req.path_uuid("product_id"))));
}

Response update(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto product_id = req.path_uuid("product_id");
  auto body = json_object_body(req);
  FieldReader f(body);
  ProductChange change{f.optional_string("product_name", 200), f.optional_string("description", 200000), std::nullopt};
  if (change.product_name && change.product_name->empty())
    f.add_error("product_name", "String should have at least 1 character", "string_too_short");
  auto url = f.optional_string("product_url", 2048);
  if (url && url->empty())
    change.product_url = "";  // clears it
  else if (url) {
    change.product_url = normalize_website(*url);
    if (!change.product_url)
      f.add_error("product_url", "Input should be a valid URL, e.g. https://example.com/product", "url_parsing");
  }
  f.finish();
  return Response::json(200, to_json(s.products.update(company_id, product_id, change)));
}

Response remove(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  s.products.remove(company_id, req.path_uuid("product_id"));
  return Response::message("Product deleted successfully");
}

Response file(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto stored = s.products.file(company_id, req.path_uuid("product_id"));
  auto r = Response::text(200, stored.content_type, std::move(stored.content));
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + disposition_name(stored.filename) + "\"");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace reach::products_api
