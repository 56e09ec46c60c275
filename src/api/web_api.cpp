#include "api/web_api.hpp"

#include <array>
#include <utility>

#include "assets/embedded_assets.hpp"
#include "domain/api_error.hpp"

namespace reach::web_api {
namespace {

// What the browser may load and do on the app's pages: everything from this origin, nothing inline,
// nothing from elsewhere; the app may not be framed (clickjacking), forms post only here.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

Response with_web_headers(Response r) {
  r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");  // links carry tokens: never leak them onwards
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

std::string embedded(std::string_view name) {
  auto content = find_embedded_asset(name);
  if (!content) throw not_found("This part of the web app is missing from the build");
  return std::string(*content);
}

}  // namespace

Response page(const Request&, Services&) {
  return with_web_headers(Response::text(200, "text/html; charset=utf-8", embedded("index.html")));
}

Response asset(const Request& req, Services&) {
  static const std::array<std::pair<std::string_view, std::string_view>, 2> kAssets = {
      {{"app.js", "text/javascript; charset=utf-8"}, {"app.css", "text/css; charset=utf-8"}}};
  const auto& name = req.path_params.at("name");
  for (const auto& [file, type] : kAssets)
    if (name == file) return with_web_headers(Response::text(200, std::string(type), embedded(file)));
  throw not_found("No such asset");
}

}  // namespace reach::web_api
