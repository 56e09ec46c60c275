// /api/companies/{company_id}/products* handlers.
#pragma once
#include "api/services.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace reach::products_api {

Response create(const Request& req, Services& s);
Response list(const Request& req, Services& s);
Response get(const Request& req, Services& s);
Response update(const Request& req, Services& s);
Response remove(const Request& req, Services& s);
Response file(const Request& req, Services& s);

}  // namespace reach::products_api
