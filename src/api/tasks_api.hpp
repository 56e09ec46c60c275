// Lead list uploads and their background tasks: upload, task status, skipped rows.
#pragma once
#include "api/services.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace reach::tasks_api {

Response upload_leads(const Request& req, Services& s);
Response get_task(const Request& req, Services& s);
Response skipped_rows(const Request& req, Services& s);

}  // namespace reach::tasks_api
