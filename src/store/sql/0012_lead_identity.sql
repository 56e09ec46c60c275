-- A lead's identity within a company is its email address: two addresses are two leads even when they
-- share a phone number (colleagues share office lines), so phone numbers are no longer unique. A lead
-- without an email is the same lead as another without one only when phone number and name both match.
-- Upload results count created and updated leads apart (leads_saved stays their sum).
DROP INDEX leads_company_phone;
CREATE INDEX leads_company_phone ON leads(company_id, phone_number);
CREATE UNIQUE INDEX leads_company_phone_name_without_email ON leads(company_id, phone_number, name) WHERE email IS NULL;
ALTER TABLE upload_tasks ADD COLUMN leads_created BIGINT NOT NULL DEFAULT 0;
ALTER TABLE upload_tasks ADD COLUMN leads_updated BIGINT NOT NULL DEFAULT 0;
UPDATE upload_tasks SET leads_created = leads_saved;
