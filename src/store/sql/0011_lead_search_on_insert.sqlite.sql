-- New leads enter the search index through LeadStore, one statement per import batch, instead of a
-- trigger per row: a trigger makes every insert a statement SQLite may have to undo (a statement
-- journal per row) and feeds FTS5 one row at a time; it was half of an import's time. Updates and
-- deletes keep their triggers.
DROP TRIGGER leads_search_insert;
