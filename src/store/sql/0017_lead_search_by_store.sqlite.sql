-- The search index is written by LeadStore alone (store/leads_sqlite.cpp), around every write of a
-- searched column or of `deleted`, as new leads already were (0011): one mechanism, in one class,
-- instead of triggers for updates and deletes beside a batch statement for inserts.
DROP TRIGGER leads_search_update;
DROP TRIGGER leads_search_delete;
