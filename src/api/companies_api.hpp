// /api/companies* handlers: companies, members and invitations.
#pragma once
#include "api/services.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace reach::companies_api {

Response create(const Request& req, Services& s);
Response list(const Request& req, Services& s);
Response get(const Request& req, Services& s);
Response update(const Request& req, Services& s);
Response remove(const Request& req, Services& s);
Response members(const Request& req, Services& s);
Response invite(const Request& req, Services& s);
Response change_member(const Request& req, Services& s);
Response remove_member(const Request& req, Services& s);

}  // namespace reach::companies_api
