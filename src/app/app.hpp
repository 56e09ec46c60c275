// The composition root: builds every component once from Config, in dependency order, and owns them.
// Nothing else constructs services; tests build an App the same way the binary does.
#pragma once
#include <memory>

#include "app/ai_providers.hpp"
#include "app/config.hpp"
#include "api/services.hpp"
#include "http/dispatcher.hpp"
#include "http/server.hpp"
#include "jobs/worker_pool.hpp"
#include "campaigns/campaign_runner.hpp"
#include "writing/header_advisor.hpp"

namespace reach {

class App {
 public:
  // Opens the database and applies migrations; throws on bad configuration or an unreachable database.
  explicit App(Config config);
  ~App();

  void start_http();
  void stop_http();
  // Job workers (REACH_WORKERS threads): in `reach serve` beside HTTP, alone in `reach worker`.
  void start_workers();
  void stop_workers();
  Services& services() { return *services_; }
  const Config& config() const { return config_; }

 private:
  Config config_;
  MovableClock clock_;  // the system clock unless --test-clock moves it (POST /api/test/clock)
  SecureRng rng_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<UserStore> users_;
  std::unique_ptr<CompanyStore> company_store_;
  std::unique_ptr<LoginThrottleStore> throttle_;
  std::unique_ptr<SystemMailer> mailer_;
  std::unique_ptr<AiProviders> ai_;
  std::unique_ptr<UsageStore> usage_store_;
  std::unique_ptr<UsageLedger> usage_;
  std::unique_ptr<AccountEmails> emails_;
  std::unique_ptr<JwtCodec> jwt_;
  std::unique_ptr<TokenIssuer> tokens_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<CompanyService> companies_;
  std::unique_ptr<InvitationStore> invitation_store_;
  std::unique_ptr<InvitationService> invitations_;
  std::unique_ptr<TenantAccess> access_;
  std::unique_ptr<BlobStore> blobs_;
  std::unique_ptr<ProductStore> product_store_;
  std::unique_ptr<ProductService> products_;
  std::unique_ptr<LeadStore> lead_store_;
  std::unique_ptr<LeadService> leads_;
  std::unique_ptr<UploadTaskStore> upload_tasks_;
  std::unique_ptr<HeaderAdvisor> header_advisor_;
  std::unique_ptr<LeadImporter> importer_;
  std::unique_ptr<JobStore> jobs_;
  std::unique_ptr<WorkerPool> workers_;
  std::unique_ptr<EnrichmentStore> enrichments_;
  std::unique_ptr<LeadWritingService> writing_;
  std::unique_ptr<CampaignMailer> campaign_mailer_;
  std::unique_ptr<MailboxStore> mailbox_store_;
  std::unique_ptr<CampaignStore> campaign_store_;
  std::unique_ptr<EmailLogStore> email_logs_;
  std::unique_ptr<MailboxService> mailbox_;
  std::unique_ptr<CampaignService> campaigns_;
  std::unique_ptr<CampaignRunner> runner_;
  std::unique_ptr<OpenRecorder> opens_;
  HttpMetrics metrics_;
  std::unique_ptr<Services> services_;
  Router router_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::unique_ptr<HttpServer> server_;
};

// Blocks until SIGINT or SIGTERM (which main() blocks in every thread so they arrive here).
int wait_for_shutdown_signal();

}  // namespace reach
