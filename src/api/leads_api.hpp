// /api/companies/{company_id}/leads* handlers.
#pragma once
#include "api/services.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace reach::leads_api {

Response create(const Request& req, Services& s);
Response list(const Request& req, Services& s);
Response get(const Request& req, Services& s);
Response update(const Request& req, Services& s);
Response remove(const Request& req, Services& s);

}  // namespace reach::leads_api
