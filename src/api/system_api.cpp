#include "api/system_api.hpp"

#include "assets/embedded_assets.hpp"

namespace reach::system_api {

Response healthz(const Request&, Services&) { return Response::json(200, {{"status", "ok"}}); }

Response readyz(const Request&, Services& s) {
  if (s.db.ping()) return Response::json(200, {{"status", "ready"}, {"database", s.db.dialect().name()}});
  return Response::json(503, {{"detail", "Database unreachable"}});
}

Response metrics(const Request&, Services& s) {
  return Response::text(200, "text/plain; version=0.0.4; charset=utf-8", s.metrics.render());
}

Response openapi(const Request&, Services&) {
  return Response::text(200, "application/json", std::string(find_embedded_asset("openapi.json").value_or("{}")));
}

Response docs(const Request&, Services&) {
  return Response::text(200, "text/html; charset=utf-8", std::string(find_embedded_asset("api-docs.html").value_or("")));
}

}  // namespace reach::system_api
