-- The durable job queue shared by every `reach serve` and `reach worker` process.
-- status: queued → running → done, or back to queued (retry, lease expired), or dead (out of attempts).

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  run_at TEXT NOT NULL,
  locked_by TEXT,
  locked_until TEXT,
  last_error TEXT,
  idempotency_key TEXT UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX jobs_ready ON jobs(status, kind, run_at);
CREATE INDEX jobs_leases ON jobs(status, locked_until);
