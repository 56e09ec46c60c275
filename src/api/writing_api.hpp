// AI writing for one lead: lead-product enrichment, email and call-script previews, and the company's
// AI usage ledger.
#pragma once
#include "api/services.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace reach::writing_api {

Response enrich(const Request& req, Services& s);
Response enrichments(const Request& req, Services& s);
Response email_preview(const Request& req, Services& s);
Response call_script_preview(const Request& req, Services& s);
Response usage(const Request& req, Services& s);

}  // namespace reach::writing_api
