-- Whether research about a company's website is still running (pending), finished (done), gave up
-- (failed) or had nothing to do (skipped: no website).
ALTER TABLE companies ADD COLUMN research_status TEXT NOT NULL DEFAULT 'skipped';
UPDATE companies SET research_status = CASE WHEN website IS NULL THEN 'skipped' WHEN overview IS NOT NULL THEN 'done' ELSE 'failed' END;
