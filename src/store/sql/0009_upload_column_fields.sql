-- The field each column of an upload was mapped to (JSON array: a field name or null per column), saved
-- before the first row is imported, so an import resumed after a crash maps its columns the same way
-- (the model that helped map them need not answer twice, nor answer the same).
ALTER TABLE upload_tasks ADD COLUMN column_fields TEXT;
