-- Lead search on PostgreSQL: a GIN index of the words of name, email, company and job title (split at
-- anything not a letter or digit, as SQLite's unicode61 does). LeadStore's query repeats this
-- expression exactly, or the index is not used.
CREATE INDEX leads_search ON leads USING GIN (to_tsvector('simple', regexp_replace(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(company, '') || ' ' || coalesce(job_title, ''), '[^[:alnum:]]+', ' ', 'g')));
