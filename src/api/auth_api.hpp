// /api/auth/* and /api/users/me handlers.
#pragma once
#include "api/services.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace reach::auth_api {

Response signup(const Request& req, Services& s);
Response verify(const Request& req, Services& s);
Response resend_verification(const Request& req, Services& s);
Response login(const Request& req, Services& s);
Response forgot_password(const Request& req, Services& s);
Response reset_password(const Request& req, Services& s);
Response invite_password(const Request& req, Services& s);
Response logout(const Request& req, Services& s);
Response start_session(const Request& req, Services& s);
Response end_session(const Request& req, Services& s);
Response accept_invitation(const Request& req, Services& s);
Response decline_invitation(const Request& req, Services& s);
Response get_me(const Request& req, Services& s);
Response update_me(const Request& req, Services& s);

}  // namespace reach::auth_api
