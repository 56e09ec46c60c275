#include "app/demo.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "app/demo_campaign.hpp"
#include "api/services.hpp"
#include "leads/lead_service.hpp"
#include "writing/lead_writing_service.hpp"

namespace reach {
namespace {

constexpr const char* kDemoEmail = "demo@reach.local";
constexpr const char* kDemoPassword = "reach-demo-password";
constexpr const char* kDemoCompany = "Acme Robotics (demo)";
constexpr const char* kDemoProduct = "WeldBot X2";
constexpr const char* kDemoProductSheet =
    "WeldBot X2 - collaborative welding cell\n\n"
    "WeldBot X2 lets small and mid-sized metal shops automate MIG welding without a robot programmer.\n"
    "Operators teach a seam by guiding the torch by hand; the cell repeats it within 0.1 mm.\n"
    "Typical results: cycle time down 40%, rework down by half, payback in under 9 months.\n"
    "Integrates with Siemens and Allen-Bradley PLCs and ships with fume extraction and a light curtain.\n"
    "Pricing: from $1,200 per month on a 36-month plan, installation and training included.\n";

struct DemoLead {
  const char* name;
  const char* email;
  const char* company;
  const char* job_title;
  const char* industry;
};
constexpr DemoLead kDemoLeads[] = {
    {"Maria Keller", "maria.keller@keller-metallbau.example", "Keller Metallbau", "Owner", "Metal fabrication"},
    {"Tom Baker", "tom.baker@baker-automotive.example", "Baker Automotive Parts", "Plant Manager", "Automotive"},
};

// The demo leads (again, if deleted since); returns the first one's id.
std::string ensure_demo_leads(Services& s, const std::string& company_id) {
  std::string first;
  for (const auto& d : kDemoLeads) {
    auto found = s.leads.list(company_id, d.email, 1, 1);
    std::string id;
    if (!found.items.empty()) {
      id = found.items.front().id;
    } else {
      Lead lead{.name = d.name};
      lead.field(LeadField::email) = d.email;
      lead.field(LeadField::company) = d.company;
      lead.field(LeadField::job_title) = d.job_title;
      lead.field(LeadField::industry) = d.industry;
      id = s.leads.create(company_id, std::move(lead)).id;
    }
    if (first.empty()) first = id;
  }
  return first;
}

std::size_t discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }

// One GET through the real HTTP stack, as a user would make it; returns the status (0: no answer).
long http_get_status(const std::string& url, const std::string& token) {
  CURL* c = curl_easy_init();
  if (!c) return 0;
  std::string auth = "Authorization: Bearer " + token;
  curl_slist* headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
  long status = 0;
  if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(c);
  return status;
}

std::string indent(const std::string& text) {
  std::string out = "  ";
  for (char ch : text) {
    out += ch;
    if (ch == '\n') out += "  ";
  }
  return out;
}

}  // namespace

int run_demo(Config config, const DemoOptions& options) {
  config.log_mail_links = true;     // a demo's reader follows the verification link from the log
  config.campaign_mail = "outbox";  // campaign mail is written to <data dir>/outbox/, never sent
  App app(std::move(config));
  auto& s = app.services();
  User user = s.auth.ensure_verified_user(kDemoEmail, kDemoPassword, "Demo User");
  std::optional<Company> company;
  Caller caller{user.id, user.email};
  for (const auto& c : s.companies.list_for(caller))
    if (c.name == kDemoCompany) company = c;
  if (!company)
    company = s.companies
                  .create(caller, NewCompany{kDemoCompany, "https://acme-robotics.example", "Industrial automation",
                                             "Berlin, Germany"})
                  .first;
  auto products = s.products.list(company->id);
  std::string product_id = products.empty()
                               ? s.products.create(company->id, kDemoProduct, "weldbot-x2.txt", kDemoProductSheet).id
                               : products.front().id;
  std::string lead_id = ensure_demo_leads(s, company->id);
  ensure_demo_campaign_leads(s, company->id);
  EmailDraft preview = s.writing.email_preview(company->id, lead_id, product_id);
  app.start_http();
  app.start_workers();  // lead uploads are imported in the background
  std::string token = s.auth.issue_access_token(user);
  std::string base = "http://" + app.config().listen;
  std::string company_url = base + "/api/companies/" + company->id;
  fmt::print(
      "\nReach is running at {base}  (API docs: {base}/docs)\n\n"
      "  demo login:   {email} / {password}\n"
      "  demo company: {company} ({id}), product: {product}\n"
      "  system mail:  {outbox}\n\n"
      "The first email Reach would write to demo lead {lead} ({llm}):\n\n"
      "  Subject: {subject}\n\n{body}\n\n"
      "Try it:\n"
      "  curl -s -H 'Authorization: Bearer {token}' {url}\n\n"
      "  curl -s -H 'Authorization: Bearer {token}' '{url}/leads/{lead_id}/emailscript?product_id={product_id}'\n\n"
      "  curl -s -X POST {base}/api/auth/login -d 'username={email}&password={password}'\n\n",
      fmt::arg("base", base), fmt::arg("email", kDemoEmail), fmt::arg("password", kDemoPassword),
      fmt::arg("company", kDemoCompany), fmt::arg("id", company->id), fmt::arg("product", kDemoProduct),
      fmt::arg("outbox", app.config().system_smtp_url.empty() ? app.config().data_dir + "/outbox/" : "SMTP"),
      fmt::arg("token", token), fmt::arg("url", company_url), fmt::arg("lead", kDemoLeads[0].name),
      fmt::arg("llm", app.config().llm), fmt::arg("subject", preview.subject), fmt::arg("body", indent(preview.body)),
      fmt::arg("lead_id", lead_id), fmt::arg("product_id", product_id));
  std::fflush(stdout);
  DemoRunSummary run = run_demo_campaign(s, company->id, product_id);
  fmt::print(
      "Campaign run {status}: sent {sent}, failed {failed}, skipped {skipped}, uncertain {uncertain} of {total} "
      "leads.\n"
      "  the emails:   {outbox}*-campaign-*.eml (open them in any mail client)\n"
      "  through the API:\n"
      "  curl -s -H 'Authorization: Bearer {token}' '{url}/campaign-runs?campaign_id={campaign}'\n"
      "  curl -s -H 'Authorization: Bearer {token}' '{url}/emails?campaign_id={campaign}'\n"
      "  curl -s -H 'Authorization: Bearer {token}' '{base}/api/campaign-runs/{run}/items'\n\n",
      fmt::arg("status", run.status), fmt::arg("sent", run.counts.sent), fmt::arg("failed", run.counts.failed),
      fmt::arg("skipped", run.counts.skipped), fmt::arg("uncertain", run.counts.uncertain),
      fmt::arg("total", run.leads_total), fmt::arg("outbox", app.config().data_dir + "/outbox/"),
      fmt::arg("token", token), fmt::arg("url", company_url), fmt::arg("campaign", run.campaign_id),
      fmt::arg("base", base), fmt::arg("run", run.run_id));
  std::fflush(stdout);
  if (options.once) {
    long status = http_get_status(company_url, token);
    fmt::print("demo self-check: GET {} -> {}\n", company_url, status);
    app.stop_http();
    app.stop_workers();
    return status == 200 && run.status == "completed" ? 0 : 1;
  }
  fmt::print("Press Ctrl-C to stop.\n");
  std::fflush(stdout);
  wait_for_shutdown_signal();
  app.stop_http();
  app.stop_workers();
  return 0;
}

}  // namespace reach
