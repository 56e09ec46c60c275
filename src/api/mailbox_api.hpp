// The company's mailbox: credentials, sending throttle, do-not-email list; and the public tracking
// and unsubscribe endpoints that campaign mail links to.
#pragma once
#include "api/services.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace reach::mailbox_api {

Response put_credentials(const Request& req, Services& s);
Response get_credentials(const Request& req, Services& s);
Response get_throttle(const Request& req, Services& s);
Response put_throttle(const Request& req, Services& s);
Response list_do_not_email(const Request& req, Services& s);
Response add_do_not_email(const Request& req, Services& s);
Response remove_do_not_email(const Request& req, Services& s);

Response track_email(const Request& req, Services& s);
Response track_click(const Request& req, Services& s);
Response unsubscribe_page(const Request& req, Services& s);
Response unsubscribe(const Request& req, Services& s);

}  // namespace reach::mailbox_api
