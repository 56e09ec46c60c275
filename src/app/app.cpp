#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <csignal>
#include <thread>

#include <nlohmann/json.hpp>

#include "api/access_check.hpp"
#include "api/routes.hpp"
#include "providers/mail/outbox_campaign_mailer.hpp"
#include "providers/mail/outbox_mailer.hpp"
#include "providers/mail/smtp_campaign_mailer.hpp"
#include "providers/mail/smtp_mailer.hpp"
#include "providers/storage/local_blob_store.hpp"
#include "store/migrations.hpp"
#include "util/crypto.hpp"

namespace reach {

namespace {

// The host of the public URL: the right side of the Message-IDs of campaign mail.
std::string message_id_domain(const std::string& public_url) {
  auto start = public_url.find("://");
  std::string host = public_url.substr(start == std::string::npos ? 0 : start + 3);
  host = host.substr(0, host.find_first_of(":/"));
  return host.empty() || host == "127.0.0.1" || host == "localhost" ? "reach.local" : host;
}

}  // namespace

App::App(Config config) : config_(std::move(config)) {
  crypto_init();
  prepare_data_dir(config_);
  std::string secret = load_or_create_secret(config_);
  try {
    db_ = std::make_unique<Database>(config_.database_url, config_.db_pool_size);
  } catch (const std::exception& e) {
    throw ConfigError("REACH_DATABASE_URL", std::string("cannot open the database: ") + e.what());
  }
  int applied = apply_migrations(*db_);
  spdlog::info("database_ready engine={} url={} migrations_applied={}", db_->dialect().name(),
               redact_database_url(config_.database_url), applied);

  users_ = std::make_unique<UserStore>(*db_);
  company_store_ = std::make_unique<CompanyStore>(*db_);
  throttle_ = std::make_unique<LoginThrottleStore>(*db_);
  if (config_.system_smtp_url.empty())
    mailer_ = std::make_unique<OutboxMailer>(std::filesystem::path(config_.data_dir) / "outbox",
                                             config_.system_mail_from, clock_, rng_, config_.log_mail_links);
  else
    mailer_ = std::make_unique<SmtpMailer>(config_.system_smtp_url, config_.system_mail_from, clock_, rng_);
  ai_ = std::make_unique<AiProviders>(config_, rng_);
  usage_store_ = std::make_unique<UsageStore>(*db_);
  usage_ = std::make_unique<UsageLedger>(*usage_store_, clock_, config_.ai_price_table);
  jobs_ = std::make_unique<JobStore>(*db_);
  emails_ = std::make_unique<AccountEmails>(config_.public_url);
  jwt_ = std::make_unique<JwtCodec>(derive_key(secret, "jwt"), config_.jwt_ttl_seconds, clock_);
  tokens_ = std::make_unique<TokenIssuer>(*users_, clock_, rng_);
  auth_ = std::make_unique<AuthService>(
      AuthDeps{*users_, *jobs_, *throttle_, *tokens_, *mailer_, *emails_, *jwt_, clock_, rng_, LoginLimits{}});
  companies_ = std::make_unique<CompanyService>(CompanyDeps{
      *company_store_, *users_, ai_->researcher(), *usage_, *jobs_,
      std::chrono::duration_cast<std::chrono::milliseconds>(config_.research_deadline_seconds), clock_, rng_});
  invitation_store_ = std::make_unique<InvitationStore>(*db_);
  invitations_ =
      std::make_unique<InvitationService>(InvitationDeps{*invitation_store_, *company_store_, *users_, *tokens_,
                                                         *mailer_, *jobs_, *emails_, clock_, rng_, InvitationLimits{}});
  access_ = std::make_unique<TenantAccess>(*company_store_);
  blobs_ = std::make_unique<LocalBlobStore>(config_.data_dir);
  product_store_ = std::make_unique<ProductStore>(*db_);
  products_ = std::make_unique<ProductService>(*product_store_, *blobs_, clock_, rng_);
  lead_store_ = std::make_unique<LeadStore>(*db_);
  leads_ = std::make_unique<LeadService>(*lead_store_, clock_, rng_, PhoneNormalizer(config_.default_phone_region));
  workers_ = std::make_unique<WorkerPool>(
      *jobs_, clock_, rng_, WorkerOptions{.threads = config_.workers, .lease = config_.job_lease_seconds});
  upload_tasks_ = std::make_unique<UploadTaskStore>(*db_);
  header_advisor_ = std::make_unique<HeaderAdvisor>(ai_->writer(), ai_->prompts(), *usage_);
  importer_ = std::make_unique<LeadImporter>(LeadImporterDeps{
      *db_, *upload_tasks_, *lead_store_, *jobs_, *blobs_, clock_, rng_, PhoneNormalizer(config_.default_phone_region),
      config_.import_batch_rows,
      [this](const std::string& company_id, const std::vector<std::string>& headers,
             const std::vector<std::vector<std::string>>& samples,
             HeaderMapping& mapping) { header_advisor_->advise(company_id, headers, samples, mapping); },
      std::chrono::milliseconds(config_.import_commit_ms)});
  workers_->handle(kLeadImportJob, [this](const Job& job, JobContext& ctx) {
    importer_->run(nlohmann::json::parse(job.payload).at("task_id").get<std::string>(), ctx);
  });
  workers_->handle(kAccountMailJob, [this](const Job& job, JobContext&) { auth_->send_account_mail(job.payload); });
  workers_->handle(kInvitationMailJob,
                   [this](const Job& job, JobContext&) { invitations_->send_invitation_mail(job.payload); });
  workers_->handle(kCompanyResearchJob, [this](const Job& job, JobContext&) {
    companies_->research(nlohmann::json::parse(job.payload).at("company_id").get<std::string>(),
                         job.attempts >= job.max_attempts);
  });
  enrichments_ = std::make_unique<EnrichmentStore>(*db_);
  writing_ = std::make_unique<LeadWritingService>(LeadWritingDeps{*companies_, *products_, *leads_, *lead_store_,
                                                                  *enrichments_, ai_->writer(), ai_->researcher(),
                                                                  ai_->prompts(), *usage_, clock_});
  if (config_.campaign_mail == "outbox")
    campaign_mailer_ = std::make_unique<OutboxCampaignMailer>(std::filesystem::path(config_.data_dir) / "outbox", rng_);
  else
    campaign_mailer_ = std::make_unique<SmtpCampaignMailer>(
        SmtpTimeouts{std::chrono::seconds(10), config_.smtp_timeout_seconds}, rng_);
  mailbox_store_ = std::make_unique<MailboxStore>(*db_);
  campaign_store_ = std::make_unique<CampaignStore>(*db_);
  email_logs_ = std::make_unique<EmailLogStore>(*db_);
  mailbox_ = std::make_unique<MailboxService>(MailboxDeps{*mailbox_store_, *email_logs_, *campaign_mailer_,
                                                          derive_key(secret, "secrets"),
                                                          derive_key(secret, "unsubscribe"), clock_, rng_});
  campaigns_ = std::make_unique<CampaignService>(CampaignDeps{*campaign_store_, *email_logs_, *mailbox_, *products_,
                                                              *upload_tasks_, *jobs_, clock_, rng_,
                                                              message_id_domain(config_.public_url)});
  runner_ = std::make_unique<CampaignRunner>(
      RunnerDeps{*campaign_store_, *email_logs_, *mailbox_, *companies_, *products_, *leads_, *enrichments_,
                 ai_->writer(), ai_->researcher(), ai_->prompts(), *usage_, *campaign_mailer_, *jobs_, clock_, rng_},
      RunnerOptions{.concurrency = config_.campaign_concurrency,
                    .send_timeout = config_.smtp_timeout_seconds,
                    .public_url = config_.public_url});
  workers_->handle(kCampaignRunJob, [this](const Job& job, JobContext& ctx) {
    runner_->run_slice(nlohmann::json::parse(job.payload).at("run_id").get<std::string>(), job.attempts, ctx);
  });
  opens_ = std::make_unique<OpenRecorder>(*email_logs_, clock_);
  services_ = std::make_unique<Services>(
      Services{{},
               *db_,
               *auth_,
               *companies_,
               *invitations_,
               *access_,
               *products_,
               *leads_,
               *importer_,
               *writing_,
               *usage_,
               *mailbox_,
               *campaigns_,
               *opens_,
               *workers_,
               metrics_,
               clock_,
               WebSession{config_.jwt_ttl_seconds, config_.public_url.rfind("https://", 0) == 0}});
  add_routes(router_, RouteOptions{.test_clock = config_.test_clock});
  dispatcher_ = std::make_unique<Dispatcher>(
      router_, *services_,
      [this](Request& req, const Access& access) { check_access(req, access, *services_, config_.metrics_token); },
      metrics_, BodyLimits{config_.max_body_bytes, config_.max_upload_bytes, config_.max_lead_upload_bytes});
}

App::~App() = default;

void App::start_http() {
  ServerOptions o;
  o.host = config_.listen_host;
  o.port = config_.listen_port;
  o.threads = config_.http_threads;
  o.polling_threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  o.max_connections = config_.max_connections;
  o.memory_bodies_budget = config_.max_body_bytes_in_flight;
  o.max_spooled_uploads = config_.max_uploads_in_flight;
  o.trusted_proxies = TrustedProxies::parse(config_.trusted_proxies);
  o.spool_dir = (std::filesystem::path(config_.data_dir) / "tmp").string();
  std::filesystem::create_directories(o.spool_dir);
  server_ = std::make_unique<HttpServer>(o, *dispatcher_);
  server_->start();
  opens_->start();
}

void App::stop_http() {
  if (server_) server_->stop();
  opens_->stop();  // after the last request: every open is written
}

void App::start_workers() {
  if (config_.workers == 0) return;  // then `reach worker` processes run the jobs
  workers_->start();
}

void App::stop_workers() { workers_->stop(); }

int wait_for_shutdown_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
  spdlog::info("signal_received signal={}", sig == SIGINT ? "SIGINT" : "SIGTERM");
  return sig;
}

}  // namespace reach
