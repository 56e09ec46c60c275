// Service endpoints: health, readiness, metrics, the OpenAPI document and the page that renders it.
#pragma once
#include "api/services.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace reach::system_api {

Response healthz(const Request& req, Services& s);
Response readyz(const Request& req, Services& s);
Response metrics(const Request& req, Services& s);
Response openapi(const Request& req, Services& s);
Response docs(const Request& req, Services& s);
// Tests only (registered with --test-clock): {"now": RFC 3339} sets the clock, {"advance_seconds": n}
// moves it; either way, and for GET, answers {"now": ...}.
Response test_clock(const Request& req, Services& s);

}  // namespace reach::system_api
