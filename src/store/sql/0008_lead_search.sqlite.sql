-- Lead search on SQLite: an FTS5 index of the words of live leads' name, email, company and job title
-- (unicode61: split at anything not a letter or digit, case-folded), plus the company as one token
-- (its id without dashes) so a search never leaves its tenant. Contentless: the words stay in leads.
-- Triggers keep it in step in the same transaction; a soft-deleted lead leaves the index.
CREATE VIRTUAL TABLE leads_search USING fts5(tenant, name, email, company, job_title, content='', tokenize='unicode61');
INSERT INTO leads_search (rowid, tenant, name, email, company, job_title) SELECT rowid, replace(company_id, '-', ''), name, email, company, job_title FROM leads WHERE deleted = 0;
CREATE TRIGGER leads_search_insert AFTER INSERT ON leads WHEN NEW.deleted = 0 BEGIN INSERT INTO leads_search (rowid, tenant, name, email, company, job_title) VALUES (NEW.rowid, replace(NEW.company_id, '-', ''), NEW.name, NEW.email, NEW.company, NEW.job_title); END;
CREATE TRIGGER leads_search_update AFTER UPDATE OF name, email, company, job_title, deleted ON leads BEGIN INSERT INTO leads_search (leads_search, rowid, tenant, name, email, company, job_title) SELECT 'delete', OLD.rowid, replace(OLD.company_id, '-', ''), OLD.name, OLD.email, OLD.company, OLD.job_title WHERE OLD.deleted = 0; INSERT INTO leads_search (rowid, tenant, name, email, company, job_title) SELECT NEW.rowid, replace(NEW.company_id, '-', ''), NEW.name, NEW.email, NEW.company, NEW.job_title WHERE NEW.deleted = 0; END;
CREATE TRIGGER leads_search_delete AFTER DELETE ON leads WHEN OLD.deleted = 0 BEGIN INSERT INTO leads_search (leads_search, rowid, tenant, name, email, company, job_title) VALUES ('delete', OLD.rowid, replace(OLD.company_id, '-', ''), OLD.name, OLD.email, OLD.company, OLD.job_title); END;
