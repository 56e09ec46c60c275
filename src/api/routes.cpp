#include "api/routes.hpp"

#include "api/services.hpp"

#include "api/auth_api.hpp"
#include "api/campaigns_api.hpp"
#include "api/mailbox_api.hpp"
#include "api/companies_api.hpp"
#include "api/leads_api.hpp"
#include "api/products_api.hpp"
#include "api/tasks_api.hpp"
#include "api/system_api.hpp"
#include "api/web_api.hpp"
#include "api/writing_api.hpp"

namespace reach {
namespace {

// The router passes the HandlerContext it was given: the Services the app built.
template <Response (*Handle)(const Request&, Services&)>
Response call(const Request& req, HandlerContext& context) {
  return Handle(req, static_cast<Services&>(context));
}

}  // namespace

// One route a line, its access beside it: the table reads top to bottom.
// clang-format off
void add_routes(Router& r, RouteOptions options) {
  // Service endpoints
  r.get_never_blocking("/healthz", anyone(), call<system_api::healthz>);
  r.get("/readyz", anyone(), call<system_api::readyz>);
  r.get("/metrics", operator_only(), call<system_api::metrics>);
  r.get("/openapi.json", anyone(), call<system_api::openapi>);
  r.get("/docs", anyone(), call<system_api::docs>);

  // The web app: pages (one shell; the script renders the page the path names) and its assets
  for (const char* path : {"/", "/signup", "/login", "/verify", "/forgot-password", "/reset-password", "/invite", "/app"})
    r.get(path, anyone(), call<web_api::page>);
  r.get("/assets/{name}", anyone(), call<web_api::asset>);

  // Auth and users
  r.post("/api/auth/signup", anyone(), call<auth_api::signup>);
  r.post("/api/auth/verify", anyone(), call<auth_api::verify>);
  r.post("/api/auth/resend-verification", anyone(), call<auth_api::resend_verification>);
  r.post("/api/auth/login", anyone(), call<auth_api::login>);
  r.post("/api/auth/forgot-password", anyone(), call<auth_api::forgot_password>);
  r.post("/api/auth/reset-password", anyone(), call<auth_api::reset_password>);
  r.post("/api/auth/invite-password", anyone(), call<auth_api::invite_password>);
  r.post("/api/auth/logout", signed_in(), call<auth_api::logout>);
  r.post("/api/auth/session", anyone(), call<auth_api::start_session>);
  r.del("/api/auth/session", signed_in(), call<auth_api::end_session>);
  r.post("/api/invitations/accept", signed_in(), call<auth_api::accept_invitation>);
  r.post("/api/auth/decline-invitation", anyone(), call<auth_api::decline_invitation>);
  r.get("/api/users/me", signed_in(), call<auth_api::get_me>);
  r.patch("/api/users/me", signed_in(), call<auth_api::update_me>);

  // Companies and tenancy
  r.post("/api/companies", signed_in(), call<companies_api::create>);
  r.get("/api/companies", signed_in(), call<companies_api::list>);
  r.get("/api/companies/{company_id}", member(Permission::read_company), call<companies_api::get>);
  r.patch("/api/companies/{company_id}", member(Permission::manage_company), call<companies_api::update>);
  r.del("/api/companies/{company_id}", member(Permission::manage_company), call<companies_api::remove>);
  r.get("/api/companies/{company_id}/users", member(Permission::read_company), call<companies_api::members>);
  r.post("/api/companies/{company_id}/invite", member(Permission::manage_members), call<companies_api::invite>);
  r.patch("/api/companies/{company_id}/users/{user_id}", member(Permission::manage_members), call<companies_api::change_member>);
  r.del("/api/companies/{company_id}/users/{user_id}", member(Permission::manage_members), call<companies_api::remove_member>);

  // Products
  r.post("/api/companies/{company_id}/products", member(Permission::run_outreach), call<products_api::create>, BodyLimit::upload);
  r.get("/api/companies/{company_id}/products", member(Permission::read_company), call<products_api::list>);
  r.get("/api/companies/{company_id}/products/{product_id}", member(Permission::read_company), call<products_api::get>);
  r.put("/api/companies/{company_id}/products/{product_id}", member(Permission::run_outreach), call<products_api::update>);
  r.del("/api/companies/{company_id}/products/{product_id}", member(Permission::run_outreach), call<products_api::remove>);
  r.get("/api/companies/{company_id}/products/{product_id}/file", member(Permission::read_company), call<products_api::file>);

  // Leads
  r.post("/api/companies/{company_id}/leads", member(Permission::run_outreach), call<leads_api::create>);
  r.post("/api/companies/{company_id}/leads/upload", member(Permission::run_outreach), call<tasks_api::upload_leads>, BodyLimit::lead_upload);
  r.get("/api/tasks/{task_id}", signed_in(), call<tasks_api::get_task>);
  r.get("/api/upload-tasks/{task_id}/skipped-rows", signed_in(), call<tasks_api::skipped_rows>);
  r.get("/api/companies/{company_id}/leads", member(Permission::read_company), call<leads_api::list>);
  r.get("/api/companies/{company_id}/leads/{lead_id}", member(Permission::read_company), call<leads_api::get>);
  r.put("/api/companies/{company_id}/leads/{lead_id}", member(Permission::run_outreach), call<leads_api::update>);
  r.del("/api/companies/{company_id}/leads/{lead_id}", member(Permission::run_outreach), call<leads_api::remove>);

  // AI writing and its cost
  r.post("/api/companies/{company_id}/leads/{lead_id}/enrich", member(Permission::run_outreach), call<writing_api::enrich>);
  r.get("/api/companies/{company_id}/leads/{lead_id}/enrichments", member(Permission::read_company), call<writing_api::enrichments>);
  r.get("/api/companies/{company_id}/leads/{lead_id}/emailscript", member(Permission::run_outreach), call<writing_api::email_preview>);
  r.get("/api/companies/{company_id}/leads/{lead_id}/callscript", member(Permission::run_outreach), call<writing_api::call_script_preview>);
  r.get("/api/companies/{company_id}/usage", member(Permission::read_company), call<writing_api::usage>);

  // The company's mailbox and who it must not email
  r.post("/api/companies/{company_id}/account-credentials", member(Permission::manage_company), call<mailbox_api::put_credentials>);
  r.get("/api/companies/{company_id}/account-credentials", member(Permission::manage_company), call<mailbox_api::get_credentials>);
  r.get("/api/companies/{company_id}/email-throttle", member(Permission::read_company), call<mailbox_api::get_throttle>);
  r.put("/api/companies/{company_id}/email-throttle", member(Permission::manage_company), call<mailbox_api::put_throttle>);
  r.get("/api/companies/{company_id}/do-not-email", member(Permission::read_company), call<mailbox_api::list_do_not_email>);
  r.post("/api/companies/{company_id}/do-not-email", member(Permission::run_outreach), call<mailbox_api::add_do_not_email>);
  r.del("/api/companies/{company_id}/do-not-email", member(Permission::run_outreach), call<mailbox_api::remove_do_not_email>);

  // Campaigns, runs and the emails they sent (routes without a company check tenancy on the object's)
  r.post("/api/companies/{company_id}/campaigns", member(Permission::run_outreach), call<campaigns_api::create>);
  r.get("/api/companies/{company_id}/campaigns", member(Permission::read_company), call<campaigns_api::list>);
  r.get("/api/campaigns/{campaign_id}", signed_in(), call<campaigns_api::get>);
  r.post("/api/campaigns/{campaign_id}/run", signed_in(), call<campaigns_api::run>);
  r.get("/api/companies/{company_id}/campaign-runs", member(Permission::read_company), call<campaigns_api::runs>);
  r.get("/api/campaigns/{campaign_id}/analytics", signed_in(), call<campaigns_api::analytics>);
  r.get("/api/campaign-runs/{run_id}", signed_in(), call<campaigns_api::get_run>);
  r.get("/api/campaign-runs/{run_id}/items", signed_in(), call<campaigns_api::run_items>);
  r.post("/api/campaign-runs/{run_id}/cancel", signed_in(), call<campaigns_api::cancel_run>);
  r.get("/api/companies/{company_id}/emails", member(Permission::read_company), call<campaigns_api::emails>);
  r.get("/api/companies/{company_id}/emails/{email_log_id}", member(Permission::read_company), call<campaigns_api::thread>);

  // What campaign mail links to: public by design, each guarded by an unguessable id or a sealed token
  r.get_never_blocking("/api/track-email/{email_log_id}", anyone(), call<mailbox_api::track_email>);
  r.get("/api/track-click/{token}", anyone(), call<mailbox_api::track_click>);
  r.get("/unsubscribe/{token}", anyone(), call<mailbox_api::unsubscribe_page>);
  r.post("/unsubscribe/{token}", anyone(), call<mailbox_api::unsubscribe>);

  // Tests only: the clock functional tests move (never in a deployment: Config refuses it there)
  if (options.test_clock) {
    r.get("/api/test/clock", anyone(), call<system_api::test_clock>);
    r.post("/api/test/clock", anyone(), call<system_api::test_clock>);
  }
}
// clang-format on

}  // namespace reach
