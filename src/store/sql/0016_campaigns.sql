-- Email campaigns: the company's mailbox, its sending limits, campaigns, their runs, one outreach item
-- per lead and run, the emails sent, opens and clicks, and the do-not-email list.

-- The company's own mailbox. The password is sealed (XChaCha20-Poly1305, key derived from the server
-- secret, the company id as associated data): base64 of nonce and ciphertext.
CREATE TABLE mailboxes (
  company_id TEXT PRIMARY KEY REFERENCES companies(id),
  account_type TEXT NOT NULL,
  email TEXT NOT NULL,
  from_name TEXT,
  smtp_host TEXT NOT NULL,
  smtp_port INTEGER NOT NULL,
  imap_host TEXT,
  imap_port INTEGER,
  security TEXT NOT NULL,
  sealed_password TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE email_throttles (
  company_id TEXT PRIMARY KEY REFERENCES companies(id),
  max_emails_per_hour INTEGER NOT NULL,
  max_emails_per_day INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);

-- Addresses (lower case) the company must not email: reason manual, unsubscribed or bounced.
CREATE TABLE do_not_email (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  email TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (company_id, email)
);

CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  product_id TEXT NOT NULL REFERENCES products(id),
  name TEXT NOT NULL,
  description TEXT,
  type TEXT NOT NULL,
  template TEXT,
  number_of_reminders INTEGER NOT NULL DEFAULT 0,
  days_between_reminders INTEGER NOT NULL DEFAULT 0,
  phone_number_of_reminders INTEGER NOT NULL DEFAULT 0,
  phone_days_between_reminders INTEGER NOT NULL DEFAULT 0,
  auto_reply_enabled INTEGER NOT NULL DEFAULT 0,
  trigger_call_on TEXT,
  scheduled_at TEXT,
  schedule TEXT,
  track_clicks INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX campaigns_by_company ON campaigns(company_id, created_at);

-- status: running, completed, failed, cancelled. At most one running run per campaign.
CREATE TABLE campaign_runs (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  company_id TEXT NOT NULL REFERENCES companies(id),
  run_at TEXT NOT NULL,
  status TEXT NOT NULL,
  leads_total INTEGER NOT NULL DEFAULT 0,
  has_failed_items INTEGER NOT NULL DEFAULT 0,
  failure_reason TEXT,
  slices INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE UNIQUE INDEX campaign_runs_one_running ON campaign_runs(campaign_id) WHERE status = 'running';
CREATE INDEX campaign_runs_by_company ON campaign_runs(company_id, created_at);

-- One lead in one run. state: queued -> written -> sending -> sent, or skipped, failed, uncertain
-- (found in sending after a crash: the server may or may not have taken it).
CREATE TABLE outreach_items (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES campaign_runs(id),
  company_id TEXT NOT NULL REFERENCES companies(id),
  lead_id TEXT NOT NULL REFERENCES leads(id),
  to_email TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  reason TEXT,
  subject TEXT,
  body TEXT,
  email_log_id TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  sending_at TEXT,
  sent_at TEXT,
  updated_at TEXT NOT NULL,
  UNIQUE (run_id, lead_id)
);
CREATE INDEX outreach_items_ready ON outreach_items(run_id, state, next_attempt_at);
CREATE INDEX outreach_items_sent_by_company ON outreach_items(company_id, sending_at);

-- Research about a lead's company, kept per company and domain so 50 leads of one firm cost one lookup.
CREATE TABLE research_cache (
  company_id TEXT NOT NULL REFERENCES companies(id),
  domain TEXT NOT NULL,
  insights TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (company_id, domain)
);

CREATE TABLE email_logs (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  campaign_run_id TEXT NOT NULL REFERENCES campaign_runs(id),
  lead_id TEXT NOT NULL REFERENCES leads(id),
  sent_at TEXT NOT NULL,
  open_count INTEGER NOT NULL DEFAULT 0,
  machine_open_count INTEGER NOT NULL DEFAULT 0,
  first_opened_at TEXT,
  click_count INTEGER NOT NULL DEFAULT 0,
  has_replied INTEGER NOT NULL DEFAULT 0,
  has_meeting_booked INTEGER NOT NULL DEFAULT 0,
  unsubscribed_at TEXT,
  bounced_at TEXT
);
CREATE INDEX email_logs_by_company ON email_logs(company_id, sent_at);
CREATE INDEX email_logs_by_campaign ON email_logs(campaign_id, sent_at);
CREATE INDEX email_logs_by_run ON email_logs(campaign_run_id);

-- The messages of one email's thread: ours (assistant) and the lead's replies (user).
CREATE TABLE email_log_details (
  id TEXT PRIMARY KEY,
  email_log_id TEXT NOT NULL REFERENCES email_logs(id),
  message_id TEXT NOT NULL UNIQUE,
  email_subject TEXT NOT NULL,
  email_body TEXT NOT NULL,
  sender_type TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  from_name TEXT,
  from_email TEXT NOT NULL,
  to_email TEXT NOT NULL
);
CREATE INDEX email_log_details_by_log ON email_log_details(email_log_id, sent_at);

-- Links rewritten for click tracking: the redirect goes only to the URL recorded here.
CREATE TABLE tracked_links (
  token TEXT PRIMARY KEY,
  email_log_id TEXT NOT NULL,
  url TEXT NOT NULL,
  click_count INTEGER NOT NULL DEFAULT 0,
  first_clicked_at TEXT
);
