-- The words of a lead stored beside it (a generated column) and indexed, instead of an index on the
-- expression: a GIN match on a word prefix is rechecked against each matching row, and recomputing
-- the expression (a regular expression over four columns) for 100,000 matches took a second at a
-- million leads. LeadStore searches `search_vector`.
DROP INDEX leads_search;
ALTER TABLE leads ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(company, '') || ' ' || coalesce(job_title, ''), '[^[:alnum:]]+', ' ', 'g'))) STORED;
CREATE INDEX leads_search ON leads USING GIN (search_vector);
