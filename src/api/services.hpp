// What handlers may use: the services, the access check and the few things /metrics and /readyz
// report. Built once by App (app/app.cpp) and passed to every handler.
#pragma once
#include "accounts/auth_service.hpp"
#include "accounts/company_service.hpp"
#include "accounts/invitation_service.hpp"
#include "accounts/tenant_access.hpp"
#include "campaigns/campaign_service.hpp"
#include "campaigns/mailbox_service.hpp"
#include "campaigns/open_recorder.hpp"
#include "catalog/product_service.hpp"
#include "leads/lead_importer.hpp"
#include "leads/lead_service.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "store/database.hpp"
#include "writing/lead_writing_service.hpp"
#include "accounts/usage_ledger.hpp"

namespace reach {

// The web app's session cookies (http/cookies.hpp): how long they live (the access token's lifetime)
// and whether they are Secure (the public URL is https).
struct WebSession {
  std::chrono::seconds lifetime{86400};
  bool secure = false;
};

struct Services : HandlerContext {
  Database& db;
  AuthService& auth;
  CompanyService& companies;
  InvitationService& invitations;
  TenantAccess& access;
  ProductService& products;
  LeadService& leads;
  LeadImporter& imports;
  LeadWritingService& writing;
  UsageLedger& usage;
  MailboxService& mailbox;
  CampaignService& campaigns;
  OpenRecorder& opens;
  WorkerPool& workers;
  HttpMetrics& metrics;
  MovableClock& clock;  // moved only through the test-clock route, registered with --test-clock
  WebSession web;
};

}  // namespace reach
