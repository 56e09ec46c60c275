// Campaigns, runs and the emails they sent (api-contract.md "Campaigns, runs, emails, tracking").
#pragma once
#include "api/services.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace reach::campaigns_api {

Response create(const Request& req, Services& s);
Response list(const Request& req, Services& s);
Response get(const Request& req, Services& s);
Response run(const Request& req, Services& s);
Response runs(const Request& req, Services& s);
Response get_run(const Request& req, Services& s);
Response cancel_run(const Request& req, Services& s);
Response run_items(const Request& req, Services& s);
Response emails(const Request& req, Services& s);
Response analytics(const Request& req, Services& s);
Response thread(const Request& req, Services& s);

}  // namespace reach::campaigns_api
