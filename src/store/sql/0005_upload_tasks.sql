-- Lead list uploads processed in the background, and the rows they skipped (with why).
-- rows_processed is the import's checkpoint: it moves in the same transaction as the leads it covers.

CREATE TABLE upload_tasks (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  file_name TEXT NOT NULL,
  blob_key TEXT NOT NULL,
  status TEXT NOT NULL,
  rows_processed BIGINT NOT NULL DEFAULT 0,
  leads_saved BIGINT NOT NULL DEFAULT 0,
  leads_skipped BIGINT NOT NULL DEFAULT 0,
  unmapped_headers TEXT,
  failure_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX upload_tasks_by_company ON upload_tasks(company_id, status);

CREATE TABLE upload_skipped_rows (
  task_id TEXT NOT NULL REFERENCES upload_tasks(id),
  row_number BIGINT NOT NULL,
  reason TEXT NOT NULL,
  raw_data TEXT NOT NULL,
  PRIMARY KEY (task_id, row_number)
);
