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

}  // namespace reach::system_api
