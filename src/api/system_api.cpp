#include "api/system_api.hpp"

#include <cstdlib>

#include "assets/embedded_assets.hpp"
#include "http/json_input.hpp"
#include "util/time_format.hpp"

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
  return Response::text(200, "text/html; charset=utf-8",
                        std::string(find_embedded_asset("api-docs.html").value_or("")));
}

Response test_clock(const Request& req, Services& s) {
  if (req.method == "POST") {
    auto body = json_object_body(req);
    FieldReader f(body);
    auto now = f.optional_string("now", 40);
    std::optional<TimePoint> at;
    if (now && !(at = parse_rfc3339(*now)))
      f.add_error("now", "Expected an RFC 3339 time such as 2031-01-02T09:00:00Z", "datetime_parsing");
    std::optional<long long> advance;
    if (auto it = body.find("advance_seconds"); it != body.end() && !it->is_null()) {
      if (it->is_number_integer() && std::llabs(it->get<long long>()) <= 100LL * 365 * 86400)
        advance = it->get<long long>();
      else
        f.add_error("advance_seconds", "Expected whole seconds, at most 100 years either way", "int_type");
    }
    f.finish();
    if (at) s.clock.set(*at);
    if (advance) s.clock.advance(std::chrono::seconds(*advance));
  }
  return Response::json(200, {{"now", format_rfc3339(s.clock.now())}});
}

}  // namespace reach::system_api
