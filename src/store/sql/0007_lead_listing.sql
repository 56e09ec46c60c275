-- Lead pages newest first straight from an index (id breaks ties of created_at), and the number of live
-- leads per company kept up to date by the store in the transaction that changes it, so a page's total
-- is one row instead of a count over a million.
DROP INDEX leads_company_listing;
CREATE INDEX leads_company_listing ON leads(company_id, deleted, created_at, id);
CREATE TABLE lead_counts (
  company_id TEXT PRIMARY KEY REFERENCES companies(id),
  live BIGINT NOT NULL
);
INSERT INTO lead_counts (company_id, live) SELECT company_id, COUNT(*) FROM leads WHERE deleted = 0 GROUP BY company_id;
