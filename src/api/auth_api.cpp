#include "api/auth_api.hpp"

#include "api/caller.hpp"
#include "api/json_views.hpp"
#include "domain/validation.hpp"
#include "http/cookies.hpp"
#include "http/json_input.hpp"

namespace reach::auth_api {
Response signup(const Request& req, Services& s) {
  auto body = json_object_body(req);
  FieldReader f(body);
  auto email = f.required_email("email");
  auto password = f.required_password("password");
  auto name = f.optional_string("name", 200);
  f.finish();
  s.auth.signup(email, password, name);
  return Response::message("Account created successfully. Please check your email to verify your account.");
}

Response verify(const Request& req, Services& s) {
  auto body = json_object_body(req);
  FieldReader f(body);
  auto token = f.required_string("token", 256);
  f.finish();
  s.auth.verify_email(token);
  return Response::message("Email verified successfully. You can now log in.");
}

Response resend_verification(const Request& req, Services& s) {
  auto body = json_object_body(req);
  FieldReader f(body);
  auto email = f.required_email("email");
  f.finish();
  s.auth.resend_verification(email);
  return Response::message("If the account exists and is not verified yet, a new verification email is on its way.");
}

Response login(const Request& req, Services& s) {
  auto form = form_body(req);
  std::vector<FieldError> errors;
  for (const char* name : {"username", "password"})
    if (form[name].empty()) errors.push_back({{"body", name}, "Field required", "missing"});
  if (!errors.empty()) throw ValidationError(errors);
  // An address that is not an email cannot match an account: the same 401 as a wrong password.
  auto email = normalize_email(form["username"]).value_or(form["username"]);
  auto token = s.auth.login(email, form["password"], req.client_ip);
  return Response::json(200, {{"access_token", token}, {"token_type", "bearer"}});
}

Response forgot_password(const Request& req, Services& s) {
  auto body = json_object_body(req);
  FieldReader f(body);
  auto email = f.required_email("email");
  f.finish();
  s.auth.forgot_password(email);
  return Response::message("If an account exists for this email, a password reset link is on its way.");
}

Response reset_password(const Request& req, Services& s) {
  auto body = json_object_body(req);
  FieldReader f(body);
  auto token = f.required_string("token", 256);
  auto password = f.required_password("new_password");
  f.finish();
  s.auth.reset_password(token, password);
  return Response::message("Password has been reset successfully. You can now log in.");
}

Response invite_password(const Request& req, Services& s) {
  auto body = json_object_body(req);
  FieldReader f(body);
  auto token = f.required_string("token", 256);
  auto password = f.required_password("password");
  auto name = f.optional_string("name", 200);
  f.finish();
  s.invitations.accept_with_password(token, password, name);
  return Response::message("Password set and invitation accepted. You can now log in.");
}

namespace {

std::string invitation_token(const Request& req) {
  auto body = json_object_body(req);
  FieldReader f(body);
  auto token = f.required_string("token", 256);
  f.finish();
  return token;
}

}  // namespace

Response accept_invitation(const Request& req, Services& s) {
  auto caller = caller_of(req);
  auto company_id = s.invitations.accept(caller, invitation_token(req));
  return Response::json(200, {{"message", "Invitation accepted"}, {"company_id", company_id}});
}

Response decline_invitation(const Request& req, Services& s) {
  s.invitations.decline(invitation_token(req));
  return Response::message("Invitation declined");
}

// The web app's sign-in (Reach adds): the same check as login, the token in an HttpOnly cookie the
// script never sees, and a CSRF token the app echoes in X-CSRF-Token on every write.
Response start_session(const Request& req, Services& s) {
  auto body = json_object_body(req);
  FieldReader f(body);
  auto email = f.required_string("email", 320);
  auto password = f.required_string("password", 1024);
  f.finish();
  auto token = s.auth.login(normalize_email(email).value_or(email), password, req.client_ip);
  auto csrf = s.auth.new_csrf_token();
  auto out = Response::json(200, {{"csrf_token", csrf}});
  out.headers.emplace_back("Set-Cookie", set_cookie(kSessionCookie, token, s.web.lifetime, true, s.web.secure));
  out.headers.emplace_back("Set-Cookie", set_cookie(kCsrfCookie, csrf, s.web.lifetime, false, s.web.secure));
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

// Signs the web app out: this session's token and every other one issued to the user are revoked
// (as logout), and both cookies are cleared.
Response end_session(const Request& req, Services& s) {
  s.auth.logout(caller_of(req));
  auto out = Response::message("Signed out.");
  out.headers.emplace_back("Set-Cookie", clear_cookie(kSessionCookie, true, s.web.secure));
  out.headers.emplace_back("Set-Cookie", clear_cookie(kCsrfCookie, false, s.web.secure));
  return out;
}

Response logout(const Request& req, Services& s) {
  s.auth.logout(caller_of(req));
  return Response::message("Logged out: every access token issued to you so far is revoked.");
}

Response get_me(const Request& req, Services& s) {
  auto user = s.auth.load_user(caller_of(req));
  return Response::json(200, to_json(user, s.companies.roles_of(user)));
}

Response update_me(const Request& req, Services& s) {
  auto caller = caller_of(req);
  auto body = json_object_body(req);
  FieldReader f(body);
  ProfileChange change{f.optional_string("name", 200), std::nullopt, f.optional_password("new_password")};
  if (body.contains("old_password") && !body["old_password"].is_null()) {
    if (body["old_password"].is_string())
      change.old_password = body["old_password"].get<std::string>();
    else
      f.add_error("old_password", "Input should be a valid string", "string_type");
  }
  if (change.new_password && !change.old_password)
    f.add_error("old_password", "Field required to change the password", "missing");
  f.finish();
  auto updated = s.auth.update_profile(caller, change);
  return Response::json(200, to_json(updated, s.companies.roles_of(updated)));
}

}  // namespace reach::auth_api
