-- Leads of a company. Within a company a lead is unique by email and by phone (NULLs do not collide).
-- hiring_positions, location_move and job_change hold JSON text.

CREATE TABLE leads (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  upload_task_id TEXT,
  name TEXT NOT NULL,
  first_name TEXT,
  last_name TEXT,
  email TEXT,
  company TEXT,
  phone_number TEXT,
  company_size TEXT,
  job_title TEXT,
  website TEXT,
  industry TEXT,
  lead_source TEXT,
  education TEXT,
  personal_linkedin_url TEXT,
  country TEXT,
  city TEXT,
  state TEXT,
  mobile TEXT,
  direct_phone TEXT,
  office_phone TEXT,
  hq_location TEXT,
  hiring_positions TEXT,
  location_move TEXT,
  job_change TEXT,
  enriched_data TEXT,
  do_not_contact INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX leads_company_email ON leads(company_id, email);
CREATE UNIQUE INDEX leads_company_phone ON leads(company_id, phone_number);
CREATE INDEX leads_company_listing ON leads(company_id, deleted, created_at);
