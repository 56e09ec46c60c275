// The web app (docs/ARCHITECTURE.md "Web app"): its pages are one HTML shell whose script renders the
// page the path names, and its assets; all compiled into the binary (web/), served with a strict
// Content-Security-Policy (scripts and styles from this origin only, no inline script, no framing).
#pragma once
#include "api/services.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace reach::web_api {

Response page(const Request& req, Services& s);
// GET /assets/{name}: app.js, app.css; 404 for anything else.
Response asset(const Request& req, Services& s);

}  // namespace reach::web_api
