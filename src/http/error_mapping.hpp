// The one place an ErrorCode becomes an HTTP status, and the answer to whatever a handler threw.
#pragma once
#include "domain/api_error.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace reach {

// Every code has its status (an exhaustive switch: a new code does not build until it is mapped).
int http_status(ErrorCode code);

// The response for the exception being handled: ApiError → its status, message and headers (its log
// detail is logged for server-side codes, never sent); ValidationError → 422 with the field errors;
// anything else is a bug → logged with the request id and answered 500 without internals.
Response error_response_for_current_exception(const Request& req);

}  // namespace reach
