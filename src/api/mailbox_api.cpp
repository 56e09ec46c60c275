#include "api/mailbox_api.hpp"

#include "api/caller.hpp"
#include "api/pagination.hpp"
#include "campaigns/email_composer.hpp"
#include "http/json_input.hpp"
#include "util/time_format.hpp"

namespace reach::mailbox_api {
namespace {

nlohmann::json settings_json(const MailboxSettings& m) {
  auto security = m.security == MailSecurity::tls ? "tls" : m.security == MailSecurity::starttls ? "starttls" : "none";
  return {{"type", m.account_type},
          {"email", m.email},
          {"from_name", m.from_name ? nlohmann::json(*m.from_name) : nlohmann::json(nullptr)},
          {"smtp_host", m.smtp_host},
          {"smtp_port", m.smtp_port},
          {"imap_host", m.imap_host ? nlohmann::json(*m.imap_host) : nlohmann::json(nullptr)},
          {"imap_port", m.imap_port ? nlohmann::json(*m.imap_port) : nlohmann::json(nullptr)},
          {"security", security}};
}

nlohmann::json throttle_json(const EmailThrottle& t) {
  return {{"max_emails_per_hour", t.max_emails_per_hour},
          {"max_emails_per_day", t.max_emails_per_day},
          {"enabled", t.enabled}};
}

std::optional<int> port_field(FieldReader& f, const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return std::nullopt;
  if (!body[name].is_number_integer() || body[name].get<long long>() < 1 || body[name].get<long long>() > 65535) {
    f.add_error(name, "Input should be a port number from 1 to 65535", "int_parsing");
    return std::nullopt;
  }
  return static_cast<int>(body[name].get<long long>());
}

// The 43-byte transparent GIF every open-tracking pixel is.
const std::string kPixel = std::string(
    "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff\x21\xf9\x04\x01\x00\x00\x00\x00\x2c\x00\x00\x00\x00"
    "\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b",
    43);

bool looks_like_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

Response page(int status, const std::string& title, const std::string& body_html) {
  Response r = Response::text(status, "text/html; charset=utf-8",
                              "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                              "content=\"width=device-width, initial-scale=1\"><title>" +
                                  html_escape(title) +
                                  "</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem "
                                  "auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.6rem "
                                  "1.2rem}</style></head><body><h1>" +
                                  html_escape(title) + "</h1>" + body_html + "</body></html>\n");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return r;
}

}  // namespace

Response put_credentials(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto body = json_object_body(req);
  FieldReader f(body);
  CredentialsInput in;
  in.type = f.required_string("type", 20);
  in.email = f.required_string("email", 320);
  in.password = f.required_string("password", 1024);
  in.from_name = f.optional_string("from_name", 200);
  in.smtp_host = f.optional_string("smtp_host", 253);
  in.imap_host = f.optional_string("imap_host", 253);
  in.security = f.optional_string("security", 20);
  in.smtp_port = port_field(f, body, "smtp_port");
  in.imap_port = port_field(f, body, "imap_port");
  f.finish();
  auto saved = s.mailbox.save_credentials(company_id, std::move(in));
  auto out = settings_json(saved);
  out["message"] = "Credentials saved: the mail server accepted the login";
  return Response::json(200, out);
}

Response get_credentials(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto settings = s.mailbox.settings(company_id);
  if (!settings) throw not_found("No mailbox is configured for this company");
  return Response::json(200, settings_json(*settings));
}

Response get_throttle(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  return Response::json(200, throttle_json(s.mailbox.throttle(company_id)));
}

Response put_throttle(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto body = json_object_body(req);
  FieldReader f(body);
  EmailThrottle t = s.mailbox.throttle(company_id);
  for (auto [name, target] : {std::pair{"max_emails_per_hour", &t.max_emails_per_hour},
                              std::pair{"max_emails_per_day", &t.max_emails_per_day}}) {
    if (!body.contains(name)) continue;
    if (!body[name].is_number_integer() || body[name].get<long long>() < 1 || body[name].get<long long>() > 2400000)
      f.add_error(name, "Input should be a positive integer", "int_parsing");
    else
      *target = static_cast<int>(body[name].get<long long>());
  }
  if (body.contains("enabled")) {
    if (!body["enabled"].is_boolean())
      f.add_error("enabled", "Input should be a valid boolean", "bool_parsing");
    else
      t.enabled = body["enabled"].get<bool>();
  }
  f.finish();
  return Response::json(200, throttle_json(s.mailbox.set_throttle(company_id, t)));
}

Response list_do_not_email(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto p = page_request(req);
  long long total = 0;
  auto items = nlohmann::json::array();
  for (const auto& e : s.mailbox.do_not_email(company_id, (p.page - 1) * p.page_size, p.page_size, &total))
    items.push_back({{"id", e.id},
                     {"email", e.email},
                     {"reason", e.reason},
                     {"company_id", e.company_id},
                     {"created_at", format_rfc3339(e.created_at)}});
  return Response::json(200, paginated(std::move(items), total, p));
}

Response add_do_not_email(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  auto body = json_object_body(req);
  FieldReader f(body);
  auto email = f.required_string("email", 320);
  auto reason = f.optional_string("reason", 50).value_or("manual");
  f.finish();
  auto e = s.mailbox.add_do_not_email(company_id, email, reason);
  return Response::json(200, {{"id", e.id},
                              {"email", e.email},
                              {"reason", e.reason},
                              {"company_id", e.company_id},
                              {"created_at", format_rfc3339(e.created_at)}});
}

Response remove_do_not_email(const Request& req, Services& s) {
  auto [caller, company_id] = company_caller(req);
  std::string email;
  if (auto it = req.query.find("email"); it != req.query.end()) {
    email = it->second;
  } else {
    auto body = json_object_body(req);
    FieldReader f(body);
    email = f.required_string("email", 320);
    f.finish();
  }
  s.mailbox.remove_do_not_email(company_id, email);
  return Response::message("The address was removed from the do-not-email list");
}

Response track_email(const Request& req, Services& s) {
  auto id = req.path_params.count("email_log_id") ? req.path_params.at("email_log_id") : "";
  if (looks_like_uuid(id)) s.opens.record(id, req.header("user-agent").value_or(""));
  Response r = Response::text(200, "image/gif", kPixel);
  r.headers.emplace_back("Cache-Control", "no-store, no-cache, must-revalidate, private");
  r.headers.emplace_back("Pragma", "no-cache");
  r.headers.emplace_back("Expires", "0");
  return r;
}

Response track_click(const Request& req, Services& s) {
  const std::string& token = req.path_params.at("token");
  auto url = token.size() <= 64 ? s.campaigns.click(token) : std::nullopt;
  if (!url) return page(404, "Link not found", "<p>This link is not valid; copy the whole link from the email.</p>");
  Response r = Response::text(302, "text/plain; charset=utf-8", "");
  r.headers.emplace_back("Location", *url);  // only ever the URL recorded for this token
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return r;
}

Response unsubscribe_page(const Request& req, Services& s) {
  auto target = s.mailbox.read_unsubscribe_token(req.path_params.at("token"));
  // Only a person's click on the button unsubscribes: link scanners fetch pages, they do not post forms.
  return page(200, "Unsubscribe",
              "<p>Stop emails to <strong>" + html_escape(target.email) +
                  "</strong>?</p><form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
}

Response unsubscribe(const Request& req, Services& s) {
  auto target = s.mailbox.unsubscribe(req.path_params.at("token"));
  return page(200, "You are unsubscribed",
              "<p>" + html_escape(target.email) + " will not receive these emails again.</p>");
}

}  // namespace reach::mailbox_api
