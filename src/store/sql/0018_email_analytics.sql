-- A lead's emails (the lead's page) and an email's tracked links (clicks per day in a campaign's
-- analytics), each found by index instead of a scan.
CREATE INDEX email_logs_by_lead ON email_logs(lead_id, sent_at);
CREATE INDEX tracked_links_by_email ON tracked_links(email_log_id);
