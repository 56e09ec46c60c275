#include "api/routes.hpp"

#include "api/auth_api.hpp"
#include "api/companies_api.hpp"
#include "api/leads_api.hpp"
#include "api/products_api.hpp"
#include "api/tasks_api.hpp"
#include "api/system_api.hpp"
#include "api/writing_api.hpp"

namespace reach {

void add_routes(Router& r) {
  // Service endpoints
  r.get_never_blocking("/healthz", system_api::healthz);
  r.get("/readyz", system_api::readyz);
  r.get("/metrics", system_api::metrics);
  r.get("/openapi.json", system_api::openapi);
  r.get("/docs", system_api::docs);

  // Auth and users
  r.post("/api/auth/signup", auth_api::signup);
  r.post("/api/auth/verify", auth_api::verify);
  r.post("/api/auth/resend-verification", auth_api::resend_verification);
  r.post("/api/auth/login", auth_api::login);
  r.post("/api/auth/forgot-password", auth_api::forgot_password);
  r.post("/api/auth/reset-password", auth_api::reset_password);
  r.post("/api/auth/invite-password", auth_api::invite_password);
  r.post("/api/auth/logout", auth_api::logout);
  r.post("/api/invitations/accept", auth_api::accept_invitation);
  r.post("/api/auth/decline-invitation", auth_api::decline_invitation);
  r.get("/api/users/me", auth_api::get_me);
  r.patch("/api/users/me", auth_api::update_me);

  // Companies and tenancy
  r.post("/api/companies", companies_api::create);
  r.get("/api/companies", companies_api::list);
  r.get("/api/companies/{company_id}", companies_api::get);
  r.del("/api/companies/{company_id}", companies_api::remove);
  r.get("/api/companies/{company_id}/users", companies_api::members);
  r.post("/api/companies/{company_id}/invite", companies_api::invite);

  // Products
  r.post("/api/companies/{company_id}/products", products_api::create, BodyLimit::upload);
  r.get("/api/companies/{company_id}/products", products_api::list);
  r.get("/api/companies/{company_id}/products/{product_id}", products_api::get);
  r.put("/api/companies/{company_id}/products/{product_id}", products_api::update);
  r.del("/api/companies/{company_id}/products/{product_id}", products_api::remove);
  r.get("/api/companies/{company_id}/products/{product_id}/file", products_api::file);

  // Leads
  r.post("/api/companies/{company_id}/leads", leads_api::create);
  r.post("/api/companies/{company_id}/leads/upload", tasks_api::upload_leads, BodyLimit::lead_upload);
  r.get("/api/tasks/{task_id}", tasks_api::get_task);
  r.get("/api/upload-tasks/{task_id}/skipped-rows", tasks_api::skipped_rows);
  r.get("/api/companies/{company_id}/leads", leads_api::list);
  r.get("/api/companies/{company_id}/leads/{lead_id}", leads_api::get);
  r.del("/api/companies/{company_id}/leads/{lead_id}", leads_api::remove);

  // AI writing and its cost
  r.post("/api/companies/{company_id}/leads/{lead_id}/enrich", writing_api::enrich);
  r.get("/api/companies/{company_id}/leads/{lead_id}/emailscript", writing_api::email_preview);
  r.get("/api/companies/{company_id}/leads/{lead_id}/callscript", writing_api::call_script_preview);
  r.get("/api/companies/{company_id}/usage", writing_api::usage);
}

}  // namespace reach
